using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using Publisher.PageModel;
using SkiaSharp;

namespace Publisher.Preview;

/// <summary>How the HTML report is drawn and labelled.</summary>
public sealed record DiffReportOptions
{
    /// <summary>Resolution of the page images in the report.</summary>
    public double Dpi { get; init; } = 60;

    /// <summary>What the old build is, for headings ("HEAD~1", "style trade").</summary>
    public string BeforeLabel { get; init; } = "before";

    /// <summary>What the new build is.</summary>
    public string AfterLabel { get; init; } = "after";
}

/// <summary>A file of the report: a name (no folder) and its bytes.</summary>
public sealed record ReportFile(string FileName, byte[] Content);

/// <summary>A changed page's pixels: how many differ and the boxes around them, in pixels of the report's images.</summary>
public sealed record PixelChange(int Index, int DifferingPixels, ImmutableArray<SKRectI> Regions);

/// <summary>Writes the diff as <c>index.html</c> with old and new pages side by side, changed regions marked in red.</summary>
public static class DiffReport
{
    private static readonly SKColor Mark = new(0xE0, 0x10, 0x10);

    // Differing pixels closer than this (in pixels) are boxed together: one box per changed line or block, not per glyph.
    private const int RegionGap = 6;

    /// <summary>Renders the changed pages of both builds, marks what differs and returns the report's files.</summary>
    public static ImmutableArray<ReportFile> Write(BuildDiff diff, PagedBook before, PagedBook after, DiffReportOptions options) =>
        Write(diff, before, after, options, out _);

    /// <summary>As <see cref="Write(BuildDiff, PagedBook, PagedBook, DiffReportOptions)"/>, also returning the pixel changes per page.</summary>
    public static ImmutableArray<ReportFile> Write(BuildDiff diff, PagedBook before, PagedBook after, DiffReportOptions options, out ImmutableArray<PixelChange> pixels)
    {
        var files = ImmutableArray.CreateBuilder<ReportFile>();
        var changes = ImmutableArray.CreateBuilder<PixelChange>();
        var oldImages = PageImages.Bitmaps(before, diff.ChangedPages.Where(i => i < before.Pages.Length), options.Dpi);
        var newImages = PageImages.Bitmaps(after, diff.ChangedPages.Where(i => i < after.Pages.Length), options.Dpi);
        try
        {
            foreach (var i in diff.ChangedPages)
            {
                var old = oldImages.GetValueOrDefault(i);
                var @new = newImages.GetValueOrDefault(i);
                var (count, regions, mask) = Compare(old, @new);
                changes.Add(new PixelChange(i, count, regions));
                // Tint first, then draw boxes: the boxes must not count as differences.
                if (@new is not null && old is not null)
                {
                    Tint(@new, mask, Math.Max(old.Width, @new.Width));
                }

                if (old is not null)
                {
                    Outline(old, regions);
                    files.Add(new ReportFile(ImageName(i, "before"), PageImages.Encode(old)));
                }

                if (@new is not null)
                {
                    Outline(@new, regions);
                    files.Add(new ReportFile(ImageName(i, "after"), PageImages.Encode(@new)));
                }
            }
        }
        finally
        {
            foreach (var b in oldImages.Values.Concat(newImages.Values))
            {
                b.Dispose();
            }
        }

        pixels = changes.ToImmutable();
        files.Insert(0, new ReportFile("index.html", Encoding.UTF8.GetBytes(Html(diff, before, after, options, pixels))));
        return files.ToImmutable();
    }

    private static string ImageName(int index, string side) => string.Create(CultureInfo.InvariantCulture, $"page-{index + 1:000}-{side}.png");

    /// <summary>Counts differing pixels (outside the smaller page counts as differing) and boxes them in bands of rows.</summary>
    internal static (int Count, ImmutableArray<SKRectI> Regions, bool[] Mask) Compare(SKBitmap? a, SKBitmap? b)
    {
        var w = Math.Max(a?.Width ?? 0, b?.Width ?? 0);
        var h = Math.Max(a?.Height ?? 0, b?.Height ?? 0);
        if (a is null || b is null)
        {
            return (w * h, [new SKRectI(0, 0, w, h)], []);
        }

        var pa = a.GetPixelSpan();
        var pb = b.GetPixelSpan();
        var count = 0;
        var mask = new bool[w * h];
        var rowMin = new int[h];
        var rowMax = new int[h];
        Array.Fill(rowMin, -1);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var inA = x < a.Width && y < a.Height;
                var inB = x < b.Width && y < b.Height;
                var same = inA && inB && pa.Slice((y * a.RowBytes) + (x * 4), 4).SequenceEqual(pb.Slice((y * b.RowBytes) + (x * 4), 4));
                if (!same)
                {
                    count++;
                    mask[(y * w) + x] = true;
                    if (rowMin[y] < 0)
                    {
                        rowMin[y] = x;
                    }

                    rowMax[y] = x;
                }
            }
        }

        var regions = ImmutableArray.CreateBuilder<SKRectI>();
        for (var y = 0; y < h;)
        {
            if (rowMin[y] < 0)
            {
                y++;
                continue;
            }

            int top = y, bottom = y, left = rowMin[y], right = rowMax[y];
            for (var gap = 0; y < h && gap <= RegionGap; y++)
            {
                if (rowMin[y] < 0)
                {
                    gap++;
                    continue;
                }

                gap = 0;
                bottom = y;
                left = Math.Min(left, rowMin[y]);
                right = Math.Max(right, rowMax[y]);
            }

            regions.Add(new SKRectI(Math.Max(0, left - 2), Math.Max(0, top - 2), Math.Min(w, right + 3), Math.Min(h, bottom + 3)));
        }

        return (count, regions.ToImmutable(), mask);
    }

    /// <summary>Blends red into every pixel of <paramref name="page"/> the mask marks (the mask is as wide as the wider page).</summary>
    private static void Tint(SKBitmap page, bool[] mask, int w)
    {
        var bytes = page.GetPixelSpan().ToArray();
        for (var y = 0; y < page.Height; y++)
        {
            for (var x = 0; x < page.Width && x < w; x++)
            {
                if (mask[(y * w) + x])
                {
                    // Rgba8888. New ink turns strongly red; where ink went away (the new pixel is paper) only a faint
                    // pink is left, so the new text reads clearly over a ghost of the old.
                    var o = (y * page.RowBytes) + (x * 4);
                    var ink = bytes[o] + bytes[o + 1] + bytes[o + 2] < 3 * 200;
                    var keep = ink ? 0.25 : 0.8;
                    bytes[o] = (byte)((bytes[o] * keep) + (Mark.Red * (1 - keep)));
                    bytes[o + 1] = (byte)((bytes[o + 1] * keep) + (Mark.Green * (1 - keep)));
                    bytes[o + 2] = (byte)((bytes[o + 2] * keep) + (Mark.Blue * (1 - keep)));
                }
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, page.GetPixels(), bytes.Length);
    }

    private static void Outline(SKBitmap page, ImmutableArray<SKRectI> regions)
    {
        using var canvas = new SKCanvas(page);
        using var paint = new SKPaint { Color = Mark.WithAlpha(0xC0), Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f, IsAntialias = true };
        foreach (var r in regions)
        {
            canvas.DrawRect(r, paint);
        }
    }

    private static string Html(BuildDiff diff, PagedBook before, PagedBook after, DiffReportOptions options, ImmutableArray<PixelChange> pixels)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.AppendLine("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append("<title>Publisher diff: ").Append(E(options.BeforeLabel)).Append(" → ").Append(E(options.AfterLabel)).AppendLine("</title>");
        sb.AppendLine("""
            <style>
            body { font: 15px/1.4 system-ui, sans-serif; margin: 2em; color: #222; background: #f4f4f4; }
            pre { background: #fff; padding: 1em; border: 1px solid #ccc; overflow-x: auto; }
            table.chapters { border-collapse: collapse; background: #fff; }
            table.chapters td, table.chapters th { border: 1px solid #ccc; padding: .25em .6em; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .gain { color: #0a6b0a; } .loss { color: #b00; }
            section.page { margin: 2em 0; }
            .pair { display: flex; gap: 1.5em; align-items: flex-start; }
            figure { margin: 0; } figcaption { font-size: 13px; color: #555; margin-bottom: .3em; }
            figure img { border: 1px solid #999; background: #fff; display: block; }
            .missing { border: 1px dashed #999; display: flex; align-items: center; justify-content: center; color: #777; }
            </style></head><body>
            """);
        sb.Append("<h1>").Append(E(options.BeforeLabel)).Append(" → ").Append(E(options.AfterLabel)).AppendLine("</h1>");
        sb.Append("<pre>").Append(E(diff.Summary())).AppendLine("</pre>");
        sb.AppendLine("<h2>Chapters</h2><table class=\"chapters\"><tr><th>Chapter</th><th>Starts (folio) before → after</th><th>Lines before → after</th><th>±</th></tr>");
        foreach (var c in diff.Chapters)
        {
            var cls = c.LinesDelta > 0 ? "gain" : c.LinesDelta < 0 ? "loss" : "";
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.Title)}</td><td>{E(c.FolioBefore ?? "—")} → {E(c.FolioAfter ?? "—")}</td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{c.LinesBefore} → {c.LinesAfter}</td><td class=\"num {cls}\">{c.LinesDelta:+0;-0;0}</td></tr>\n");
        }

        sb.AppendLine("</table>");
        sb.Append(CultureInfo.InvariantCulture, $"<h2>Changed pages ({diff.ChangedPages.Length})</h2>\n");
        if (diff.ChangedPages.IsEmpty)
        {
            sb.AppendLine("<p>No page changed.</p>");
        }

        foreach (var change in pixels)
        {
            var i = change.Index;
            var folioBefore = i < before.Pages.Length ? before.Pages[i].Folio : null;
            var folioAfter = i < after.Pages.Length ? after.Pages[i].Folio : null;
            sb.Append(CultureInfo.InvariantCulture, $"<section class=\"page\" id=\"page-{i + 1}\"><h3>Page {i + 1} (folio {E(folioBefore ?? "—")} → {E(folioAfter ?? "—")})");
            sb.Append(CultureInfo.InvariantCulture, $" — {change.DifferingPixels} pixels differ in {change.Regions.Length} region{(change.Regions.Length == 1 ? "" : "s")}</h3>\n<div class=\"pair\">");
            Figure(sb, before, i, "before", options);
            Figure(sb, after, i, "after", options);
            sb.AppendLine("</div></section>");
        }

        sb.AppendLine("</body></html>");
        return sb.ToString();
    }

    private static void Figure(StringBuilder sb, PagedBook book, int index, string side, DiffReportOptions options)
    {
        var label = side == "before" ? options.BeforeLabel : options.AfterLabel;
        if (index < book.Pages.Length)
        {
            var (w, h) = PageImages.Size(book.Pages[index], options.Dpi);
            sb.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{WebUtility.HtmlEncode(label)}</figcaption><img src=\"{ImageName(index, side)}\" width=\"{w}\" height=\"{h}\" alt=\"page {index + 1}, {side}\"></figure>");
        }
        else
        {
            var (w, h) = PageImages.Size(book.Pages[^1], options.Dpi);
            sb.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{WebUtility.HtmlEncode(label)}</figcaption><div class=\"missing\" style=\"width:{w}px;height:{h}px\">no page {index + 1}</div></figure>");
        }
    }
}
