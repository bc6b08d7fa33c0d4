using System.Text.RegularExpressions;
using Publisher.TestKit.Epub;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>
/// A book whose chapters hold raw HTML, scripts, event handlers and javascript: links (tests/fixtures/hostile), built
/// through the CLI: it builds, every removal is reported at its file:line:col, and the EPUB is valid and inert.
/// </summary>
public sealed partial class HostileBookTests
{
    private static readonly string Manuscript = Path.Combine(Repo.Root, "tests", "fixtures", "hostile");
    private static readonly Lazy<(string Epub, Repo.CliRun Run)> Built = new(() =>
    {
        var outDir = Repo.TempDir("hostile");
        var run = Repo.Publisher("build", "--manuscript", Manuscript, "--out", outDir);
        Assert.True(run.ExitCode == 0, $"build failed ({run.ExitCode}):\n{run.Err}");
        return (Directory.GetFiles(outDir, "*.epub").Single(), run);
    });

    [Fact]
    public void Every_removal_is_reported_at_its_place()
    {
        var warnings = Built.Value.Run.Err.Split('\n').Where(l => l.Contains(": warning PUB", StringComparison.Ordinal)).ToList();
        string[] expected =
        [
            "hostile.md:1:27: warning PUB1029", // <script> in the title
            "hostile.md:3:1: warning PUB1029",
            "hostile.md:4:1: warning PUB1030", // onclick
            "hostile.md:5:1: warning PUB1029", // <iframe>
            "hostile.md:7:3: warning PUB1031", // [link](javascript:...)
            "hostile.md:7:35: warning PUB1031", // <a href="data:...">
            "hostile.md:7:99: warning PUB1031", // <JAVASCRIPT:...>
            "hostile.md:9:1: warning PUB1029", // <object>
            "hostile.md:9:82: warning PUB1029", // <style>
            "hostile.md:11:1: warning PUB1029", // <svg>
            "hostile.md:15:12: warning PUB1030", // onmouseover
            "hostile.md:15:52: warning PUB1029", // <form>
        ];
        foreach (var e in expected)
        {
            Assert.Contains(warnings, w => w.Contains(e, StringComparison.Ordinal));
        }

        // Each warning names a file, a line and a column.
        Assert.All(warnings, w => Assert.Matches(Located(), w));
    }

    [Slow("reads the outputs with poppler-utils, qpdf or epubcheck")]
    [SkippableFact]
    public void Epubcheck_reports_nothing_at_all()
    {
        var report = Epubcheck.Run(Built.Value.Epub);
        Assert.True(report.Messages.IsEmpty, report.ToString());
    }

    [Slow("DAISY Ace (Chromium)")]
    [SkippableFact]
    public void Ace_reports_no_violation()
    {
        var report = Ace.Run(Built.Value.Epub);
        Assert.True(report.Violations.IsEmpty, report.ToString());
    }

    [Fact]
    public void The_epub_is_well_formed_and_inert_and_keeps_the_safe_formatting()
    {
        var epub = EpubReader.ReadFile(Built.Value.Epub);
        Assert.Empty(epub.Validate());
        var x = EpubReader.Xhtml;
        foreach (var doc in epub.ContentDocuments)
        {
            var elements = doc.Xhtml.Descendants().ToList();
            Assert.DoesNotContain(elements, e => e.Name.LocalName is "script" or "style" or "iframe" or "object" or "embed" or "svg" or "form" or "input" or "button");
            Assert.DoesNotContain(elements.SelectMany(e => e.Attributes()), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
            Assert.DoesNotContain(elements.Select(e => (string?)e.Attribute("href")).OfType<string>(), h => h.Contains("script:", StringComparison.OrdinalIgnoreCase) || h.StartsWith("data:", StringComparison.Ordinal));
            Assert.DoesNotContain(elements, e => e.Name == x + "p" && !e.Nodes().Any());
        }

        var safe = epub.GetXhtml("EPUB/text/safe-html.xhtml");
        Assert.Contains(safe.Descendants(x + "em"), e => e.Value == "emphasis");
        Assert.Contains(safe.Descendants(x + "strong"), e => e.Value == "strong");
        Assert.Contains(safe.Descendants(x + "span"), e => (string?)e.Attribute("class") == "smallcaps" && e.Value == "small capitals");
        Assert.Single(safe.Descendants(x + "br"));
        Assert.Contains(safe.Descendants(x + "a"), a => (string?)a.Attribute("href") == "https://example.com/");
        Assert.Contains(safe.Descendants(x + "a"), a => ((string?)a.Attribute("href"))?.StartsWith("hostile-chapter.xhtml", StringComparison.Ordinal) == true);
        Assert.Single(safe.Descendants(x + "hr"));
        Assert.Contains("Everything else stays.", epub.AllText, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"hostile/[a-z-]+\.md:\d+:\d+: warning PUB\d{4}: ")]
    private static partial Regex Located();
}
