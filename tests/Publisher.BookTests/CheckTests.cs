using System.Text.RegularExpressions;
using Publisher.Cli;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary><c>publisher check</c>: lints without building, prints a summary table, and uses the usual exit codes.</summary>
public sealed class CheckTests
{
    private static string Manuscript(string bookYml, string chapter)
    {
        var dir = Repo.TempDir("check");
        File.WriteAllText(Path.Combine(dir, "book.yml"), bookYml);
        File.WriteAllText(Path.Combine(dir, "a.md"), chapter);
        return dir;
    }

    /// <summary>The (errors, warnings) of a row of the summary table.</summary>
    private static (int Errors, int Warnings) Row(string table, string row)
    {
        var m = Regex.Match(table, "^" + Regex.Escape(row) + @"\s+(\d+)\s+(\d+)", RegexOptions.Multiline);
        Assert.True(m.Success, $"no row '{row}' in:\n{table}");
        return (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_lint_is_reported_at_its_place_and_counted_in_its_row()
    {
        var dir = Manuscript("title: T\ntitel: a typo\n", "# A\n\nSee [](#nowhere), a note[^x], an *odd marker, ![map](map.png) and 北京.\n\n[^unused]: Never cited.\n");

        var run = Repo.Publisher("check", "--manuscript", dir);

        Assert.Equal(ExitCodes.BookErrors, run.ExitCode);
        string[] expected =
        [
            "book.yml:2:1: error PUB1008: unknown key 'titel' in book.yml",
            "a.md:3:5: error PUB1026: cross-reference to '#nowhere' points nowhere",
            "a.md:3:25: warning PUB1021: the footnote '[^x]' is not defined",
            "a.md:5:1: warning PUB1022: the footnote '[^unused]' is never cited",
            "a.md:3:34: warning PUB1038: a stray '*' opens or closes no emphasis",
            "a.md:3:47: error PUB1034: the image 'map.png' does not exist",
            "a.md:3:67: warning PUB3004: no glyph for '北' (U+5317) in the style's fonts (Charis SIL)",
            "a.md:3:68: warning PUB3004: no glyph for '京' (U+4EAC) in the style's fonts (Charis SIL)",
        ];
        foreach (var e in expected)
        {
            Assert.Contains(run.Err.Split('\n'), l => l.Contains(e, StringComparison.Ordinal));
        }

        Assert.Equal((1, 0), Row(run.Out, "book.yml"));
        Assert.Equal((1, 0), Row(run.Out, "cross-references and ids"));
        Assert.Equal((0, 2), Row(run.Out, "footnotes"));
        Assert.Equal((1, 0), Row(run.Out, "images"));
        Assert.Equal((0, 1), Row(run.Out, "stray emphasis markers"));
        Assert.Equal((0, 2), Row(run.Out, "characters the fonts lack"));
        Assert.Equal((3, 5), Row(run.Out, "total"));
        Assert.DoesNotContain("PDF", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_book_checks_clean_and_nothing_is_written()
    {
        var before = Directory.GetFileSystemEntries(Repo.Manuscript, "*", SearchOption.AllDirectories).Length;
        var outDir = Path.Combine(Repo.TempDir("check-clean"), "dist");

        var run = Repo.Publisher("check", "--manuscript", Repo.Manuscript, "--out", outDir);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Err);
        // Off a terminal, stderr has one line per stage and nothing else: no diagnostic.
        Assert.All(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("publisher: ", l, StringComparison.Ordinal));
        Assert.Equal((0, 0), Row(run.Out, "total"));
        Assert.False(Directory.Exists(outDir));
        Assert.Equal(before, Directory.GetFileSystemEntries(Repo.Manuscript, "*", SearchOption.AllDirectories).Length);
    }

    [Slow("qpdf and epubcheck")]
    [SkippableFact]
    public void Outputs_runs_qpdf_and_epubcheck_on_the_last_build()
    {
        ExternalTools.Require("qpdf", "qpdf");
        ExternalTools.Require("epubcheck", Environment.GetEnvironmentVariable("EPUBCHECK_JAR") ?? TestKit.Epub.Epubcheck.DefaultJar);
        var dir = Manuscript("title: Checked\n", "# A\n\nText.\n");
        var outDir = Repo.TempDir("check-outputs");

        var missing = Repo.Publisher("check", "--manuscript", dir, "--out", outDir, "--outputs");
        Assert.Equal(ExitCodes.BookErrors, missing.ExitCode);
        Assert.Contains("checked.pdf: error PUB5003: there is no PDF: build the book first", missing.Err, StringComparison.Ordinal);
        Assert.Equal((1, 0), Row(missing.Out, "EPUB (epubcheck)"));

        Assert.Equal(0, Repo.Publisher("build", "--manuscript", dir, "--out", outDir).ExitCode);
        var pdf = Path.Combine(outDir, "checked.pdf");
        var bytes = File.ReadAllBytes(pdf);
        File.WriteAllBytes(pdf, bytes[..(bytes.Length / 2)]);

        var run = Repo.Publisher("check", "--manuscript", dir, "--out", outDir, "--outputs");

        Assert.Equal(ExitCodes.BookErrors, run.ExitCode);
        Assert.Matches(@"checked\.pdf: (error|warning) PUB5004: qpdf", run.Err);
        Assert.NotEqual((0, 0), Row(run.Out, "PDF (qpdf --check)"));
        Assert.Equal((0, 0), Row(run.Out, "EPUB (epubcheck)"));
    }

    [Fact]
    public void Usage_problems_exit_2()
    {
        Assert.Equal(ExitCodes.Usage, Repo.Publisher("check", "--manuscrpt", "x").ExitCode);
        var missing = Repo.Publisher("check", "--manuscript", Path.Combine(Repo.TempDir("none"), "nope"));
        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.Contains("error PUB1000: manuscript folder does not exist", missing.Err, StringComparison.Ordinal);
    }
}
