using Publisher.Build;
using Publisher.Rendering;
using SkiaSharp;

namespace Publisher.BookTests;

/// <summary><c>publisher preview</c> on the sample book: files, names, pixel sizes, and the renderer's own pixels.</summary>
public sealed class PreviewTests
{
    private static (int Width, int Height) Size(string png)
    {
        using var codec = SKCodec.Create(png);
        return (codec.Info.Width, codec.Info.Height);
    }

    [Fact]
    public void Pages_are_written_at_the_dpi_asked_for_and_match_the_renderer()
    {
        var outDir = Repo.TempDir("preview-pages");
        var run = Repo.Publisher("preview", "--manuscript", Repo.Manuscript, "--pages", "1-3,p12", "--dpi", "36", "--out", outDir);
        Assert.True(run.ExitCode == 0, run.Err);
        var files = Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, files.Count);
        Assert.Equal(["page-001.png", "page-002.png", "page-003.png"], files.Take(3));
        // The trade trim is 6 × 9 in: 216 × 324 px at 36 dpi.
        Assert.All(files, f => Assert.Equal((216, 324), Size(Path.Combine(outDir, f!))));

        var book = BookBuilder.Build(new BuildRequest { Manuscript = Repo.Manuscript, Target = BuildTarget.Pages });
        var folio12 = book.Pages!.Pages.First(p => p.Folio == "12").Index;
        using var direct = new MemoryStream();
        PngRenderer.Render(book.Pages, folio12, 36, direct);
        Assert.Equal(direct.ToArray(), File.ReadAllBytes(Path.Combine(outDir, $"page-{folio12 + 1:000}.png")));
    }

    [Fact]
    public void Spreads_are_two_pages_wide_and_the_contact_sheet_is_written()
    {
        var outDir = Repo.TempDir("preview-spreads");
        var run = Repo.Publisher("preview", "--manuscript", Repo.Manuscript, "--spreads", "--pages", "1-3", "--contact-sheet", "--dpi", "36", "--out", outDir);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Equal((432, 324), Size(Path.Combine(outDir, "spread-001.png")));
        Assert.Equal((432, 324), Size(Path.Combine(outDir, "spread-002-003.png")));
        Assert.True(File.Exists(Path.Combine(outDir, "contact-sheet.png")));
        Assert.Equal(3, Directory.GetFiles(outDir).Length);
    }

    [Fact]
    public void Bad_pages_and_unknown_options_are_usage_errors()
    {
        var far = Repo.Publisher("preview", "--manuscript", Repo.Manuscript, "--pages", "999", "--out", Repo.TempDir("preview-bad"));
        Assert.Equal(2, far.ExitCode);
        Assert.Contains("outside the book", far.Err, StringComparison.Ordinal);
        var typo = Repo.Publisher("preview", "--spread");
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("did you mean '--spreads'?", typo.Err, StringComparison.Ordinal);
        var missing = Repo.Publisher("preview", "--manuscript", "/no/such/folder");
        Assert.Equal(2, missing.ExitCode);
        Assert.Matches("error PUB1000", missing.Err);
    }
}
