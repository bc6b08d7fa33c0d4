using System.Xml.Linq;
using Publisher.Epub;
using Publisher.Model;
using Publisher.TestKit.Epub;
using Publisher.UnitTests.Epub;
using static Publisher.UnitTests.Manuscript.ManuscriptHelper;

namespace Publisher.UnitTests.Manuscript;

/// <summary>
/// Raw HTML and hostile links in a chapter: safe tags become model nodes, active content goes with a warning naming
/// the place, and whatever is written, the model is a tree and the EPUB well-formed XHTML.
/// </summary>
public sealed class HostileMarkdownTests
{
    private static List<Block> Blocks(StageResult<BookDocument> result) => [.. result.Value!.Divisions.Single().Blocks];

    [Fact]
    public void Safe_inline_html_maps_to_model_inlines_without_warnings()
    {
        var division = LoadCleanChapter("""
            # A {#ch}

            Some <em>em</em>, <i>i</i>, <b>bold</b>, <strong>strong</strong>, <code>a&lt;b</code>, line<br>break,
            <span class="smallcaps">Nato</span>, <span>plain</span>, <a href="https://example.com/x">a link</a>,
            <a href="#ch">a cross-reference</a>, <a href="#ch"></a> and <a id="here"></a>an anchor.
            """);
        var p = Assert.IsType<ParagraphBlock>(Assert.Single(division.Blocks));
        Assert.Equal(
            "\"Some \" em(\"em\") \", \" em(\"i\") \", \" strong(\"bold\") \", \" strong(\"strong\") \", \" code(\"a<b\") \", line\" br \"break, \" "
            + "sc(\"Nato\") \", plain, \" link(https://example.com/x: \"a link\") \", \" xref(#ch: \"a cross-reference\") \", \" pageref(#ch) "
            + "\" and \" anchor(#here) \"an anchor.\"",
            p.Inlines.Dump());
    }

    [Fact]
    public void Scripts_frames_and_event_handlers_are_removed_with_a_warning_at_their_place()
    {
        var result = LoadChapter("""
            # A

            Hello <script>alert(1)</script>world <iframe src="https://evil.example/"></iframe><span onclick="steal()">click</span>.

            <script>
            document.write("<p>pwned</p>")
            </script>

            <style>body { display: none }</style>

            <div onmouseover="x()">Boxed <object data="x.swf"><embed src="y.swf">fallback</object>text.</div>
            """);

        Assert.Equal(
            [
                "book/ch.md:3:7: warning PUB1029: raw HTML: the <script> element is removed with its content; a book runs no scripts, styles or embedded content",
                "book/ch.md:3:38: warning PUB1029: raw HTML: the <iframe> element is removed with its content; a book runs no scripts, styles or embedded content",
                "book/ch.md:3:83: warning PUB1030: raw HTML: the event-handler attribute 'onclick' on <span> is removed; a book runs no scripts",
                "book/ch.md:5:1: warning PUB1029: raw HTML: the <script> element is removed with its content; a book runs no scripts, styles or embedded content",
                "book/ch.md:9:1: warning PUB1029: raw HTML: the <style> element is removed with its content; a book runs no scripts, styles or embedded content",
                "book/ch.md:11:1: warning PUB1018: raw HTML: '<div>' has no equivalent in the book; its text is kept as paragraphs",
                "book/ch.md:11:1: warning PUB1030: raw HTML: the event-handler attribute 'onmouseover' on <div> is removed; a book runs no scripts",
                "book/ch.md:11:30: warning PUB1029: raw HTML: the <object> element is removed with its content; a book runs no scripts, styles or embedded content",
            ],
            result.Lines());
        var blocks = Blocks(result);
        Assert.Equal(2, blocks.Count);
        Assert.Equal("\"Hello world click.\"", ((ParagraphBlock)blocks[0]).Inlines.Dump());
        Assert.Equal("\"Boxed text.\"", ((ParagraphBlock)blocks[1]).Inlines.Dump());
    }

    [Fact]
    public void Javascript_vbscript_and_data_links_become_plain_text_with_a_warning()
    {
        var result = LoadChapter("""
            # A

            A [click me](javascript:alert(1)), a [JS](JavaScript:void(0)), an [image](data:text/html;base64,PHNjcmlwdD4=),
            <javascript:alert(2)>, <a href="vbscript:msgbox">vb</a>, <a href=" java&#09;script:alert(3)">tabbed</a>,
            a [reference][bad] and a [good one](https://example.com).

            [bad]: javascript:alert(4)
            """);

        var codes = result.Diagnostics.Select(d => (d.Code, d.Span!.Line, d.Span.Column)).ToList();
        Assert.Equal(
            [("PUB1031", 3, 3), ("PUB1031", 3, 38), ("PUB1031", 3, 67), ("PUB1031", 4, 1), ("PUB1031", 4, 24), ("PUB1031", 4, 58), ("PUB1031", 5, 3)],
            codes);
        var p = (ParagraphBlock)Blocks(result).Single();
        Assert.Equal(
            "\"A click me, a JS, an image, javascript:alert(2), vb, tabbed, a reference and a \" link(https://example.com: \"good one\") \".\"",
            p.Inlines.Dump());
    }

    /// <summary>Found by the fuzzer: text of a raw HTML block had no place, so an undefined note in it was reported without one.</summary>
    [Fact]
    public void An_undefined_note_in_raw_html_block_text_is_reported_on_its_own_line()
    {
        var result = LoadChapter("# A\n\n<style>x</style> [^n0]\n\n<div>\nsome [^n1] text\n</div>\n");

        Assert.Equal(
            [
                "book/ch.md:3:18: warning PUB1021: the footnote '[^n0]' is not defined; the text is kept as written",
                "book/ch.md:6:6: warning PUB1021: the footnote '[^n1]' is not defined; the text is kept as written",
            ],
            result.Lines().Where(l => l.Contains("PUB1021", StringComparison.Ordinal)));
    }

    /// <summary>Found by the fuzzer: a note cited inside &lt;code&gt; lost its citation, so the note was never printed.</summary>
    /// <summary>
    /// Found by the fuzzer: a line that begins with &lt;script&gt; is a raw HTML block, where a citation of a note the
    /// file does define is only text; it was reported as "not defined".
    /// </summary>
    [Fact]
    public void A_citation_of_a_defined_note_inside_an_html_block_is_reported_as_not_read_not_as_undefined()
    {
        var result = LoadChapter("# A\n\n<script>x</script> words [^n4] more\n\n[^n4]: The note.\n");

        Assert.Equal(
            [
                "book/ch.md:3:1: warning PUB1029: raw HTML: the <script> element is removed with its content; a book runs no scripts, styles or embedded content",
                "book/ch.md:3:26: warning PUB1021: the citation '[^n4]' is not read as one here (in raw HTML, or escaped), so it cites nothing; the text is kept as written",
                "book/ch.md:5:1: warning PUB1022: the footnote '[^n4]' is never cited, so it is left out",
            ],
            result.Lines());
    }

    [Fact]
    public void A_note_cited_inside_an_html_code_element_keeps_its_citation()
    {
        var result = LoadChapter("# A\n\nSee <code>x <em>y</em>[^1] z{#mark}</code> here.\n\n[^1]: The note.\n");

        Assert.Empty(result.Diagnostics);
        var paragraph = (ParagraphBlock)Blocks(result).Single();
        Assert.Equal("\"See \" code(\"x y\") note(a-note-1,1) code(\" z\") anchor(#mark) \" here.\"", paragraph.Inlines.Dump());
    }

    [Fact]
    public void Unclosed_tags_stray_end_tags_and_garbage_never_break_the_tree()
    {
        var result = LoadChapter("""
            # A

            An <em>unclosed emphasis and </strong> a stray end tag.

            <b>bold *across</b> emphasis* and <a href="https://x.example">an unclosed link

            Angle brackets: <<>> a < b > c, </> and <!-- an unterminated comment

            <div><p>unclosed <b>bold<p>next<table><tr><td>cell
            <pre>  code <script>alert(1)</script>
              kept</pre>
            <hr>
            after <img src=x onerror=alert(1) alt="the alt"> <svg><script>alert(1)</script></svg> end
            """);

        // The one error is the image: 'x' is not a file of the book.
        Assert.Equal(["PUB1034"], result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Code));
        var dumps = Blocks(result).Select(b => b switch
        {
            ParagraphBlock p => p.Inlines.Dump(),
            CodeBlock c => $"code[{c.Text}]",
            SceneBreakBlock => "***",
            _ => b.GetType().Name,
        }).ToList();
        Assert.Equal(
            [
                "\"An \" em(\"unclosed emphasis and a stray end tag.\")",

                // </b> inside the Markdown emphasis matches nothing there, so <b> stays open to the paragraph's end.
                "strong(\"bold \" em(\"across emphasis\") \" and \" link(https://x.example: \"an unclosed link\"))",

                // Not HTML at all: shown as written (SmartyPants makes << >> guillemets and -- a dash, as anywhere).
                "\"Angle brackets: «» a < b > c, </> and <!– an unterminated comment\"",
                "\"unclosed \" strong(\"bold\")",
                "\"next\"",
                "\"cell\"",
                "code[  code \n  kept\n]",
                "***",
                "\"after the alt end\"",
            ],
            dumps);
        Assert.Contains(result.Diagnostics, d => d.Code == "PUB1030" && d.Message.Contains("'onerror' on <img>", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Code == "PUB1029" && d.Message.Contains("<svg>", StringComparison.Ordinal));
    }

    [Fact]
    public void The_hostile_chapter_becomes_well_formed_xhtml_with_nothing_active_in_it()
    {
        var result = LoadChapter(HostileChapter);
        var (bytes, _) = EpubTestSupport.Write(result.Value!);
        var epub = EpubReader.Read(bytes);
        Assert.Empty(epub.Validate()); // every document parsed as XML
        foreach (var doc in epub.ContentDocuments)
        {
            var elements = doc.Xhtml.Descendants().ToList();
            Assert.DoesNotContain(elements, e => e.Name.LocalName is "script" or "style" or "iframe" or "object" or "embed" or "svg" or "img" && doc.Path.Contains("ch", StringComparison.Ordinal));
            Assert.DoesNotContain(elements.SelectMany(e => e.Attributes()), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
            Assert.DoesNotContain(elements.SelectMany(e => e.Attributes()), a => a.Value.Contains("script:", StringComparison.OrdinalIgnoreCase) || a.Value.StartsWith("data:", StringComparison.Ordinal));

            // What was removed is gone from text and attributes alike. alert(4) and alert(6) were link targets, whose
            // link text stays (the autolink's text is its URL, shown as plain text); "<<script>alert(9)" is not a tag
            // in Markdown (SmartyPants reads "<<" as an unmatched angle quote), so it is shown, escaped, as written.
            foreach (var n in new[] { 0, 1, 2, 3, 5, 7, 8, 10, 11, 12 })
            {
                var call = $"alert({n})";
                Assert.DoesNotContain(call, doc.Text, StringComparison.Ordinal);
                Assert.DoesNotContain(elements.SelectMany(e => e.Attributes()), a => a.Value.Contains(call, StringComparison.Ordinal));
            }
        }

        Assert.Contains("Everything else stays.", epub.AllText, StringComparison.Ordinal);
    }

    /// <summary>A chapter of everything an author (or a paste from the web) might bring; the BookTests build it too.</summary>
    private static string HostileChapter =>
        File.ReadAllText(Path.Combine(SampleBook.RepoRoot(), "tests", "fixtures", "hostile", "hostile.md"));
}
