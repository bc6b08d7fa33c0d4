using System.Text;
using Publisher.TestKit.Epub;
using Publisher.TestKit.Text;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>The sample book's EPUB: validated by epubcheck and read back with our own reader.</summary>
[Collection(SampleBookCollection.Name)]
public sealed class SampleEpubTests(SampleBook book)
{
    private EpubReader Read() => EpubReader.ReadFile(book.Epub);

    [Slow("DAISY Ace (Chromium) and epubcheck")]
    [SkippableFact]
    public void Epubcheck_reports_nothing_at_all()
    {
        var report = Epubcheck.Run(book.Epub);
        Assert.True(report.Messages.IsEmpty, report.ToString());
        Assert.Equal(0, report.ExitCode);
    }

    [Slow("DAISY Ace (Chromium) and epubcheck")]
    [SkippableFact]
    public void Ace_reports_no_violation()
    {
        var report = Ace.Run(book.Epub);
        Assert.True(report.Violations.IsEmpty, report.ToString());
        Assert.Equal("pass", report.Outcome);
    }

    [Fact]
    public void Embedded_fonts_are_subset_yet_hold_every_character_of_every_document()
    {
        var epub = Read();
        var fonts = epub.Manifest.Where(m => m.MediaType.StartsWith("font/", StringComparison.Ordinal) || m.MediaType.Contains("opentype", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, fonts.Count);
        var text = string.Concat(epub.Manifest.Where(m => m.MediaType == "application/xhtml+xml").Select(m => epub.GetText(m.Path)));
        var characters = text.EnumerateRunes().Where(r => !Rune.IsWhiteSpace(r) && !Rune.IsControl(r)).Select(r => r.Value).Distinct().ToList();
        foreach (var font in fonts)
        {
            var data = epub.GetBytes(font.Path);
            var original = Directory.GetFiles(Path.Combine(Repo.Root, "styles", "trade", "fonts"), "*.ttf").Min(f => new FileInfo(f).Length);
            Assert.True(data.Length < original / 5, $"{font.Path}: {data.Length} bytes of {original}; not subset");
            using var blob = HarfBuzzSharp.Blob.FromStream(new MemoryStream(data));
            using var face = new HarfBuzzSharp.Face(blob, 0);
            using var hb = new HarfBuzzSharp.Font(face);
            var missing = characters.Where(c => !hb.TryGetGlyph((uint)c, out _)).Select(c => $"U+{c:X4}").ToList();
            Assert.True(missing.Count == 0, $"{font.Path} lacks {string.Join(' ', missing)}");
            Assert.True(hb.TryGetGlyph(0x2010, out _) && hb.TryGetGlyph(0x2026, out _), $"{font.Path} lacks the hyphen or ellipsis a reader may draw");
        }
    }

    [Fact]
    public void Reads_back_whole_with_every_link_resolving()
    {
        var epub = Read();
        Assert.Empty(epub.Validate());
        Assert.Equal("application/epub+zip", epub.GetString("mimetype"));
        Assert.Equal("mimetype", epub.Entries[0].Name);
    }

    [Fact]
    public void Metadata_comes_from_book_yml()
    {
        var m = Read().Metadata;
        Assert.Equal("Stalin Asked Six Times", m.Title);
        Assert.Equal("Why Did Chairman Mao Refuse Them All?", m.Subtitle);
        Assert.Contains(m.Creators, c => c.Name == "Mondo History");
        Assert.Equal(new[] { "en" }, m.Languages.ToArray());
        Assert.Equal("urn:uuid:f3ec0d25-dc2f-4938-8543-12edffe74942", m.Identifier);
        Assert.Equal("2026-11-25T00:00:00Z", m.Modified);
        Assert.Contains("Mondo History", m.Source, StringComparison.Ordinal);
        Assert.Contains("2024-02-18", m.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Spine_has_one_document_per_chapter_in_book_order()
    {
        var epub = Read();
        var titles = epub.Spine
            .Select(s => s.Path!)
            .Select(p => epub.GetXhtml(p).Descendants(EpubReader.Xhtml + "h1").FirstOrDefault()?.Value)
            .Where(t => t is not null)
            .ToList();
        string[] expected =
        [
            "Editor’s Note", "Introduction", "The Road to War", "Barbarossa and the First Request", "The Second and Third Requests",
            "Stalingrad and the Fourth and Fifth Requests", "The Turning Point and the Sixth Request", "Why the Requests Were Refused",
            "Epilogue: From Kursk to Victory", "Appendix: The Six Requests",
        ];
        var chapterTitles = titles.Where(t => expected.Any(e => t!.Contains(e, StringComparison.Ordinal))).ToList();
        Assert.Equal(expected.Length, chapterTitles.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Contains(expected[i], chapterTitles[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Nav_has_toc_and_landmarks_and_the_ncx_mirrors_it()
    {
        var epub = Read();
        var labels = epub.Toc.SelectMany(t => t.SelfAndDescendants()).Select(t => t.Label).ToList();
        Assert.Contains(labels, l => l.Contains("The Road to War", StringComparison.Ordinal));
        Assert.Contains(labels, l => l.Contains("Appendix", StringComparison.Ordinal));
        Assert.Equal(["cover", "titlepage", "toc", "bodymatter", "backmatter"], epub.Landmarks.Select(l => l.EpubType!));
        Assert.All(epub.Landmarks, l => Assert.True(epub.Exists(l.Path!), l.Path));
        Assert.NotEmpty(epub.NcxNavPoints);
        Assert.Equal(epub.Toc.Length, epub.NcxNavPoints.Length);
    }

    [Fact]
    public void Cover_is_generated_first_in_the_spine_with_alt_text()
    {
        var epub = Read();
        var image = epub.Manifest.Single(m => m.Properties.Contains("cover-image"));
        Assert.Equal("image/png", image.MediaType);
        var png = epub.GetBytes(image.Path);
        Assert.Equal(1600, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(2560, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        var img = epub.GetXhtml(epub.Spine[0].Path!).Descendants(EpubReader.Xhtml + "img").Single();
        Assert.Equal("Cover: Stalin Asked Six Times. Why Did Chairman Mao Refuse Them All? By Mondo History.", (string?)img.Attribute("alt"));
    }

    [Fact]
    public void Accessibility_metadata_claims_conformance_and_print_page_numbers()
    {
        var metas = Read().Metadata.Metas.Where(m => m.Refines is null).ToList();
        List<string> Values(string property) => [.. metas.Where(m => m.Property == property).Select(m => m.Value)];
        Assert.Equal(["textual", "visual"], Values("schema:accessMode"));
        Assert.Contains("textual", Values("schema:accessModeSufficient"));
        Assert.Equal(["tableOfContents", "structuralNavigation", "readingOrder", "alternativeText", "printPageNumbers"], Values("schema:accessibilityFeature"));
        Assert.Equal(["none"], Values("schema:accessibilityHazard"));
        Assert.Single(Values("schema:accessibilitySummary"));
        Assert.Equal(["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"], Values("dcterms:conformsTo"));
        Assert.Single(Values("a11y:certifiedBy"));
    }

    [Fact]
    public void Footnotes_are_notes_with_noterefs_and_backlinks()
    {
        var epub = Read();
        var docs = epub.ContentDocuments.ToList();
        var refs = docs.SelectMany(d => d.Xhtml.Descendants(EpubReader.Xhtml + "a")).Where(a => EpubReader.EpubTypes(a).Contains("noteref")).ToList();
        var notes = docs.SelectMany(d => d.Xhtml.Descendants(EpubReader.Xhtml + "aside")).Where(a => EpubReader.EpubTypes(a).Contains("footnote")).ToList();
        Assert.True(refs.Count >= 10, $"{refs.Count} noterefs");
        Assert.Equal(refs.Count, notes.Count);
        Assert.All(notes, n => Assert.Equal("doc-footnote", (string?)n.Attribute("role")));
        Assert.All(refs, r => Assert.Equal("doc-noteref", (string?)r.Attribute("role")));

        // Each note links back to its citation, and each citation to its note.
        var ids = docs.SelectMany(d => d.Xhtml.Descendants().Select(e => (string?)e.Attribute("id"))).OfType<string>().ToHashSet();
        Assert.All(notes, n =>
        {
            var back = n.Descendants(EpubReader.Xhtml + "a").First(a => (string?)a.Attribute("role") == "doc-backlink");
            Assert.Contains(((string)back.Attribute("href")!).TrimStart('#'), ids);
        });
        Assert.All(refs, r => Assert.Contains(((string)r.Attribute("href")!).TrimStart('#'), ids));
    }

    [Fact]
    public void Fonts_are_embedded_and_in_the_manifest()
    {
        var epub = Read();
        var fonts = epub.Manifest.Where(m => m.MediaType.StartsWith("font/", StringComparison.Ordinal) || m.MediaType.Contains("font", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, fonts.Count);
        Assert.All(fonts, f => Assert.True(epub.Exists(f.Path), f.Path));
    }

    [Fact]
    public void Text_keeps_at_least_99_percent_of_the_seed_words_and_all_32_redactions()
    {
        var seed = WordAlignment.SeedTokens(File.ReadAllText(Repo.SeedPath));
        var text = Read().AllText;
        var result = WordAlignment.Align(seed, WordAlignment.OutputTokens(text));
        Assert.True(result.WordShare >= 0.99, $"{result.MatchedWords}/{result.SeedWords}; missing:\n{string.Join("\n", result.Missing.Take(40))}");
        Assert.Equal(32, result.MatchedMarks);
        Assert.DoesNotContain("*", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Appendix_links_each_request_to_the_place_it_is_told()
    {
        var epub = Read();
        var appendix = epub.ContentDocuments.Single(d => d.Xhtml.Descendants(EpubReader.Xhtml + "h1").Any(h => h.Value.Contains("Appendix: The Six Requests", StringComparison.Ordinal)));
        var links = appendix.Xhtml.Descendants(EpubReader.Xhtml + "td").SelectMany(td => td.Descendants(EpubReader.Xhtml + "a")).ToList();
        Assert.Equal(6, links.Count);
        for (var n = 1; n <= 6; n++)
        {
            var (path, fragment) = EpubReader.ResolveHref(appendix.Path, (string)links[n - 1].Attribute("href")!);
            Assert.Equal($"request-{n}", fragment);
            Assert.NotNull(epub.GetXhtml(path).Descendants().FirstOrDefault(e => (string?)e.Attribute("id") == fragment));
        }
    }
}
