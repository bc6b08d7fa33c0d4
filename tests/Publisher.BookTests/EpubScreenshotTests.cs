using System.IO.Compression;
using Publisher.TestKit.Epub;
using SkiaSharp;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>
/// Every document of the sample EPUB, in reading order, rendered with its CSS and embedded fonts in headless Chromium
/// (reading systems are browser engines), saved to <c>ActualOutput/epub-screens/</c> to be looked at. The test checks
/// that each renders at all and shows text; the looking is for people (see README, tests/tools/screenshot-epub.sh).
/// </summary>
[Collection(SampleBookCollection.Name)]
[Slow("Chromium")]
public sealed class EpubScreenshotTests(SampleBook book)
{
    private const int Width = 600;
    private const int Height = 900;

    [SkippableFact]
    public void Each_document_renders_in_chromium_with_ink_on_the_screen()
    {
        var outDir = Path.Combine(Repo.Root, "tests", "Publisher.BookTests", "ActualOutput", "epub-screens");
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }

        var unpacked = Path.Combine(outDir, "book");
        ZipFile.ExtractToDirectory(book.Epub, unpacked);
        var epub = EpubReader.ReadFile(book.Epub);
        var n = 0;
        foreach (var item in epub.Spine)
        {
            n++;
            var png = Path.Combine(outDir, $"{n:00}-{Path.GetFileNameWithoutExtension(item.Path)}.png");
            Chromium.Screenshot(Path.Combine(unpacked, item.Path!), png, Width, Height);
            using var bitmap = SKBitmap.Decode(png);
            Assert.NotNull(bitmap);
            Assert.Equal((Width, Height), (bitmap.Width, bitmap.Height));

            // Something dark was drawn: text, or the cover's bands. (Well-formedness is epubcheck's and the
            // reader's to check; this catches a page that renders empty, e.g. text hidden by the stylesheet.)
            Assert.True(DarkShare(bitmap) > 0.002, $"{png} is (nearly) blank");
        }

        Assert.Equal(epub.Spine.Length, n);
        Assert.True(n >= 10, $"{n} documents");
    }

    private static double DarkShare(SKBitmap bitmap)
    {
        var dark = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red + c.Green + c.Blue < 3 * 128)
                {
                    dark++;
                }
            }
        }

        return dark / (bitmap.Width * bitmap.Height / 4.0);
    }
}
