using Publisher.Model;

namespace Publisher.Styles;

/// <summary>
/// The inside margin that print-on-demand printers require as a perfect-bound book gets thicker: the more pages,
/// the more of each page disappears into the binding. Figures are Amazon KDP's minimum inside margins ("Set trim
/// size, bleed, and margins", KDP help, paperback manuscript requirements), which IngramSpark's guidance matches or
/// undercuts; they are the strictest common requirement, so a book that meets them prints at either.
/// </summary>
public static class Gutter
{
    /// <summary>(most pages, minimum inside margin in inches), in order.</summary>
    public static readonly IReadOnlyList<(int MaxPages, double Inches)> Table =
    [
        (150, 0.375),
        (300, 0.5),
        (500, 0.625),
        (700, 0.75),
        (828, 0.875),
    ];

    /// <summary>Books longer than the table's last row (KDP's paperback limit) get this margin.</summary>
    private const double BeyondTable = 1.0;

    /// <summary>
    /// The inside margin for <paramref name="pageCount"/> pages: the printer's minimum, but never less than the outer
    /// margin plus an eighth of an inch, so the gutter side always looks at least as generous as the outer side.
    /// </summary>
    public static Length For(int pageCount, Length outer)
    {
        var minimum = Table.Where(r => pageCount <= r.MaxPages).Select(r => r.Inches).DefaultIfEmpty(BeyondTable).First();
        var looks = outer + Length.In(0.125);
        return Length.In(Math.Max(minimum, looks.Inches));
    }
}
