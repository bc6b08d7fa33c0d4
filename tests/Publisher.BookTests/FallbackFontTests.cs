using Publisher.TestKit.Epub;
using Publisher.TestKit.Pdf;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>
/// Text in a script the body font lacks: with a style that names a fallback font (tests/fixtures/fallback-style, a
/// few CJK characters of Droid Sans Fallback), those characters are set in it in print and the EPUB lists and embeds
/// it; what no font has is still a warning naming the character and its place.
/// </summary>
public sealed class FallbackFontTests
{
    private static readonly string Style = Path.Combine(Repo.Root, "tests", "fixtures", "fallback-style");

    // Line 3 of the chapter. A warning names the column of its character (UTF-16 code units from 1), not the paragraph's start.
    private const string Line = "The capital is 北京, *in italics 东西*, and 🙂 has no glyph.";

    private static string Place(string character) => $"a.md:3:{Line.IndexOf(character, StringComparison.Ordinal) + 1}:";

    private static (string OutDir, Repo.CliRun Run) Build(string? style)
    {
        var dir = Repo.TempDir("fallback");
        File.WriteAllText(Path.Combine(dir, "book.yml"), "title: T\n");
        File.WriteAllText(Path.Combine(dir, "a.md"), "# A\n\n" + Line + "\n");
        var outDir = Repo.TempDir("fallback-out");
        var run = Repo.Publisher(["build", "--manuscript", dir, "--out", outDir, .. style is null ? Array.Empty<string>() : ["--style", style]]);
        Assert.True(run.ExitCode == 0, run.Err);
        return (outDir, run);
    }

    [Slow("poppler-utils")]
    [SkippableFact]
    public void Characters_the_body_font_lacks_are_set_in_the_fallback_font_and_the_rest_warn_with_their_place()
    {
        var (outDir, run) = Build(Style);
        var pdf = Directory.GetFiles(outDir, "*.pdf").Single();

        Assert.Contains(PdfTools.Fonts(pdf), f => f.Name.EndsWith("DroidSansFallback", StringComparison.Ordinal) && f.Embedded);
        Assert.Contains("北京", PdfTools.Text(pdf), StringComparison.Ordinal);
        Assert.Contains("东西", PdfTools.Text(pdf), StringComparison.Ordinal);
        var warnings = run.Err.Split('\n').Where(l => l.Contains("PUB3004", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains(Place("🙂") + " warning PUB3004: no glyph for '🙂' (U+1F642), which neither 'Charis SIL Regular' nor the fallback 'Droid Sans Fallback Regular' can show", warning, StringComparison.Ordinal);
        Assert.Contains("  hint: give the style a fallback font that has it, or write the text without it", run.Err, StringComparison.Ordinal);
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);

        var epub = EpubReader.ReadFile(Directory.GetFiles(outDir, "*.epub").Single());
        Assert.Empty(epub.Validate());
        Assert.Contains(epub.Paths, p => p.EndsWith("droidsansfallback-subset.ttf", StringComparison.Ordinal));
        var css = System.Text.Encoding.UTF8.GetString(ReadEntry(epub, "EPUB/styles/book.css"));
        Assert.Contains("font-family: \"Charis SIL\", \"Droid Sans Fallback\", serif", css, StringComparison.Ordinal);
    }

    [Slow("poppler-utils")]
    [SkippableFact]
    public void Without_a_fallback_font_each_character_is_a_warning()
    {
        var (outDir, run) = Build(null);

        foreach (var (c, code) in new[] { ("北", "U+5317"), ("京", "U+4EAC"), ("东", "U+4E1C"), ("西", "U+897F"), ("🙂", "U+1F642") })
        {
            Assert.Contains(run.Err.Split('\n'), l => l.Contains(Place(c) + " warning PUB3004", StringComparison.Ordinal) && l.Contains(code, StringComparison.Ordinal));
        }

        Assert.Contains("  hint: name a fallback font that has it in the style (fonts.fallback), or write the text without it", run.Err, StringComparison.Ordinal);

        Assert.DoesNotContain(PdfTools.Fonts(Directory.GetFiles(outDir, "*.pdf").Single()), f => f.Name.Contains("Droid", StringComparison.Ordinal));
    }

    private static byte[] ReadEntry(EpubReader epub, string path)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(epub.Bytes));
        using var s = zip.GetEntry(path)!.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }
}
