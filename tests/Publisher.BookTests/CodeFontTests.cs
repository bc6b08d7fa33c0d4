using Publisher.TestKit.Epub;
using Publisher.TestKit.Pdf;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>
/// Code is set in the style's mono font (trade ships DejaVu Sans Mono) in print and in the EPUB, scaled to the body's
/// x-height; a code line too long for the measure wraps with its continuation indented, so it does not read as a new
/// line of code; a book without code does not carry the font.
/// </summary>
public sealed class CodeFontTests
{
    private const string Chapter = """
        # Code and Text

        Call `grain * price` to get the value, or `ledger.Total()` when the sum is wanted.

        ```
        for (var i = 0; i < ledger.Count; i++)
        {
            total += ledger[i].Grain * ledger[i].Price; // a very long comment that runs past the measure of the page
        }
        ```

        After the block, the text goes on.
        """;

    private static string Build(string name, string chapter)
    {
        var dir = Repo.TempDir(name);
        File.WriteAllText(Path.Combine(dir, "book.yml"), "title: Code Book\n");
        File.WriteAllText(Path.Combine(dir, "a.md"), chapter);
        return Repo.Build(dir, name + "-out");
    }

    [Slow("poppler-utils")]
    [SkippableFact]
    public void Code_is_set_in_the_mono_font_and_a_wrapped_line_hangs()
    {
        var outDir = Build("code-font", Chapter);
        var pdf = Directory.GetFiles(outDir, "*.pdf").Single();

        var fonts = PdfTools.Fonts(pdf);
        Assert.Contains(fonts, f => f.Name.EndsWith("+DejaVuSansMono", StringComparison.Ordinal) && f.Embedded && f.Subset);
        Assert.Contains(fonts, f => f.Name.EndsWith("+CharisSIL", StringComparison.Ordinal));
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);

        // The code block's lines: "for" starts a line, "total" is indented four spaces, and "page" ends the comment,
        // which wrapped: its continuation starts two characters in, right of "for" and left of "total".
        var words = PdfTools.Words(pdf);
        double X(string text) => words.First(w => w.Text == text).XMin;
        var continuation = words.Where(w => w.YMin > words.First(v => v.Text == "total").YMax).OrderBy(w => w.YMin).ThenBy(w => w.XMin).First();
        Assert.InRange(continuation.XMin, X("for") + 1, X("total") - 1);

        var epubPath = Directory.GetFiles(outDir, "*.epub").Single();
        var epub = EpubReader.ReadFile(epubPath);
        Assert.Contains(epub.Paths, p => p.EndsWith("fonts/dejavusansmono.ttf", StringComparison.Ordinal));
        var css = System.Text.Encoding.UTF8.GetString(epub.GetBytes("EPUB/styles/book.css"));
        Assert.Contains("font-family: \"DejaVu Sans Mono\", monospace", css, StringComparison.Ordinal);
        var report = Epubcheck.Run(epubPath);
        Assert.True(!report.Problems.Any(), report.ToString());
    }

    [Slow("poppler-utils")]
    [SkippableFact]
    public void Code_in_bold_or_italic_text_or_an_italic_heading_takes_the_mono_font_of_that_style()
    {
        var outDir = Build("code-styles", "# Styles\n\nPlain `a()`, **bold `b()`**, *italic `c()`* and ***both `d()`***.\n\n### The `Layout` type\n\nText.\n");

        var fonts = PdfTools.Fonts(Directory.GetFiles(outDir, "*.pdf").Single()).Select(f => f.Name[(f.Name.IndexOf('+') + 1)..]).ToList();
        Assert.Contains("DejaVuSansMono", fonts);
        Assert.Contains("DejaVuSansMono-Bold", fonts);
        Assert.Contains("DejaVuSansMono-Oblique", fonts);
        Assert.Contains("DejaVuSansMono-BoldOblique", fonts);

        var epub = EpubReader.ReadFile(Directory.GetFiles(outDir, "*.epub").Single());
        Assert.Equal(["dejavusansmono-bold.ttf", "dejavusansmono-boldoblique.ttf", "dejavusansmono-oblique.ttf", "dejavusansmono.ttf"],
            epub.Paths.Where(p => p.Contains("dejavu", StringComparison.Ordinal)).Select(p => p[(p.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_book_without_code_does_not_carry_the_mono_font()
    {
        var outDir = Build("no-code-font", "# Prose\n\nOnly words here.\n");
        var epub = EpubReader.ReadFile(Directory.GetFiles(outDir, "*.epub").Single());
        Assert.DoesNotContain(epub.Paths, p => p.Contains("dejavu", StringComparison.OrdinalIgnoreCase));
        var css = System.Text.Encoding.UTF8.GetString(epub.GetBytes("EPUB/styles/book.css"));
        Assert.DoesNotContain("DejaVu", css, StringComparison.Ordinal);
    }
}
