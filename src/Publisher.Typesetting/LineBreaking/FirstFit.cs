namespace Publisher.Typesetting.LineBreaking;

/// <summary>
/// Greedy line breaking: each line takes as many items as fit at natural width. Used for ragged text (headings,
/// table cells, ragged-right styles), where the glue does not stretch and optimality buys little.
/// </summary>
public static class FirstFit
{
    /// <summary>Breaks the items; a box wider than the line goes on a line of its own.</summary>
    public static BreakResult Break(IReadOnlyList<Item> items, Func<int, double> lineWidth) => Break(items, (line, _) => lineWidth(line));

    /// <summary>
    /// Breaks the items with a width per line that may also depend on whether the line is fresh (the first, or one
    /// after a forced break) or continues a line that was too long: a code line that wraps hangs its continuation.
    /// </summary>
    public static BreakResult Break(IReadOnlyList<Item> items, Func<int, bool, double> lineWidth)
    {
        var fresh = true;
        var lines = new List<LineBreak>();
        var lineStart = 0;
        var lastLegal = -1;
        double width = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var it = items[i];
            var legal = it.Kind switch
            {
                ItemKind.Penalty => it.Penalty < Item.Infinity,
                ItemKind.Glue => i > lineStart && items[i - 1].Kind == ItemKind.Box,
                _ => false,
            };
            var target = lineWidth(lines.Count, fresh);
            if (legal)
            {
                var withPenalty = width + (it.Kind == ItemKind.Penalty ? it.Width : 0);
                if (withPenalty > target && lastLegal >= 0)
                {
                    lines.Add(new LineBreak(lastLegal, 0));
                    lineStart = Item.LineStartAfter(items, lastLegal);
                    width = 0;
                    for (var k = lineStart; k < i; k++)
                    {
                        width += items[k].Kind == ItemKind.Penalty ? 0 : items[k].Width;
                    }

                    lastLegal = -1;
                    fresh = false;
                    target = lineWidth(lines.Count, fresh);
                    withPenalty = width + (it.Kind == ItemKind.Penalty ? it.Width : 0);
                }

                if (it.IsForced)
                {
                    lines.Add(new LineBreak(i, 0));
                    lineStart = Item.LineStartAfter(items, i);
                    width = 0;
                    lastLegal = -1;
                    fresh = true;
                    i = lineStart - 1;
                    continue;
                }

                if (withPenalty <= target || lastLegal < 0)
                {
                    lastLegal = i;
                }
            }

            if (it.Kind != ItemKind.Penalty)
            {
                width += it.Width;
            }
        }

        return new BreakResult(lines, 1);
    }
}
