using System.Text.RegularExpressions;
using Publisher.TestKit.Epub;
using Publisher.TestKit.Pdf;
using Publisher.TestKit.Text;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>A book with every block the manuscript format has: quotes, lists, code, tables (one longer than a page), notes.</summary>
public sealed partial class KitchenSinkTests
{
    private static readonly Lazy<string> OutDir = new(() => Repo.Build(Path.Combine(Repo.Root, "tests", "fixtures", "kitchen-sink"), "kitchen"));

    private static string Pdf => Directory.GetFiles(OutDir.Value, "*.pdf").Single();

    private static string Epub => Directory.GetFiles(OutDir.Value, "*.epub").Single();

    /// <summary>The words of the manuscript, with Markdown syntax stripped, in order.</summary>
    private static List<string> ManuscriptWords()
    {
        var dir = Path.Combine(Repo.Root, "tests", "fixtures", "kitchen-sink");
        var text = string.Join("\n", new[] { "blocks.md", "long.md" }.Select(f => File.ReadAllText(Path.Combine(dir, f))));

        // A note's text is printed at the foot of the page that cites it, not where it is defined: leave it out here.
        text = NoteDefinition().Replace(text, " ");
        text = Markup().Replace(text, " ");
        return WordAlignment.OutputTokens(text).Where(t => t != WordAlignment.Mark).ToList();
    }

    [Slow("poppler-utils, qpdf and epubcheck")]
    [SkippableFact]
    public void Every_word_of_the_manuscript_is_in_the_pdf_in_order()
    {
        var result = WordAlignment.Align(ManuscriptWords(), WordAlignment.OutputTokens(PdfTools.Text(Pdf)));
        Assert.True(result.MatchedWords == result.SeedWords, $"{result.MatchedWords}/{result.SeedWords}; missing:\n{string.Join("\n", result.Missing.Take(20))}");
    }

    [Fact]
    public void Every_word_of_the_manuscript_is_in_the_epub_in_order()
    {
        var result = WordAlignment.Align(ManuscriptWords(), WordAlignment.OutputTokens(EpubReader.ReadFile(Epub).AllText));
        Assert.True(result.MatchedWords == result.SeedWords, $"{result.MatchedWords}/{result.SeedWords}; missing:\n{string.Join("\n", result.Missing.Take(20))}");
    }

    [Slow("poppler-utils, qpdf and epubcheck")]
    [SkippableFact]
    public void The_footnote_is_at_the_foot_of_the_page_that_cites_it()
    {
        var page = PdfTools.PageTexts(Pdf).Single(p => p.Contains("It runs on long enough", StringComparison.Ordinal));
        var flat = Regex.Replace(page, @"\s+", " ");
        Assert.Contains("1. The first note, which is long enough to take two lines", flat, StringComparison.Ordinal);
        Assert.True(flat.IndexOf("1. The first note", StringComparison.Ordinal) > flat.IndexOf("second nested", StringComparison.Ordinal));
    }

    [Slow("poppler-utils, qpdf and epubcheck")]
    [SkippableFact]
    public void Both_outputs_validate()
    {
        Assert.Equal(0, PdfTools.QpdfCheck(Pdf).ExitCode);
        var report = Epubcheck.Run(Epub);
        Assert.True(report.Messages.IsEmpty, report.ToString());
    }

    [Slow("poppler-utils, qpdf and epubcheck")]
    [SkippableFact]
    public void A_table_longer_than_a_page_repeats_its_header_row()
    {
        var pages = PdfTools.PageTexts(Pdf);
        var withRows = pages.Where(p => p.Contains("row 30 of a long table", StringComparison.Ordinal) || p.Contains("row 5 of a long table", StringComparison.Ordinal)).ToList();
        var tablePages = pages.Where(p => Regex.IsMatch(p, @"row \d+ of a long table")).ToList();
        Assert.True(tablePages.Count >= 2, "the long table should run over at least two pages");
        Assert.All(tablePages, p => Assert.Contains("Description", p, StringComparison.Ordinal));
        Assert.NotEmpty(withRows);
    }

    [Slow("poppler-utils, qpdf and epubcheck")]
    [SkippableFact]
    public void No_text_runs_into_the_margins()
    {
        AssertInsideTextBlock(Pdf);
    }

    /// <summary>Every word sits inside the trade style's text block (6 × 9 in, inner 63 pt, outer 45 pt), within half a point.</summary>
    internal static void AssertInsideTextBlock(string pdf)
    {
        foreach (var w in PdfTools.Words(pdf))
        {
            var recto = w.Page % 2 == 1;
            var left = recto ? 63.0 : 45.0;
            var right = 432.0 - (recto ? 45.0 : 63.0);
            Assert.True(w.XMin >= left - 0.5 && w.XMax <= right + 0.5, $"page {w.Page}: '{w.Text}' spans {w.XMin:0.0}–{w.XMax:0.0}, text block is {left}–{right}");
        }
    }

    [GeneratedRegex(@"^\[\^[^\]]+\]:.*(\n    .*)*", RegexOptions.Multiline)]
    private static partial Regex NoteDefinition();

    [GeneratedRegex(@"\[\^[^\]]+\]:?|\{[#.][^}]*\}|[#*_`>|]|^\s*[-:|]+\s*$|^\s*\d+\.\s|\]\([^)]*\)|\(https?://[^)]*\)", RegexOptions.Multiline)]
    private static partial Regex Markup();
}
