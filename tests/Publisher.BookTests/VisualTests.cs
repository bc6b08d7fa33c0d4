using Publisher.Manuscript;
using Publisher.Model;
using Publisher.Rendering;
using Publisher.Styles;
using Publisher.Typesetting;
using Publisher.PageModel;
using SkiaSharp;

namespace Publisher.BookTests;

/// <summary>
/// A few small page images as visual goldens, for what text checks cannot see: kerning, rules, the place of things.
/// Compared with a tolerance after QuestPDF: a pixel differs when a channel moves by more than 8, and at most
/// 0.05 % of pixels may differ. <c>UPDATE_GOLDEN=1 dotnet test</c> rewrites the references; review the images.
/// On failure the actual image and a diff are written to <c>ActualOutput/</c> beside the references.
/// </summary>
public sealed class VisualTests
{
    private const double Dpi = 40;
    private const int ChannelTolerance = 8;
    private const double PixelShareTolerance = 0.0005;

    private static readonly Lazy<PagedBook> KitchenSink = new(() => Typeset(Path.Combine(Repo.Root, "tests", "fixtures", "kitchen-sink")));
    private static readonly Lazy<PagedBook> Sample = new(() => Typeset(Repo.Manuscript));

    private static PagedBook Typeset(string manuscript)
    {
        var source = new FileSystemBookSource();
        var book = ManuscriptLoader.Load(source, manuscript, new LoadOptions()).Value!;
        var style = StyleLoader.Load(source, "trade", Path.Combine(Repo.Root, "styles")).Value!;
        return Typesetter.Typeset(book, style).Value!;
    }

    /// <summary>
    /// Each reference is the page where an anchor lands, not a page index: text added before it moves the page and
    /// the test follows it, so the image fails only when the page itself looks different.
    /// </summary>
    public static TheoryData<string, string, string> Pages => new()
    {
        { "kitchen-sink", "chapter-opener-with-quote-lists-and-note", "blocks" },
        { "kitchen-sink", "scene-break-table-and-code", "after-scene-break" },
        { "kitchen-sink", "long-table-continued-with-header", "long-table-row-27" },
        { "sample", "contents-with-leaders", "contents" },
        { "sample", "appendix-table", "appendix-requests" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_matches_its_reference_image(string book, string name, string anchor)
    {
        var paged = book == "sample" ? Sample.Value : KitchenSink.Value;
        var located = paged.Locate(anchor);
        Assert.True(located is not null, $"anchor #{anchor} is not in {book}");
        var pageIndex = located!.PageIndex;
        using var actualStream = new MemoryStream();
        PngRenderer.Render(paged, pageIndex, Dpi, actualStream);
        var expectedPath = Path.Combine(Repo.Root, "tests", "Publisher.BookTests", "ExpectedOutput", $"{book}-{name}.png");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1" || !File.Exists(expectedPath) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            File.WriteAllBytes(expectedPath, actualStream.ToArray());
            return;
        }

        Assert.True(File.Exists(expectedPath), $"no reference image {expectedPath}; run UPDATE_GOLDEN=1 dotnet test and review it");
        using var expected = SKBitmap.Decode(expectedPath);
        using var actual = SKBitmap.Decode(actualStream.ToArray());
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        var (differing, diff) = Compare(expected, actual);
        var share = (double)differing / (expected.Width * expected.Height);
        if (share > PixelShareTolerance)
        {
            var dir = Path.Combine(Repo.Root, "tests", "Publisher.BookTests", "ActualOutput");
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, $"{book}-{name}.png"), actualStream.ToArray());
            using (var f = File.Create(Path.Combine(dir, $"{book}-{name}.diff.png")))
            {
                diff.Encode(f, SKEncodedImageFormat.Png, 100);
            }
        }

        diff.Dispose();
        Assert.True(share <= PixelShareTolerance, $"{differing} pixels ({share:P3}) differ from {expectedPath}; see ActualOutput/");
    }

    /// <summary>Counts pixels where any channel differs by more than the tolerance, and paints them red on a faded copy.</summary>
    private static (int Differing, SKBitmap Diff) Compare(SKBitmap expected, SKBitmap actual)
    {
        var diff = new SKBitmap(expected.Width, expected.Height);
        var differing = 0;
        for (var y = 0; y < expected.Height; y++)
        {
            for (var x = 0; x < expected.Width; x++)
            {
                var e = expected.GetPixel(x, y);
                var a = actual.GetPixel(x, y);
                var d = Math.Max(Math.Max(Math.Abs(e.Red - a.Red), Math.Abs(e.Green - a.Green)), Math.Max(Math.Abs(e.Blue - a.Blue), Math.Abs(e.Alpha - a.Alpha)));
                if (d > ChannelTolerance)
                {
                    differing++;
                    diff.SetPixel(x, y, SKColors.Red);
                }
                else
                {
                    var grey = (byte)(255 - ((255 - a.Red) / 4));
                    diff.SetPixel(x, y, new SKColor(grey, grey, grey));
                }
            }
        }

        return (differing, diff);
    }
}
