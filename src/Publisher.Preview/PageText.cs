using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Publisher.PageModel;

namespace Publisher.Preview;

/// <summary>
/// What the diff compares on a page, read from the page model. The page model has no "this is the running head"
/// mark, so page furniture is recognised by position: on a text page the topmost baseline is the running head, and
/// on a page with a folio the bottom baseline is the folio line (BookLayout sets both outside the text block).
/// </summary>
internal static class PageText
{
    // Pages are immutable, and the layout stage hands out the same page object when a page did not change (watch),
    // so a page's digest is computed once.
    private static readonly ConditionalWeakTable<Page, string> Digests = [];

    /// <summary>A digest of everything drawn on the page, where it is drawn: equal digests draw equal pages.</summary>
    public static string Digest(Page page) => Digests.GetValue(page, Compute);

    private static string Compute(Page page)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{page.Width.Points:0.###}x{page.Height.Points:0.###}\n");
        foreach (var item in page.Items)
        {
            switch (item)
            {
                case GlyphRunItem g:
                    sb.Append(CultureInfo.InvariantCulture, $"G {g.X.Points:0.###} {g.Y.Points:0.###} {g.Font} {g.Size.Points:0.###} {g.Color} {string.Join(' ', g.Glyphs)} {string.Join(' ', g.Offsets.Select(o => o.ToString("0.###", CultureInfo.InvariantCulture)))}\n");
                    break;
                case RuleItem r:
                    sb.Append(CultureInfo.InvariantCulture, $"R {r.X1.Points:0.###} {r.Y1.Points:0.###} {r.X2.Points:0.###} {r.Y2.Points:0.###} {r.Thickness.Points:0.###} {r.Color}\n");
                    break;
                default:
                    // Links and anchors draw nothing; a moved link target alone does not make a page look different.
                    break;
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>
    /// The page's content without its furniture and without its horizontal position, so a page that only moved
    /// (to another folio, or from verso to recto with the other margins) has the same key as before.
    /// </summary>
    public static string ContentKey(Page page)
    {
        var runs = ContentRuns(page);
        var left = runs.Count == 0 ? 0 : runs.Min(g => g.X.Points);
        var sb = new StringBuilder();
        sb.Append(page.Kind).Append('\n');
        foreach (var g in runs)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{g.X.Points - left:0.##} {g.Y.Points:0.##} {g.Font} {g.Size.Points:0.##} {g.Text}\n");
        }

        foreach (var r in page.Items.OfType<RuleItem>())
        {
            sb.Append(CultureInfo.InvariantCulture, $"R {r.X2.Points - r.X1.Points:0.##} {r.Y1.Points:0.##} {r.Y2.Points:0.##}\n");
        }

        return sb.ToString();
    }

    /// <summary>Text lines on the page: distinct baselines of its glyph runs, furniture left out.</summary>
    public static int Lines(Page page) => ContentRuns(page).Select(g => Math.Round(g.Y.Points, 2)).Distinct().Count();

    /// <summary>Plain text of the page's content, a line per baseline, for finding a word in tests and reports.</summary>
    public static string Text(Page page) => string.Join('\n', ContentRuns(page)
        .GroupBy(g => Math.Round(g.Y.Points, 2))
        .OrderBy(l => l.Key)
        .Select(l => string.Concat(l.OrderBy(g => g.X.Points).Select(g => g.Text))));

    private static List<GlyphRunItem> ContentRuns(Page page)
    {
        var runs = page.Items.OfType<GlyphRunItem>().ToList();
        if (runs.Count == 0)
        {
            return runs;
        }

        var baselines = runs.Select(g => Math.Round(g.Y.Points, 2)).Distinct().Order().ToList();
        var furniture = new HashSet<double>();
        if (page.Kind == PageKind.Text && baselines.Count > 1)
        {
            furniture.Add(baselines[0]);
        }

        if (page.FolioShown && baselines.Count > 1)
        {
            furniture.Add(baselines[^1]);
        }

        return [.. runs.Where(g => !furniture.Contains(Math.Round(g.Y.Points, 2)))];
    }
}
