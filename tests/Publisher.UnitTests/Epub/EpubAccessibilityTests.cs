using System.Xml.Linq;
using Publisher.Epub;
using Publisher.Model;
using Publisher.TestKit.Epub;
using Publisher.TestKit;

namespace Publisher.UnitTests.Epub;

/// <summary>Accessibility metadata that is true of the book, the cover page, landmarks and the EPUB 2 guide.</summary>
public sealed class EpubAccessibilityTests
{
    private static readonly XNamespace X = EpubReader.Xhtml;
    private static readonly XNamespace Ops = EpubReader.Ops;

    private static EpubOptions WithCover(string? alt = null) =>
        new() { Cover = new EpubCover(EpubTestSupport.TinyPng, "image/png") { AltText = alt } };

    private static EpubReader Read(EpubOptions? options = null, Publisher.Styles.StyleSheet? style = null)
    {
        var (bytes, diagnostics) = EpubTestSupport.Write(SampleBook.Create(), style, options);
        Assert.Empty(diagnostics);
        var epub = EpubReader.Read(bytes);
        Assert.Empty(epub.Validate());
        return epub;
    }

    private static List<string> Values(EpubReader epub, string property) =>
        [.. epub.Metadata.Metas.Where(m => m.Property == property && m.Refines is null).Select(m => m.Value)];

    [Fact]
    public void Text_only_book_claims_textual_access_and_conformance()
    {
        var epub = Read();
        Assert.Equal(["textual"], Values(epub, "schema:accessMode"));
        Assert.Equal(["textual"], Values(epub, "schema:accessModeSufficient"));
        Assert.Equal(["tableOfContents", "structuralNavigation", "readingOrder"], Values(epub, "schema:accessibilityFeature"));
        Assert.Equal(["none"], Values(epub, "schema:accessibilityHazard"));
        Assert.Single(Values(epub, "schema:accessibilitySummary"));
        Assert.Equal(["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"], Values(epub, "dcterms:conformsTo"));
        Assert.Single(Values(epub, "a11y:certifiedBy"));

        // No page-list yet, so no claim of print page numbers (issue 4, item 3 adds both together).
        Assert.Empty(epub.PageList);
        Assert.DoesNotContain("printPageNumbers", Values(epub, "schema:accessibilityFeature"));
        Assert.DoesNotContain("page", Values(epub, "schema:accessibilitySummary").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_cover_adds_visual_access_and_alternative_text()
    {
        var epub = Read(WithCover());
        Assert.Equal(["textual", "visual"], Values(epub, "schema:accessMode"));
        Assert.Equal(["textual", "textual,visual"], Values(epub, "schema:accessModeSufficient"));
        Assert.Contains("alternativeText", Values(epub, "schema:accessibilityFeature"));
        Assert.Contains("cover image has a text description", Values(epub, "schema:accessibilitySummary").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_claim_is_withheld_when_the_writer_cannot_vouch_for_it()
    {
        var style = SampleBook.Style();
        Assert.Empty(Values(Read(style: style with { ExtraEpubCss = "p { color: #ccc; }" }), "dcterms:conformsTo"));
        Assert.Empty(Values(Read(style: style with { TextColor = Colour.Parse("#999999") }), "dcterms:conformsTo")); // 2.8:1 on white
        var guessed = SampleBook.Create(SampleBook.Metadata with { Language = "not a tag" });
        var (bytes, diagnostics) = EpubTestSupport.Write(guessed);
        Assert.Contains(diagnostics, d => d.Code == "PUB4022");
        var epub = EpubReader.Read(bytes);
        Assert.Empty(Values(epub, "dcterms:conformsTo"));
        Assert.Empty(Values(epub, "a11y:certifiedBy"));
        Assert.DoesNotContain("WCAG", Values(epub, "schema:accessibilitySummary").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cover_is_an_image_item_a_page_first_in_the_spine_a_landmark_and_a_guide_reference()
    {
        var epub = Read(WithCover());
        var image = epub.Manifest.Single(m => m.Properties.Contains("cover-image"));
        Assert.Equal("EPUB/images/cover.png", image.Path);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(EpubTestSupport.TinyPng, epub.GetBytes(image.Path));

        Assert.Equal("EPUB/text/cover.xhtml", epub.Spine[0].Path);
        var page = epub.GetXhtml("EPUB/text/cover.xhtml");
        var img = page.Descendants(X + "img").Single();
        Assert.Equal("doc-cover", img.Attribute("role")?.Value);
        Assert.Equal("../images/cover.png", img.Attribute("src")?.Value);
        Assert.Equal("Cover: The Lighthouse & the <Sea>. A \"Sample\" Book. By Jane Author and John Writer.", img.Attribute("alt")?.Value);
        Assert.Equal("cover", page.Descendants(X + "section").Single().Attribute(Ops + "type")?.Value);

        Assert.Equal(
            ["cover", "titlepage", "toc", "bodymatter", "backmatter"],
            epub.Landmarks.Select(l => l.EpubType!));
        Assert.Equal("EPUB/text/cover.xhtml", epub.Landmarks[0].Path);

        var opf = EpubReader.Opf;
        var guide = epub.Package!.Root!.Element(opf + "guide")!.Elements(opf + "reference")
            .Select(r => ((string)r.Attribute("type")!, (string)r.Attribute("href")!)).ToList();
        Assert.Equal([("cover", "text/cover.xhtml"), ("title-page", "text/title-page.xhtml"), ("toc", "text/nav.xhtml#toc"), ("text", "text/the-beginning.xhtml")], guide);
        var coverMeta = epub.Package.Root!.Element(opf + "metadata")!.Elements(opf + "meta").Single(m => (string?)m.Attribute("name") == "cover");
        Assert.Equal(image.Id, (string?)coverMeta.Attribute("content"));

        // The NCX mirrors the toc, which lists chapters only: the cover is reached through the guide and landmarks.
        Assert.Equal(epub.Toc.Length, epub.NcxNavPoints.Length);
    }

    [Fact]
    public void Given_alt_text_is_used_and_a_chapter_called_cover_keeps_its_own_file()
    {
        var book = SampleBook.Create();
        book = book with { Divisions = book.Divisions.Add(new Division { Id = "cover", Kind = DivisionKind.Chapter, Matter = Matter.Back, Title = [new TextInline("Cover Story")] }) };
        var (bytes, diagnostics) = EpubTestSupport.Write(book, options: WithCover("A lighthouse in a storm."));
        Assert.Empty(diagnostics);
        var epub = EpubReader.Read(bytes);
        Assert.Empty(epub.Validate());
        Assert.Equal("A lighthouse in a storm.", epub.GetXhtml("EPUB/text/cover.xhtml").Descendants(X + "img").Single().Attribute("alt")?.Value);
        Assert.Contains(epub.Spine, s => s.Path == "EPUB/text/cover-2.xhtml");
    }

    [Fact]
    public void An_unusable_cover_is_left_out_with_a_warning()
    {
        var (bytes, diagnostics) = EpubTestSupport.Write(SampleBook.Create(), options: new EpubOptions { Cover = new EpubCover(EpubTestSupport.TinyPng, "image/tiff") });
        Assert.Contains(diagnostics, d => d.Code == "PUB4041");
        var epub = EpubReader.Read(bytes);
        Assert.DoesNotContain(epub.Manifest, m => m.Properties.Contains("cover-image"));
        Assert.DoesNotContain(epub.Landmarks, l => l.EpubType == "cover");
        (_, diagnostics) = EpubTestSupport.Write(SampleBook.Create(), options: new EpubOptions { Cover = new EpubCover([], "image/png") });
        Assert.Contains(diagnostics, d => d.Code == "PUB4040");
    }

    [Fact]
    public void Every_content_document_has_the_language_and_a_title()
    {
        var epub = Read(WithCover());
        foreach (var item in epub.Manifest.Where(i => i.MediaType == "application/xhtml+xml"))
        {
            var html = epub.GetXhtml(item.Path).Root!;
            Assert.Equal("en-GB", html.Attribute(XNamespace.Xml + "lang")?.Value);
            Assert.Equal("en-GB", html.Attribute("lang")?.Value);
            Assert.False(string.IsNullOrWhiteSpace(html.Element(X + "head")?.Element(X + "title")?.Value), item.Path);
        }

        Assert.Equal("en-GB", epub.Package!.Root!.Attribute(XNamespace.Xml + "lang")?.Value);
    }

    [Slow("epubcheck")]
    [SkippableFact]
    public void Book_with_a_cover_passes_epubcheck_with_no_message()
    {
        var path = EpubTestSupport.WriteTempFile(EpubTestSupport.Write(SampleBook.Create(), options: WithCover()).Bytes, "with-cover");
        try
        {
            var report = Epubcheck.Run(path);
            Assert.True(report.ExitCode == 0 && report.Messages.IsEmpty, report + "\n" + report.Output);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
