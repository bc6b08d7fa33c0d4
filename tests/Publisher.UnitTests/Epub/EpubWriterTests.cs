using System.Xml.Linq;
using Publisher.Model;
using Publisher.TestKit.Epub;

namespace Publisher.UnitTests.Epub;

/// <summary>The sample book written to memory and read back with the TestKit's own reader.</summary>
public sealed class EpubWriterTests
{
    private static readonly XNamespace X = EpubReader.Xhtml;
    private static readonly XNamespace Ops = EpubReader.Ops;

    private readonly EpubReader _epub;

    public EpubWriterTests()
    {
        var (bytes, diagnostics) = EpubTestSupport.Write(SampleBook.Create());
        Assert.Empty(diagnostics);
        _epub = EpubReader.Read(bytes);
    }

    [Fact]
    public void Reader_finds_no_structural_problem()
    {
        Assert.Empty(_epub.Validate());
    }

    [Fact]
    public void Container_has_mimetype_first_and_stored_then_sorted_entries()
    {
        var first = _epub.Entries[0];
        Assert.Equal("mimetype", first.Name);
        Assert.Equal(0, first.Method);
        Assert.Equal(0, first.LocalExtraLength);
        Assert.False(first.HasDataDescriptor);
        var rest = _epub.Entries.Skip(1).Select(e => e.Name).ToList();
        Assert.Equal(rest.Order(StringComparer.Ordinal), rest);
        Assert.All(_epub.Entries, e => Assert.False(e.HasDataDescriptor));
        Assert.Equal("EPUB/package.opf", _epub.PackagePath);
    }

    [Fact]
    public void Spine_follows_division_order_without_the_half_title()
    {
        Assert.Equal(
            ["title-page", "copyright", "nav", "preface", "the-beginning", "the-storm", "appendix-a"],
            _epub.Spine.Select(s => Path.GetFileNameWithoutExtension(s.Path!)));
        Assert.All(_epub.Spine, s => Assert.True(s.Linear));
        Assert.Equal("EPUB/text/nav.xhtml", _epub.NavItem?.Path);
    }

    [Fact]
    public void Metadata_round_trips()
    {
        var m = _epub.Metadata;
        var source = SampleBook.Metadata;
        Assert.Equal(source.Identifier, m.Identifier);
        Assert.Equal(source.Title, m.Title);
        Assert.Equal(source.Subtitle, m.Subtitle);
        Assert.Equal([source.Title, source.Subtitle!], m.Titles.ToArray());
        Assert.Equal([new EpubContributor("Jane Author", "aut"), new EpubContributor("John Writer", "aut")], m.Creators.ToArray());
        Assert.Equal([new EpubContributor("An Editor", "edt")], m.Contributors.ToArray());
        Assert.Equal(["en-GB"], m.Languages.ToArray());
        Assert.Equal("2026-11-25", m.Date);
        Assert.Equal("2026-11-25T10:30:15Z", m.Modified); // 12:30:15+02:00 in UTC
        Assert.Equal(source.Publisher, m.Publisher);
        Assert.Equal(source.Rights, m.Rights);
        Assert.Equal(source.Description, m.Description);
        Assert.Equal(source.Subjects.ToArray(), m.Subjects.ToArray());
        Assert.Equal(source.Source, m.Source);
        Assert.Contains(m.Metas, x => x.Property == "schema:accessMode" && x.Value == "textual");
    }

    [Fact]
    public void Every_document_declares_the_book_language()
    {
        foreach (var item in _epub.Manifest.Where(i => i.MediaType == "application/xhtml+xml"))
        {
            var html = _epub.GetXhtml(item.Path).Root!;
            Assert.Equal("en-GB", html.Attribute(XNamespace.Xml + "lang")?.Value);
            Assert.Equal("en-GB", html.Attribute("lang")?.Value);
        }
    }

    [Fact]
    public void Manifest_has_media_types_nav_and_ncx()
    {
        Assert.Equal(4, _epub.Manifest.Count(m => m.MediaType == "font/ttf" && m.Path.StartsWith("EPUB/fonts/", StringComparison.Ordinal)));
        Assert.Single(_epub.Manifest, m => m.MediaType == "text/css");
        Assert.Equal("EPUB/toc.ncx", _epub.NcxPath);
        Assert.Equal(["nav"], _epub.NavItem!.Properties.ToArray());
        var fontBytes = File.ReadAllBytes(Path.Combine(SampleBook.RepoRoot(), "styles", "trade", "fonts", "CharisSIL-Regular.ttf"));
        Assert.Equal(fontBytes, _epub.GetBytes("EPUB/fonts/charissil-regular.ttf"));
    }

    [Fact]
    public void Nav_toc_lists_chapters_with_level_two_sections_and_resolves()
    {
        Assert.Equal(["Preface", "Chapter 1: The Beginning", "Chapter 2: The Storm", "Appendix A: Sources"], _epub.Toc.Select(e => e.Label));
        Assert.Equal(["The Lamp", "The Keeper"], _epub.Toc[1].Children.Select(e => e.Label)); // h3 "His Habits" is not listed
        Assert.Equal("the-beginning.xhtml#the-lamp", _epub.Toc[1].Children[0].Href);
        foreach (var entry in _epub.Toc.SelectMany(e => e.SelfAndDescendants()))
        {
            var doc = _epub.GetXhtml(entry.Path!);
            if (entry.Fragment is { } id)
            {
                var target = doc.Descendants().Single(e => e.Attribute("id")?.Value == id);
                Assert.Equal(entry.Label, XhtmlText.Collapse(target.Value));
            }
        }
    }

    [Fact]
    public void Ncx_mirrors_the_nav_toc()
    {
        static IEnumerable<(string, string)> Flat(IEnumerable<NavEntry> entries) =>
            entries.SelectMany(e => e.SelfAndDescendants()).Select(e => (e.Label, e.Path + "#" + e.Fragment));
        Assert.Equal(Flat(_epub.Toc), Flat(_epub.NcxNavPoints));
    }

    [Fact]
    public void Landmarks_name_title_page_contents_body_and_back_matter()
    {
        Assert.Equal(
            [("titlepage", "EPUB/text/title-page.xhtml"), ("toc", "EPUB/text/nav.xhtml"), ("bodymatter", "EPUB/text/the-beginning.xhtml"), ("backmatter", "EPUB/text/appendix-a.xhtml")],
            _epub.Landmarks.Select(l => (l.EpubType!, l.Path!)));
        var nav = _epub.GetXhtml(_epub.NavItem!.Path);
        var toc = nav.Descendants(X + "nav").Single(n => EpubReader.EpubTypes(n).Contains("toc"));
        Assert.Equal("toc", toc.Attribute("id")?.Value);
    }

    [Fact]
    public void Divisions_carry_structural_semantics()
    {
        string SectionType(string file) =>
            _epub.GetXhtml("EPUB/text/" + file).Descendants(X + "section").First().Attribute(Ops + "type")!.Value;
        Assert.Equal("titlepage", SectionType("title-page.xhtml"));
        Assert.Equal("copyright-page", SectionType("copyright.xhtml"));
        Assert.Equal("preface", SectionType("preface.xhtml"));
        Assert.Equal("chapter", SectionType("the-beginning.xhtml"));
        Assert.Equal("appendix", SectionType("appendix-a.xhtml"));
        var body = _epub.GetXhtml("EPUB/text/appendix-a.xhtml").Root!.Element(X + "body")!;
        Assert.Equal("backmatter", body.Attribute(Ops + "type")?.Value);
    }

    [Fact]
    public void Title_page_is_made_from_the_metadata()
    {
        Assert.Equal(
            "The Lighthouse & the <Sea>\nA \"Sample\" Book\nJane Author and John Writer\nEdited by An Editor\nSmall & Press",
            _epub.GetText("EPUB/text/title-page.xhtml"));
    }

    [Fact]
    public void Chapter_heading_has_the_number_line_inside_the_h1()
    {
        var h1 = _epub.GetXhtml("EPUB/text/the-beginning.xhtml").Descendants(X + "h1").Single();
        Assert.Equal("Chapter 1", h1.Elements(X + "span").Single(s => s.Attribute("class")?.Value == "chapter-number").Value);
        Assert.Equal("Chapter 1 The Beginning", XhtmlText.Collapse(h1.Value));
        Assert.Equal("Preface", _epub.GetXhtml("EPUB/text/preface.xhtml").Descendants(X + "h1").Single().Value);
    }

    [Fact]
    public void Footnotes_are_noterefs_and_asides_with_dpub_roles()
    {
        var doc = _epub.GetXhtml("EPUB/text/the-beginning.xhtml");
        var refs = doc.Descendants(X + "a").Where(a => a.Attribute(Ops + "type")?.Value == "noteref").ToList();
        Assert.Equal(3, refs.Count); // note 1 is cited twice
        var asides = doc.Descendants(X + "aside").ToList();
        Assert.Equal(2, asides.Count);
        Assert.All(asides, a =>
        {
            Assert.Equal("footnote", a.Attribute(Ops + "type")?.Value);
            Assert.Equal("doc-footnote", a.Attribute("role")?.Value);
            Assert.Equal("footnotes", a.Parent!.Attribute(Ops + "type")?.Value);
        });
        foreach (var r in refs)
        {
            Assert.Equal("doc-noteref", r.Attribute("role")?.Value);
            Assert.Equal("sup", r.Elements().Single().Name.LocalName);
            var id = r.Attribute("href")!.Value.TrimStart('#');
            Assert.Contains(asides, a => a.Attribute("id")!.Value == id);
        }

        foreach (var aside in asides)
        {
            var back = aside.Descendants(X + "a").First();
            Assert.Equal("doc-backlink", back.Attribute("role")?.Value);
            var target = back.Attribute("href")!.Value.TrimStart('#');
            var noteref = refs.First(r => r.Attribute("id")!.Value == target);
            Assert.Equal("#" + aside.Attribute("id")!.Value, noteref.Attribute("href")!.Value);
        }

        // Each division numbers its notes from 1; the ids are prefixed, so they stay unique book-wide.
        var allIds = _epub.Manifest.Where(m => m.MediaType == "application/xhtml+xml")
            .SelectMany(m => _epub.GetXhtml(m.Path).Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>()).ToList();
        Assert.Equal(allIds.Count, allIds.Distinct().Count());
        Assert.Contains("fn-the-storm-1", allIds);
        Assert.Contains("fn-the-beginning-1", allIds);
    }

    [Fact]
    public void Cross_references_link_to_the_file_holding_the_target()
    {
        var storm = _epub.GetXhtml("EPUB/text/the-storm.xhtml");
        var links = storm.Descendants(X + "a").Where(a => a.Attribute("class")?.Value?.Contains("xref", StringComparison.Ordinal) == true)
            .Select(a => (a.Attribute("href")!.Value, a.Value)).ToList();
        Assert.Equal(
            [
                ("the-beginning.xhtml#the-keeper", "the keeper's section"),
                ("the-beginning.xhtml#the-lamp", "The Lamp"), // a page reference shows the target's label
                ("#landfall", "The Storm"),
                ("appendix-a.xhtml", "Appendix A: Sources"),
            ],
            links);
        Assert.Single(storm.Descendants(X + "span"), s => s.Attribute("id")?.Value == "landfall" && s.IsEmpty == false && s.Value.Length == 0);
    }

    [Fact]
    public void Blocks_become_the_expected_elements()
    {
        var doc = _epub.GetXhtml("EPUB/text/the-beginning.xhtml");
        Assert.Equal("3", doc.Descendants(X + "ol").Single().Attribute("start")?.Value);
        Assert.Single(doc.Descendants(X + "ul"));
        Assert.Single(doc.Descendants(X + "blockquote"));
        Assert.Equal("scene-break", doc.Descendants(X + "hr").Single().Attribute("class")?.Value);
        Assert.Single(doc.Descendants(X + "br"));
        Assert.Equal("log(\"lamp lit\") < 1 && x > 2\n  indented", doc.Descendants(X + "pre").Single().Value);
        Assert.Equal(["the-lamp", "the-keeper"], doc.Descendants(X + "h2").Select(h => h.Attribute("id")!.Value));
        Assert.Equal("his-habits", doc.Descendants(X + "h3").Single().Attribute("id")?.Value);
        Assert.Equal("https://example.com/a%20path?x=1&y=2", doc.Descendants(X + "a").Single(a => a.Value == "link").Attribute("href")?.Value);
        Assert.Single(doc.Descendants(X + "em"));
        Assert.Single(doc.Descendants(X + "strong"));
        Assert.Equal("code()", doc.Descendants(X + "code").First().Value);
        Assert.Single(doc.Descendants(X + "span"), s => s.Attribute("class")?.Value == "smallcaps");
    }

    [Fact]
    public void Tables_have_header_cells_with_scope_and_alignment_classes_and_no_inline_style()
    {
        var doc = _epub.GetXhtml("EPUB/text/the-beginning.xhtml");
        var table = doc.Descendants(X + "table").Single();
        Assert.Equal("storm-table", table.Attribute("id")?.Value);
        Assert.Equal("Storms by year", table.Element(X + "caption")?.Value);
        var th = table.Element(X + "thead")!.Descendants(X + "th").ToList();
        Assert.All(th, c => Assert.Equal("col", c.Attribute("scope")?.Value));
        Assert.Equal(["align-left", "align-right", null], th.Select(c => c.Attribute("class")?.Value));
        Assert.Equal(2, table.Element(X + "tbody")!.Elements(X + "tr").Count());
        foreach (var item in _epub.Manifest.Where(i => i.MediaType == "application/xhtml+xml"))
        {
            Assert.DoesNotContain(_epub.GetXhtml(item.Path).Descendants(), e => e.Attribute("style") is not null);
        }
    }

    [Fact]
    public void Hostile_text_is_escaped_and_survives_as_text()
    {
        var text = _epub.GetText("EPUB/text/the-storm.xhtml");
        Assert.Contains(SampleBook.Hostile, text, StringComparison.Ordinal);
        Assert.Contains("the <great> gale", _epub.GetText("EPUB/text/the-beginning.xhtml"), StringComparison.Ordinal);
        Assert.DoesNotContain(_epub.GetXhtml("EPUB/text/the-storm.xhtml").Descendants(), e => e.Name.LocalName == "b");
    }

    [Fact]
    public void Every_paragraph_of_the_manuscript_appears_in_order()
    {
        var book = SampleBook.Create();
        var all = _epub.AllText;
        var position = 0;
        foreach (var division in book.TextDivisions)
        {
            foreach (var p in division.Blocks.OfType<ParagraphBlock>())
            {
                // The text up to the first inline that renders differently (a note number, a link label).
                var lead = string.Concat(p.Inlines.TakeWhile(i => i is TextInline).Cast<TextInline>().Select(t => t.Text)).Trim();
                var found = all.IndexOf(lead, position, StringComparison.Ordinal);
                Assert.True(found >= 0, $"'{lead}' is missing after position {position}");
                position = found;
            }
        }

        Assert.Contains("The first note, with a", all, StringComparison.Ordinal); // footnote text counts
    }

    [Fact]
    public void Two_writes_are_byte_identical()
    {
        var a = EpubTestSupport.Write(SampleBook.Create()).Bytes;
        var b = EpubTestSupport.Write(SampleBook.Create()).Bytes;
        Assert.Equal(a, b);
    }

    [Fact]
    public void Zip_timestamps_come_from_the_metadata_not_the_clock()
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(_epub.Bytes));
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2026, 11, 25, 10, 30, 14), e.LastWriteTime.DateTime));
    }
}
