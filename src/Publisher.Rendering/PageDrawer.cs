using System.Text;
using Publisher.Model;
using Publisher.PageModel;
using SkiaSharp;

namespace Publisher.Rendering;

/// <summary>
/// Draws pages of the page model on a Skia canvas. The PDF and the PNG previews both come through here, so a
/// preview shows exactly what the PDF holds.
/// </summary>
internal sealed class PageDrawer : IDisposable
{
    private readonly SKTypeface[] _typefaces;
    private readonly Dictionary<(int, float), SKFont> _fonts = [];

    /// <summary>Loads the book's fonts; with <paramref name="subset"/>, each is cut down to the glyphs the pages use.</summary>
    public PageDrawer(PagedBook book, bool subset = false)
    {
        var used = subset ? UsedGlyphs(book) : null;
        _typefaces = [.. book.Fonts.Select((f, i) =>
        {
            var bytes = f.Data;
            if (used is not null && used[i].Glyphs.Count > 0 && FontSubsetter.Subset(f.Data, used[i].Glyphs, used[i].Chars) is { } cut)
            {
                bytes = cut;
            }

            using var data = SKData.CreateCopy(bytes);
            return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"Skia could not load font '{f.Name}'");
        })];
    }

    private static (SortedSet<ushort> Glyphs, SortedSet<int> Chars)[] UsedGlyphs(PagedBook book)
    {
        var used = book.Fonts.Select(_ => (new SortedSet<ushort>(), new SortedSet<int>())).ToArray();
        foreach (var g in book.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>())
        {
            used[g.Font].Item1.UnionWith(g.Glyphs);
            foreach (var r in g.Text.EnumerateRunes())
            {
                used[g.Font].Item2.Add(r.Value);
            }
        }

        return used;
    }

    /// <summary>Draws one page. <paramref name="annotations"/> adds links and destinations (PDF only).</summary>
    public void Draw(SKCanvas canvas, Page page, bool annotations)
    {
        using var paint = new SKPaint { IsAntialias = true };
        foreach (var item in page.Items)
        {
            switch (item)
            {
                case GlyphRunItem g:
                    DrawGlyphs(canvas, g, paint);
                    break;
                case RuleItem r:
                    paint.Color = Skia(r.Color);
                    paint.StrokeWidth = (float)r.Thickness.Points;
                    paint.Style = SKPaintStyle.Stroke;
                    canvas.DrawLine((float)r.X1.Points, (float)r.Y1.Points, (float)r.X2.Points, (float)r.Y2.Points, paint);
                    paint.Style = SKPaintStyle.Fill;
                    break;
                case LinkItem l when annotations:
                    var rect = SKRect.Create((float)l.X.Points, (float)l.Y.Points, (float)l.Width.Points, (float)l.Height.Points);
                    if (l.AnchorId is { } id)
                    {
                        canvas.DrawLinkDestinationAnnotation(rect, id)?.Dispose();
                    }
                    else if (l.Url is { } url)
                    {
                        canvas.DrawUrlAnnotation(rect, url)?.Dispose();
                    }

                    break;
                case AnchorItem a when annotations:
                    canvas.DrawNamedDestinationAnnotation(new SKPoint(0, (float)a.Y.Points), a.Id)?.Dispose();
                    break;
            }
        }
    }

    private SKFont FontFor(int index, float size)
    {
        if (!_fonts.TryGetValue((index, size), out var font))
        {
            font = new SKFont(_typefaces[index], size)
            {
                Subpixel = true,
                LinearMetrics = true,
                Hinting = SKFontHinting.None,
                Edging = SKFontEdging.SubpixelAntialias,
            };
            _fonts[(index, size)] = font;
        }

        return font;
    }

    private void DrawGlyphs(SKCanvas canvas, GlyphRunItem g, SKPaint paint)
    {
        if (g.Glyphs.Length == 0)
        {
            return;
        }

        var font = FontFor(g.Font, (float)g.Size.Points);

        // Text and clusters travel with the glyphs so the PDF can map ligatures back to their letters (ActualText).
        var utf8 = Encoding.UTF8.GetBytes(g.Text);
        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocatePositionedTextRun(font, g.Glyphs.Length, utf8.Length);
        var glyphs = run.Glyphs;
        var positions = run.Positions;
        var clusters = run.Clusters;
        for (var i = 0; i < g.Glyphs.Length; i++)
        {
            glyphs[i] = g.Glyphs[i];
            positions[i] = new SKPoint((float)g.Offsets[i], 0);
            clusters[i] = (uint)Encoding.UTF8.GetByteCount(g.Text.AsSpan(0, Math.Min(g.Clusters[i], g.Text.Length)));
        }

        utf8.CopyTo(run.Text);
        using var blob = builder.Build();
        if (blob is null)
        {
            return;
        }

        paint.Color = Skia(g.Color);
        canvas.DrawText(blob, (float)g.X.Points, (float)g.Y.Points, paint);
    }

    /// <summary>A colour as Skia takes it (opaque RGB: the style has no alpha).</summary>
    internal static SKColor Skia(Colour c) => new(c.R, c.G, c.B);

    public void Dispose()
    {
        foreach (var f in _fonts.Values)
        {
            f.Dispose();
        }

        foreach (var t in _typefaces)
        {
            t.Dispose();
        }
    }
}
