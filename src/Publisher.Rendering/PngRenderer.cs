using Publisher.PageModel;
using SkiaSharp;

namespace Publisher.Rendering;

/// <summary>Draws pages as PNG images with the same drawing code as the PDF.</summary>
public static class PngRenderer
{
    /// <summary>Renders one page at <paramref name="dpi"/> into <paramref name="output"/> as PNG.</summary>
    public static void Render(PagedBook book, int pageIndex, double dpi, Stream output)
    {
        using var drawer = new PageDrawer(book);
        Render(drawer, book.Pages[pageIndex], dpi, output);
    }

    /// <summary>Renders many pages, sharing fonts between them.</summary>
    public static void RenderAll(PagedBook book, IEnumerable<int> pages, double dpi, Func<int, Stream> open)
    {
        using var drawer = new PageDrawer(book);
        foreach (var i in pages)
        {
            using var s = open(i);
            Render(drawer, book.Pages[i], dpi, s);
        }
    }

    private static void Render(PageDrawer drawer, Page page, double dpi, Stream output)
    {
        var scale = (float)(dpi / 72.0);
        var w = (int)Math.Ceiling(page.Width.Points * scale);
        var h = (int)Math.Ceiling(page.Height.Points * scale);
        using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        drawer.Draw(canvas, page, annotations: false);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(output);
    }
}
