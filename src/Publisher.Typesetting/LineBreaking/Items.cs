namespace Publisher.Typesetting.LineBreaking;

/// <summary>The three kinds of item of Knuth and Plass's model.</summary>
public enum ItemKind
{
    /// <summary>Something of fixed width: a word or a piece of one.</summary>
    Box,

    /// <summary>Space that can stretch and shrink; a break may follow a box at it.</summary>
    Glue,

    /// <summary>A possible break with a cost; a flagged penalty is a hyphenation point.</summary>
    Penalty,
}

/// <summary>
/// An item of a paragraph as the line breaker sees it: widths only, no fonts (D. E. Knuth and M. F. Plass,
/// "Breaking Paragraphs into Lines", Software—Practice and Experience 11, 1981).
/// </summary>
public readonly record struct Item(ItemKind Kind, double Width, double Stretch, double Shrink, double Penalty, bool Flagged)
{
    /// <summary>A penalty this large forbids a break; this small forces one.</summary>
    public const double Infinity = 10000;

    /// <summary>Stretch that absorbs any shortfall (TeX's fil), used to end a paragraph.</summary>
    public const double FillStretch = 1e7;

    /// <summary>A box.</summary>
    public static Item Box(double width) => new(ItemKind.Box, width, 0, 0, 0, false);

    /// <summary>A box that may stretch or shrink a little (letter-spacing inside a word).</summary>
    public static Item Box(double width, double stretch, double shrink) => new(ItemKind.Box, width, stretch, shrink, 0, false);

    /// <summary>Glue.</summary>
    public static Item Glue(double width, double stretch, double shrink) => new(ItemKind.Glue, width, stretch, shrink, 0, false);

    /// <summary>A penalty; <paramref name="width"/> is typeset only if the break is taken (a hyphen).</summary>
    public static Item PenaltyItem(double width, double penalty, bool flagged) => new(ItemKind.Penalty, width, 0, 0, penalty, flagged);

    /// <summary>True for a penalty that forces a break.</summary>
    public bool IsForced => Kind == ItemKind.Penalty && Penalty <= -Infinity;

    /// <summary>
    /// Where the line after a break at <paramref name="brk"/> starts: past the glue and penalties that vanish at a
    /// line break (Knuth and Plass's discardable items), at the next box or forced break.
    /// </summary>
    public static int LineStartAfter(IReadOnlyList<Item> items, int brk)
    {
        var start = brk + 1;
        while (start < items.Count && items[start].Kind != ItemKind.Box && !items[start].IsForced)
        {
            start++;
        }

        return start;
    }
}

/// <summary>One line of a breaking: the item index where it ends (the break) and how its glue was set.</summary>
/// <param name="Break">Index of the item at which the line breaks (a glue or penalty; the last item for the final line).</param>
/// <param name="Ratio">The adjustment ratio: 0 natural, 1 all stretch used, -1 all shrink used.</param>
public readonly record struct LineBreak(int Break, double Ratio);

/// <summary>The outcome of breaking a paragraph.</summary>
/// <param name="Lines">The lines, in order.</param>
/// <param name="Pass">Which pass found it: 1 the strict tolerance, 2 the looser one, 3 the emergency pass.</param>
public sealed record BreakResult(IReadOnlyList<LineBreak> Lines, int Pass);
