using System.Text.RegularExpressions;
using Publisher.TestKit.Pdf;
using Publisher.TestKit.Text;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>The sample book's print PDF, checked from the file with qpdf and poppler.</summary>
[Collection(SampleBookCollection.Name)]
public sealed partial class SamplePdfTests(SampleBook book)
{
    private static readonly string[] ChapterTitles =
    [
        "Introduction", "The Road to War", "Barbarossa and the First Request", "The Second and Third Requests",
        "Stalingrad and the Fourth and Fifth Requests", "The Turning Point and the Sixth Request",
        "Why the Requests Were Refused", "Epilogue: From Kursk to Victory", "Appendix: The Six Requests",
    ];

    [Slow("poppler-utils and qpdf")]
    [SkippableFact]
    public void Qpdf_finds_no_problem()
    {
        var r = PdfTools.QpdfCheck(book.Pdf);
        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        Assert.Contains("No syntax or stream encoding errors found", r.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", r.StdOut + r.StdErr, StringComparison.Ordinal);
    }

    [Slow("poppler-utils and qpdf")]
    [SkippableFact]
    public void Every_font_is_embedded_and_subset_with_a_unicode_map()
    {
        var fonts = PdfTools.Fonts(book.Pdf);
        Assert.True(fonts.Count >= 3, "expected at least regular, italic and bold: " + string.Join(", ", fonts));
        Assert.All(fonts, f =>
        {
            Assert.True(f.Embedded, f.Name + " is not embedded");
            Assert.True(f.Subset, f.Name + " is not subset");
            Assert.True(f.Unicode, f.Name + " has no ToUnicode map");
        });
        Assert.All(fonts, f => Assert.Contains("Charis", f.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Subset_fonts_keep_the_file_small()
    {
        // The four Charis SIL files are 3 MB; a 27-page book that embeds them whole is over 1 MB.
        Assert.True(new FileInfo(book.Pdf).Length < 400_000, $"PDF is {new FileInfo(book.Pdf).Length} bytes");
    }

    [Slow("poppler-utils and qpdf")]
    [SkippableFact]
    public void Every_page_has_the_trim_size_of_the_style()
    {
        var sizes = PdfTools.PageSizes(book.Pdf);
        Assert.True(sizes.Count > 20);
        Assert.All(sizes, s =>
        {
            Assert.Equal(432, s.Width, 0.5);  // 6 in
            Assert.Equal(648, s.Height, 0.5); // 9 in
        });
    }

    [Slow("poppler-utils and qpdf")]
    [SkippableFact]
    public void Margins_are_mirrored_with_the_larger_one_at_the_gutter()
    {
        var words = PdfTools.Words(book.Pdf);
        var pageTexts = PdfTools.PageTexts(book.Pdf);

        // Text pages only: the left edge of their text block is the minimum x of their words.
        var lefts = words.GroupBy(w => w.Page).Where(g => g.Count() > 150).ToDictionary(g => g.Key, g => g.Min(w => w.XMin));
        var recto = lefts.Where(kv => kv.Key % 2 == 1).Select(kv => kv.Value).ToList();
        var verso = lefts.Where(kv => kv.Key % 2 == 0).Select(kv => kv.Value).ToList();
        Assert.NotEmpty(recto);
        Assert.NotEmpty(verso);

        // trade: inner 0.875 in (63 pt), outer 0.625 in (45 pt). Recto pages have the gutter on the left.
        Assert.All(recto, x => Assert.InRange(x, 62.0, 66.0));
        Assert.All(verso, x => Assert.InRange(x, 44.0, 48.0));
        Assert.Equal(pageTexts.Count, PdfTools.PageSizes(book.Pdf).Count);
    }

    [Slow("poppler-utils and qpdf")]
    [SkippableFact]
    public void Chapters_appear_in_reading_order_each_at_the_top_of_a_new_page()
    {
        var pages = PdfTools.PageTexts(book.Pdf);
        var lastPage = -1;
        foreach (var title in ChapterTitles)
        {
            // The opener carries the title within its first lines (after an optional "Chapter N").
            var page = Array.FindIndex([.. pages], lastPage + 1, p => FirstLines(p, 4).Contains(title, StringComparison.Ordinal));
            Assert.True(page > lastPage, $"'{title}' does not open a page after page {lastPage + 1}");
            lastPage = page;
        }
    }

    [Slow("poppler-utils and qpdf")]
    [SkippableFact]
    public void Contents_page_numbers_point_at_the_pages_where_chapters_open()
    {
        var pages = PdfTools.PageTexts(book.Pdf, layout: true);
        var contents = pages.First(p => p.TrimStart().StartsWith("Contents", StringComparison.Ordinal));
        var entries = ContentsEntry().Matches(contents).Select(m => (Title: m.Groups[1].Value.Trim(), Folio: m.Groups[2].Value)).ToList();
        Assert.True(entries.Count >= ChapterTitles.Length, "contents entries: " + string.Join(" | ", entries));
        foreach (var (title, folio) in entries)
        {
            // The page that opens with the title prints the folio as its last line.
            var page = pages.FirstOrDefault(p => FirstLines(p, 4).Contains(title, StringComparison.Ordinal) && !p.Contains("Contents", StringComparison.Ordinal));
            Assert.True(page is not null, $"no page opens with '{title}'");
            Assert.Equal(folio, LastLine(page));
        }
    }

    [Slow("poppler-utils and qpdf")]
    [SkippableFact]
    public void Appendix_page_references_name_the_page_where_each_request_is_told()
    {
        var pages = PdfTools.PageTexts(book.Pdf);
        var appendix = pages.Last(p => p.Contains("Appendix: The Six Requests", StringComparison.Ordinal));
        var refs = PageRef().Matches(appendix).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(6, refs.Count);

        // Where each anchor stands in the manuscript: the word written just before {#request-N}.
        var anchors = Directory.GetFiles(Repo.Manuscript, "*.md")
            .SelectMany(f => AnchorWord().Matches(File.ReadAllText(f)))
            .ToDictionary(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups[1].Value);
        Assert.Equal(6, anchors.Count);
        for (var n = 1; n <= 6; n++)
        {
            var page = pages.Single(p => LastLine(p) == refs[n - 1]);
            Assert.True(Flatten(page).Contains(anchors[n], StringComparison.Ordinal), $"request {n}: '{anchors[n]}' is not on p. {refs[n - 1]}");
        }
    }

    [Slow("poppler-utils and qpdf")]
    [SkippableFact]
    public void Text_keeps_at_least_99_percent_of_the_seed_words_in_order()
    {
        var seed = WordAlignment.SeedTokens(File.ReadAllText(Repo.SeedPath));
        var result = WordAlignment.Align(seed, WordAlignment.OutputTokens(PdfTools.Text(book.Pdf)));
        Assert.True(result.WordShare >= 0.99, $"{result.MatchedWords}/{result.SeedWords} seed words in order; missing:\n{string.Join("\n", result.Missing.Take(40))}");
    }

    [Slow("poppler-utils and qpdf")]
    [SkippableFact]
    public void All_32_redactions_stay_visible_in_place_and_no_asterisk_survives()
    {
        var seedText = File.ReadAllText(Repo.SeedPath);
        var seed = WordAlignment.SeedTokens(seedText);
        Assert.Equal(32, seed.Count(t => t == WordAlignment.Mark));
        var text = PdfTools.Text(book.Pdf);
        var result = WordAlignment.Align(seed, WordAlignment.OutputTokens(text));
        Assert.Equal(32, result.MatchedMarks);
        Assert.DoesNotContain("*", text, StringComparison.Ordinal);
    }

    [Slow("poppler-utils and qpdf")]
    [SkippableFact]
    public void No_text_runs_into_the_margins() => KitchenSinkTests.AssertInsideTextBlock(book.Pdf);

    [Slow("poppler-utils and qpdf")]
    [SkippableFact]
    public void Ligatures_and_small_capitals_copy_out_as_the_letters_typed()
    {
        var text = Flatten(PdfTools.Text(book.Pdf));

        // "fi"/"fl" are set as ligature glyphs by HarfBuzz; copying must still give the two letters.
        Assert.Contains("fierce", text, StringComparison.Ordinal);
        Assert.Contains("Finland", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\uFB01", text, StringComparison.Ordinal);

        // Running heads are small capitals of the typed title.
        Assert.Contains("Stalin Asked Six Times", text, StringComparison.Ordinal);
    }

    /// <summary>The first lines of a page joined with spaces, so a title set on two lines still matches.</summary>
    private static string FirstLines(string page, int n) => string.Join(' ', page.Split('\n').Where(l => l.Trim().Length > 0).Take(n).Select(l => l.Trim()));

    private static string LastLine(string page) => page.Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";

    private static string Flatten(string text) => Regex.Replace(text.Replace("-\n", "", StringComparison.Ordinal), @"\s+", " ");

    [GeneratedRegex(@"^[ \t]*(?:\d+[ \t]+)?(\S[^\n]*?)[ \t]*(?:\.[ \t]*){3,}([ivxlc]+|\d+)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex ContentsEntry();

    [GeneratedRegex(@"p\.\s(\d+)")]
    private static partial Regex PageRef();

    [GeneratedRegex(@"(\w+)\{#request-(\d)\}")]
    private static partial Regex AnchorWord();
}
