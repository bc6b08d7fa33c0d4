using System.Globalization;
using Publisher.Model;

namespace Publisher.PageModel;

/// <summary>
/// A stable, readable text form of the page model: a header line a page, then one item a line in drawing order.
/// Positions are rounded to a tenth of a point (well under a pixel at any preview resolution, far above floating-point
/// noise), glyph runs show their text instead of glyph ids, so a change that moves a line reads as a diff of that line
/// in <c>tests/goldens</c>. Font bytes are summarised by name and size.
/// </summary>
public static class PageDump
{
    /// <summary>Every page of the book, then the outline and the anchors table.</summary>
    public static string Write(PagedBook book)
    {
        var w = new DumpWriter();
        for (var i = 0; i < book.Fonts.Length; i++)
        {
            w.Line($"font f{I(i)} {book.Fonts[i].Name} {I(book.Fonts[i].Data.Length)} bytes");
        }

        foreach (var page in book.Pages)
        {
            w.Line("");
            var folio = page.FolioShown ? $"folio {page.Folio}" : $"folio [{page.Folio}]";
            var division = page.DivisionId is null ? "" : $" #{page.DivisionId}";
            var start = page.Start is { } s ? $" starts {s.DivisionId}:{I(s.Leaf)}:{I(s.Offset)}" : "";
            w.Line($"page {I(page.Index + 1)} {(page.IsRecto ? "recto" : "verso")} {page.Kind} {folio}{division} {P(page.Width)}x{P(page.Height)}{start}");
            w.Indent++;
            foreach (var item in page.Items)
            {
                w.Line(Item(item));
            }

            w.Indent--;
        }

        if (!book.Outline.IsDefaultOrEmpty)
        {
            w.Line("");
            foreach (var o in book.Outline)
            {
                w.Line($"outline {new string(' ', (o.Level - 1) * 2)}{BookDump.Quote(o.Title)} -> #{o.AnchorId} page {I(o.PageIndex + 1)} y {P(o.Y)}");
            }
        }

        return w.ToString();
    }

    private static string Item(FrameItem item) => item switch
    {
        GlyphRunItem g => $"text {P(g.X)},{P(g.Y)} f{I(g.Font)} {P(g.Size)} {g.Color} {BookDump.Quote(g.Text)}",
        RuleItem r => $"rule {P(r.X1)},{P(r.Y1)} {P(r.X2)},{P(r.Y2)} {P(r.Thickness)} {r.Color}",
        LinkItem l => $"link {P(l.X)},{P(l.Y)} {P(l.Width)}x{P(l.Height)} -> {(l.AnchorId is null ? l.Url : "#" + l.AnchorId)}",
        AnchorItem a => $"anchor #{a.Id} y {P(a.Y)}",
        // A new item kind must be given a line here; failing loudly keeps the goldens honest.
        _ => throw new NotSupportedException($"PageDump has no form for {item.GetType().Name}"),
    };

    /// <summary>Points rounded to 0.1, written without a unit and without a trailing ".0".</summary>
    private static string P(Length l)
    {
        var v = Math.Round(l.Points, 1, MidpointRounding.AwayFromZero);
        return (v == 0 ? 0 : v).ToString("0.#", CultureInfo.InvariantCulture);
    }

    private static string I(int i) => i.ToString(CultureInfo.InvariantCulture);
}
