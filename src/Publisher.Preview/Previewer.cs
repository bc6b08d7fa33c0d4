using System.Collections.Immutable;
using System.Globalization;
using Publisher.PageModel;
using SkiaSharp;

namespace Publisher.Preview;

/// <summary>What to preview and how big.</summary>
public sealed record PreviewOptions
{
    /// <summary>0-based indices of the pages wanted; null means every page.</summary>
    public IReadOnlyList<int>? Pages { get; init; }

    /// <summary>Images of facing-page spreads (each spread that holds a wanted page) rather than single pages.</summary>
    public bool Spreads { get; init; }

    /// <summary>Also, or only (when <see cref="PagesOrSpreads"/> is false), a contact sheet of the whole book.</summary>
    public bool ContactSheet { get; init; }

    /// <summary>False when only the contact sheet is wanted.</summary>
    public bool PagesOrSpreads { get; init; } = true;

    /// <summary>Resolution of page and spread images.</summary>
    public double Dpi { get; init; } = 80;

    /// <summary>Resolution of the contact sheet's thumbnails: 6 × 9 in pages come out 144 × 216 px.</summary>
    public double ContactSheetDpi { get; init; } = 24;
}

/// <summary>One image to write: a file name (no folder) and its PNG bytes.</summary>
public sealed record PreviewImage(string FileName, byte[] Png, int Width, int Height);

/// <summary>Makes PNG previews of pages, spreads and a contact sheet with the PDF's own drawing code.</summary>
public static class Previewer
{
    /// <summary>Renders the images the options ask for. Writes nothing: the caller decides where they go.</summary>
    public static ImmutableArray<PreviewImage> Preview(PagedBook book, PreviewOptions options)
    {
        var images = ImmutableArray.CreateBuilder<PreviewImage>();
        var wanted = options.Pages ?? [.. Enumerable.Range(0, book.Pages.Length)];
        if (options.PagesOrSpreads && book.Pages.Length > 0)
        {
            if (options.Spreads)
            {
                images.AddRange(Spreads(book, wanted, options.Dpi));
            }
            else
            {
                // The page's PNG exactly as PngRenderer encodes it: no decoding and re-encoding on the way.
                foreach (var (index, png) in PageImages.Png(book, wanted, options.Dpi).OrderBy(kv => kv.Key))
                {
                    var (w, h) = PageImages.Size(book.Pages[index], options.Dpi);
                    images.Add(new PreviewImage(PageName(index), png, w, h));
                }
            }
        }

        if (options.ContactSheet && book.Pages.Length > 0)
        {
            images.Add(ContactSheet(book, options.ContactSheetDpi));
        }

        return images.ToImmutable();
    }

    /// <summary>The file name of a page image: physical page number, 1-based, three digits.</summary>
    public static string PageName(int index) => string.Create(CultureInfo.InvariantCulture, $"page-{index + 1:000}.png");

    private static IEnumerable<PreviewImage> Spreads(PagedBook book, IReadOnlyList<int> wanted, double dpi)
    {
        var wantedSet = wanted.ToHashSet();
        var spreads = PageImages.Spreads(book.Pages.Length)
            .Where(s => (s.Verso is { } v && wantedSet.Contains(v)) || (s.Recto is { } r && wantedSet.Contains(r)))
            .ToList();
        var pages = spreads.SelectMany(s => new[] { s.Verso, s.Recto }).OfType<int>().Distinct();
        var bitmaps = PageImages.Bitmaps(book, pages, dpi);
        try
        {
            // Every page of a book has one trim size; the largest is taken all the same so nothing is cut off.
            var w = bitmaps.Values.Max(b => b.Width);
            var h = bitmaps.Values.Max(b => b.Height);
            foreach (var (verso, recto) in spreads)
            {
                using var spread = PageImages.Spread(verso is { } v ? bitmaps[v] : null, recto is { } r ? bitmaps[r] : null, w, h);
                var name = (verso, recto) switch
                {
                    ({ } v2, { } r2) => string.Create(CultureInfo.InvariantCulture, $"spread-{v2 + 1:000}-{r2 + 1:000}.png"),
                    (null, { } r2) => string.Create(CultureInfo.InvariantCulture, $"spread-{r2 + 1:000}.png"),
                    ({ } v2, null) => string.Create(CultureInfo.InvariantCulture, $"spread-{v2 + 1:000}.png"),
                    _ => throw new InvalidOperationException("a spread with no pages"),
                };
                yield return new PreviewImage(name, PageImages.Encode(spread), spread.Width, spread.Height);
            }
        }
        finally
        {
            foreach (var b in bitmaps.Values)
            {
                b.Dispose();
            }
        }
    }

    private const int SheetColumns = 4;
    private const int SheetMargin = 24;
    private const int SheetGap = 24;
    private const int LabelHeight = 18;

    private static PreviewImage ContactSheet(PagedBook book, double dpi)
    {
        var bitmaps = PageImages.Bitmaps(book, Enumerable.Range(0, book.Pages.Length), dpi);
        try
        {
            var w = bitmaps.Values.Max(b => b.Width);
            var h = bitmaps.Values.Max(b => b.Height);
            var spreads = PageImages.Spreads(book.Pages.Length);
            var rows = (spreads.Count + SheetColumns - 1) / SheetColumns;
            var cellW = (2 * w) + SheetGap;
            var cellH = h + LabelHeight + SheetGap;
            var sheetW = (2 * SheetMargin) + (SheetColumns * cellW) - SheetGap;
            var sheetH = (2 * SheetMargin) + (rows * cellH) - SheetGap;
            using var sheet = new SKBitmap(new SKImageInfo(sheetW, sheetH, SKColorType.Rgba8888, SKAlphaType.Premul));
            using var canvas = new SKCanvas(sheet);
            canvas.Clear(SKColors.White);
            // Labels are set in the book's own first font: no system font is ever looked up (house style 8.4.7).
            using var typefaceData = SKData.CreateCopy(book.Fonts[0].Data);
            using var typeface = SKTypeface.FromData(typefaceData);
            using var font = new SKFont(typeface, 12);
            using var ink = new SKPaint { Color = new SKColor(0x40, 0x40, 0x40), IsAntialias = true };
            using var edge = new SKPaint { Color = PageImages.Gutter, Style = SKPaintStyle.Stroke, StrokeWidth = 0 };
            for (var s = 0; s < spreads.Count; s++)
            {
                var x = SheetMargin + (s % SheetColumns * cellW);
                var y = SheetMargin + (s / SheetColumns * cellH);
                var (verso, recto) = spreads[s];
                using var spread = PageImages.Spread(verso is { } v ? bitmaps[v] : null, recto is { } r ? bitmaps[r] : null, w, h);
                canvas.DrawBitmap(spread, x, y);
                canvas.DrawRect(x - 0.5f, y - 0.5f, (2 * w) + 1, h + 1, edge);
                foreach (var (index, left) in new[] { (verso, x), (recto, x + w) })
                {
                    if (index is { } i)
                    {
                        // Unnumbered pages (display, blank) print no folio; their label is bracketed, as bibliographers do.
                        var page = book.Pages[i];
                        var label = page.FolioShown ? page.Folio : $"[{page.Folio}]";
                        canvas.DrawText(label, left + (w / 2f), y + h + LabelHeight - 4, SKTextAlign.Center, font, ink);
                    }
                }
            }

            return new PreviewImage("contact-sheet.png", PageImages.Encode(sheet), sheetW, sheetH);
        }
        finally
        {
            foreach (var b in bitmaps.Values)
            {
                b.Dispose();
            }
        }
    }
}
