using Publisher.Rendering;
using Publisher.PageModel;
using SkiaSharp;

namespace Publisher.Preview;

/// <summary>
/// Page pixels, always obtained from <see cref="PngRenderer"/> (the PDF's drawing code) and decoded, so every image
/// this library makes shows exactly what a page preview shows.
/// </summary>
internal static class PageImages
{
    /// <summary>The colour of the paper outside any page (an empty half of a spread, the contact sheet's ground).</summary>
    public static readonly SKColor Ground = new(0xE4, 0xE4, 0xE4);

    /// <summary>The gutter line between the two pages of a spread.</summary>
    public static readonly SKColor Gutter = new(0x90, 0x90, 0x90);

    /// <summary>Renders the given pages to PNG bytes, sharing the loaded fonts between pages.</summary>
    public static Dictionary<int, byte[]> Png(PagedBook book, IEnumerable<int> pages, double dpi)
    {
        var streams = new Dictionary<int, MemoryStream>();
        PngRenderer.RenderAll(book, pages, dpi, i => streams[i] = new MemoryStream());
        // RenderAll disposes each stream after writing it; ToArray still works on a disposed MemoryStream.
        return streams.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    /// <summary>Renders the given pages as bitmaps (the caller disposes them).</summary>
    public static Dictionary<int, SKBitmap> Bitmaps(PagedBook book, IEnumerable<int> pages, double dpi) =>
        Png(book, pages, dpi).ToDictionary(kv => kv.Key, kv => Decode(kv.Value));

    /// <summary>Decodes PNG bytes into an RGBA bitmap.</summary>
    public static SKBitmap Decode(byte[] png)
    {
        using var decoded = SKBitmap.Decode(png) ?? throw new InvalidOperationException("a rendered page could not be decoded");
        // One pixel format for every bitmap, so pixel comparisons compare like with like.
        var rgba = new SKBitmap(new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        decoded.CopyTo(rgba, SKColorType.Rgba8888);
        return rgba;
    }

    /// <summary>Encodes a bitmap as PNG.</summary>
    public static byte[] Encode(SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// Pixel size of a page at <paramref name="dpi"/>, computed exactly as <see cref="PngRenderer"/> does, single
    /// precision scale included (so 432 pt at 80 dpi is 481 px, not 480).
    /// </summary>
    public static (int Width, int Height) Size(Page page, double dpi)
    {
        var scale = (float)(dpi / 72.0);
        return ((int)Math.Ceiling(page.Width.Points * scale), (int)Math.Ceiling(page.Height.Points * scale));
    }

    /// <summary>
    /// The facing-page pairs of a book as 0-based (verso, recto) indices, null where a side is empty: page 1 is a
    /// recto alone on the right, then 2|3, 4|5 and so on; an even page count leaves the last verso alone.
    /// </summary>
    public static List<(int? Verso, int? Recto)> Spreads(int pageCount)
    {
        var spreads = new List<(int?, int?)>();
        if (pageCount == 0)
        {
            return spreads;
        }

        spreads.Add((null, 0));
        for (var verso = 1; verso < pageCount; verso += 2)
        {
            spreads.Add((verso, verso + 1 < pageCount ? verso + 1 : null));
        }

        return spreads;
    }

    /// <summary>Puts two page bitmaps side by side with a thin gutter line; an empty side is left as ground.</summary>
    public static SKBitmap Spread(SKBitmap? verso, SKBitmap? recto, int pageWidth, int pageHeight)
    {
        var bitmap = new SKBitmap(new SKImageInfo(pageWidth * 2, pageHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(Ground);
        if (verso is not null)
        {
            canvas.DrawBitmap(verso, 0, 0);
        }

        if (recto is not null)
        {
            canvas.DrawBitmap(recto, pageWidth, 0);
        }

        // One device pixel wide: the fold, not a border; drawn at the recto's left edge so neither page moves.
        using var paint = new SKPaint { Color = Gutter, StrokeWidth = 0, IsAntialias = false };
        canvas.DrawLine(pageWidth, 0, pageWidth, pageHeight, paint);
        return bitmap;
    }
}
