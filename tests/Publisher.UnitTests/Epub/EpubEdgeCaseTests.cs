using System.Xml;
using System.Xml.Linq;
using Publisher.Model;
using Publisher.TestKit.Epub;

namespace Publisher.UnitTests.Epub;

/// <summary>Content problems give diagnostics and a valid EPUB, never an exception.</summary>
public sealed class EpubEdgeCaseTests
{
    private static readonly XNamespace X = EpubReader.Xhtml;

    [Fact]
    public void Awkward_book_gives_warnings_and_a_valid_epub()
    {
        var (bytes, diagnostics) = EpubTestSupport.Write(EdgeCaseBooks.Awkward());
        var codes = diagnostics.Select(d => d.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "PUB4001", "PUB4002", "PUB4004", "PUB4005", "PUB4006", "PUB4009", "PUB4011", "PUB4022" }, codes);
        Assert.All(diagnostics, d => Assert.Equal(Severity.Warning, d.Severity));
        var epub = EpubReader.Read(bytes);
        Assert.Empty(epub.Validate());
        Assert.Equal(["en"], epub.Metadata.Languages.ToArray());
        Assert.Empty(epub.Metadata.Subjects);
        Assert.Null(epub.Metadata.Subtitle);
    }

    [Fact]
    public void Ids_and_file_names_are_made_valid_and_links_follow_them()
    {
        var epub = EpubTestSupport.Read(EdgeCaseBooks.Awkward());
        Assert.Equal(["01-intro.xhtml", "01-intro-2.xhtml"], epub.Spine.Skip(1).Select(s => Path.GetFileName(s.Path!)));
        foreach (var item in epub.Manifest.Where(m => m.MediaType == "application/xhtml+xml"))
        {
            foreach (var id in epub.GetXhtml(item.Path).Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>())
            {
                Assert.Equal(id, XmlConvert.VerifyNCName(id));
            }
        }

        var back = epub.GetXhtml("EPUB/text/01-intro-2.xhtml");
        Assert.Equal(
            ["01-intro.xhtml#id-1st-anchor", "01-intro.xhtml#note-anchor"],
            back.Descendants(X + "a").Select(a => a.Attribute("href")!.Value));
        Assert.Equal("Intro", back.Descendants(X + "a").First().Value); // label trimmed

        // The nav points at the heading it lists, not at an earlier element with the same model id.
        Assert.Equal("01-intro.xhtml#dup-2", epub.Toc[0].Children.Single().Href);
    }

    [Fact]
    public void Links_never_nest_and_unusable_links_become_text()
    {
        var epub = EpubTestSupport.Read(EdgeCaseBooks.Awkward());
        var doc = epub.GetXhtml("EPUB/text/01-intro.xhtml");
        Assert.DoesNotContain(doc.Descendants(X + "a"), a => a.Ancestors(X + "a").Any());
        var hrefs = doc.Descendants(X + "a").Select(a => a.Attribute("href")!.Value).ToList();
        Assert.DoesNotContain(hrefs, h => h.Contains("other.md", StringComparison.Ordinal) || h.StartsWith("javascript", StringComparison.Ordinal));
        Assert.Contains("#dup", hrefs); // "[text](#dup)" as a plain link is still internal
        var text = epub.GetText("EPUB/text/01-intro.xhtml");
        Assert.Contains("Missing target: nowhere, relative link other, script js", text, StringComparison.Ordinal);
        Assert.Contains("an emoji 🎉 kept", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0007', text);
    }

    [Fact]
    public void A_book_without_a_contents_page_keeps_the_nav_out_of_the_spine()
    {
        var epub = EpubTestSupport.Read(EdgeCaseBooks.NoContentsPage());
        Assert.Empty(epub.Validate());
        Assert.Equal(["one.xhtml", "two.xhtml"], epub.Spine.Select(s => Path.GetFileName(s.Path!)));
        Assert.NotNull(epub.NavItem);
        Assert.Equal(["Chapter 1: One", "Chapter 2: Two"], epub.Toc.Select(t => t.Label));
        Assert.DoesNotContain(epub.Landmarks, l => l.EpubType == "toc");
    }

    [Fact]
    public void A_minimal_book_still_has_a_contents_entry()
    {
        var (bytes, diagnostics) = EpubTestSupport.Write(EdgeCaseBooks.Minimal());
        Assert.Empty(diagnostics);
        var epub = EpubReader.Read(bytes);
        Assert.Empty(epub.Validate());
        Assert.Equal("text.xhtml", Assert.Single(epub.Toc).Href);
        Assert.Equal("1980-01-01T00:00:00Z", epub.Metadata.Modified); // no date at all: the ZIP epoch, never the clock
    }

    /// <summary>
    /// A numbered chapter without a title was left out of the navigation, so a reader could not reach it from the
    /// contents: it is listed, and its document named, as its heading reads.
    /// </summary>
    [Theory]
    [InlineData("Chapter {n}", "Chapter 2")]
    [InlineData("Chapter {N}", "Chapter II")]
    [InlineData("Part {word}", "Part Two")]
    [InlineData("", "2")]
    public void An_untitled_chapter_is_in_the_navigation_as_its_heading_names_it(string numberFormat, string label)
    {
        var style = SampleBook.Style();
        style = style with { Chapter = style.Chapter with { NumberFormat = numberFormat } };
        var book = new BookDocument(SampleBook.Metadata,
        [
            new Division { Id = "one", Kind = DivisionKind.Chapter, Matter = Matter.Body, Number = 1, Title = [SampleBook.T("One")], Blocks = [SampleBook.P("First.")] },
            new Division { Id = "untitled", Kind = DivisionKind.Chapter, Matter = Matter.Body, Number = 2, Blocks = [SampleBook.P("Just text.")] },
        ]);

        var epub = EpubTestSupport.Read(book, style);

        Assert.Empty(epub.Validate());
        Assert.Equal(label, epub.Toc[1].Label);
        Assert.Equal("untitled.xhtml", epub.Toc[1].Href);
        Assert.Equal(label, epub.NcxNavPoints[1].Label);
        var doc = epub.GetXhtml("EPUB/text/untitled.xhtml");
        Assert.Equal(label, doc.Descendants(X + "title").Single().Value);
    }

    /// <summary>Two citations side by side would read as one number ("¹²" as note 12): a raised comma sets them apart.</summary>
    [Fact]
    public void Note_marks_side_by_side_are_set_apart_by_a_raised_comma()
    {
        var book = new BookDocument(SampleBook.Metadata,
        [
            new Division
            {
                Id = "one", Kind = DivisionKind.Chapter, Matter = Matter.Body, Number = 1, Title = [SampleBook.T("One")],
                Blocks = [SampleBook.P(SampleBook.T("Two notes."), new NoteRefInline("n1", 1), new NoteRefInline("n2", 2), SampleBook.T(" One more"), new NoteRefInline("n1", 1))],
                Footnotes = [new Footnote("n1", 1, [SampleBook.P("A.")], null), new Footnote("n2", 2, [SampleBook.P("B.")], null)],
            },
        ]);

        var epub = EpubTestSupport.Read(book);

        Assert.Empty(epub.Validate());
        var paragraph = epub.GetXhtml("EPUB/text/one.xhtml").Descendants(X + "p").First();
        Assert.Equal("Two notes.1,2 One more1", paragraph.Value);
        Assert.Equal(3, paragraph.Elements(X + "a").Count());
        Assert.Equal(",", paragraph.Elements(X + "sup").Single().Value);
    }

    [Fact]
    public void Missing_identifier_and_title_are_errors_but_the_file_is_still_valid()
    {
        var book = EdgeCaseBooks.Minimal() with { Metadata = new BookMetadata { Title = " ", Identifier = "" } };
        var (bytes, diagnostics) = EpubTestSupport.Write(book);
        Assert.Equal(["PUB4020", "PUB4021"], diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Code).Order());
        Assert.Empty(EpubReader.Read(bytes).Validate());
    }
}
