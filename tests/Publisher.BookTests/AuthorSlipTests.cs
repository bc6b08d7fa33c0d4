using System.Text.RegularExpressions;
using Publisher.TestKit.Epub;
using Publisher.TestKit.Pdf;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>
/// Slips a new author makes, built through the CLI and checked in both outputs: citations side by side (the first of
/// "[^a][^b]" used to vanish with a false "never cited"), an empty chapter file and a chapter without a title (which
/// built silently, the untitled one missing from the contents and the EPUB's navigation).
/// </summary>
public sealed partial class AuthorSlipTests
{
    private static readonly Lazy<(string Pdf, string Epub, Repo.CliRun Run)> Built = new(() =>
    {
        var dir = Repo.TempDir("slips");
        File.WriteAllText(Path.Combine(dir, "book.yml"),
            "title: Slips\nchapters:\n  front: [title-page, dedication.md, contents]\n  body: [01-notes.md, 02-empty.md, 03-untitled.md]\n");
        File.WriteAllText(Path.Combine(dir, "dedication.md"), "For the reader.\n");
        File.WriteAllText(Path.Combine(dir, "01-notes.md"), """
            # Notes

            Two notes.[^a][^b] Three more[^c][^d][^e]. Spaced [^f] [^g]. Before a link[^h][a link](https://example.org/). In *emphasis[^i]*[^j] too.

            [^a]: Note alpha.
            [^b]: Note bravo.
            [^c]: Note charlie.
            [^d]: Note delta.
            [^e]: Note echo.
            [^f]: Note foxtrot.
            [^g]: Note golf.
            [^h]: Note hotel.
            [^i]: Note india.
            [^j]: Note juliet.
            """);
        File.WriteAllText(Path.Combine(dir, "02-empty.md"), "");
        File.WriteAllText(Path.Combine(dir, "03-untitled.md"), "Just a paragraph, with no heading above it.\n");
        var outDir = Repo.TempDir("slips-out");
        var run = Repo.Publisher("build", "--manuscript", dir, "--out", outDir);
        Assert.True(run.ExitCode == 0, $"build failed ({run.ExitCode}):\n{run.Err}");
        return (Directory.GetFiles(outDir, "*.pdf").Single(), Directory.GetFiles(outDir, "*.epub").Single(), run);
    });

    private static readonly string[] Notes = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"];

    [Fact]
    public void Only_the_empty_and_the_untitled_chapter_are_reported_each_at_its_file()
    {
        var warnings = Built.Value.Run.Err.Split('\n').Select(l => WarningHead().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value);

        Assert.Equal(["02-empty.md:1:1: warning PUB1039", "03-untitled.md:1:1: warning PUB1040"], warnings);
    }

    [Fact]
    public void Every_note_is_in_the_epub_in_order_and_the_untitled_chapters_are_in_its_navigation()
    {
        var epub = EpubReader.ReadFile(Built.Value.Epub);
        var notes = epub.ContentDocuments.Single(d => d.Path.EndsWith("notes.xhtml", StringComparison.Ordinal));

        var refs = notes.Xhtml.Descendants(EpubReader.Xhtml + "a").Where(a => EpubReader.EpubTypes(a).Contains("noteref")).Select(a => a.Value);
        var asides = notes.Xhtml.Descendants(EpubReader.Xhtml + "aside").Where(a => EpubReader.EpubTypes(a).Contains("footnote")).Select(a => a.Value);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], refs);
        Assert.Equal(Notes.Select(n => $"Note {n}."), asides.Select(a => Regex.Match(a, @"Note \w+\.").Value));
        Assert.Contains("Two notes.1,2 Three more3,4,5. Spaced 6 7. Before a link8a link. In emphasis9,10 too.", notes.Text, StringComparison.Ordinal);
        Assert.Equal(["Chapter 1: Notes", "Chapter 2", "Chapter 3"], epub.Toc.Select(t => t.Label));
    }

    [Slow("reads the outputs with poppler-utils, qpdf or epubcheck")]
    [SkippableFact]
    public void Every_note_is_at_the_foot_of_its_page_and_the_untitled_chapters_are_in_the_contents_and_bookmarks()
    {
        var pages = PdfTools.PageTexts(Built.Value.Pdf).Select(p => Regex.Replace(p, @"\s+", " ")).ToList();
        var notesPage = pages.Single(p => p.Contains("Two notes.", StringComparison.Ordinal));
        Assert.Contains("Two notes.1,2 Three more3,4,5.", notesPage, StringComparison.Ordinal);
        Assert.Contains("In emphasis9,10 too.", notesPage, StringComparison.Ordinal);
        var at = notesPage.IndexOf("Before a link", StringComparison.Ordinal);
        foreach (var (note, i) in Notes.Select((n, i) => (n, i)))
        {
            var found = notesPage.IndexOf($"{i + 1}. Note {note}.", StringComparison.Ordinal);
            Assert.True(found > at, $"note {i + 1} ('{note}') is not at the foot of the page, after the text and the note before it");
            at = found;
        }

        var contents = pages.Single(p => p.Contains("Contents", StringComparison.Ordinal) && p.Contains("Notes", StringComparison.Ordinal));
        Assert.Matches(@"Notes[ .]*\d+ Chapter 2[ .]*\d+ Chapter 3[ .]*\d+", contents);
        Assert.Equal(["Contents", "Notes", "Chapter 2", "Chapter 3"], PdfTools.Outline(Built.Value.Pdf).Where(o => o.Level == 1).Select(o => o.Title));
    }

    [Slow("reads the outputs with poppler-utils, qpdf or epubcheck")]
    [SkippableFact]
    public void Both_outputs_validate()
    {
        Assert.Equal(0, PdfTools.QpdfCheck(Built.Value.Pdf).ExitCode);
        var report = Epubcheck.Run(Built.Value.Epub);
        Assert.True(report.Messages.IsEmpty, report.ToString());
    }

    /// <summary>A warning's file name, place and code: "02-empty.md:1:1: warning PUB1039".</summary>
    [GeneratedRegex(@"([^/\\]+:\d+:\d+: warning PUB\d{4}):")]
    private static partial Regex WarningHead();
}
