namespace Publisher.Manuscript.Markdown;

/// <summary>Relative column widths for a table, summing to 1.</summary>
internal static class TableWidths
{
    /// <summary>No column is squeezed below this share of the table (unless there are too many columns for it).</summary>
    public const double MinimumShare = 0.12;

    /// <summary>
    /// The author's widths when every column has one (Markdig's percentages), scaled to sum to 1; otherwise
    /// widths in proportion to each column's longest cell, with a floor of <see cref="MinimumShare"/>.
    /// </summary>
    public static double[] Compute(IReadOnlyList<double> given, IReadOnlyList<int> longestCell)
    {
        var n = longestCell.Count;
        if (n == 0)
        {
            return [];
        }

        if (given.Count == n && given.All(w => w > 0))
        {
            var total = given.Sum();
            return [.. given.Select(w => w / total)];
        }

        var floor = Math.Min(MinimumShare, 1.0 / n);
        var weights = longestCell.Select(l => (double)Math.Max(l, 1)).ToArray();
        var fixedAtFloor = new bool[n];
        var widths = new double[n];

        // Share out what the floored columns leave, in proportion to the others' weights; a column that falls
        // below the floor is fixed there and the rest shared again. Each round fixes at least one more column, so
        // this ends within n rounds.
        while (true)
        {
            var freeShare = 1.0 - (floor * fixedAtFloor.Count(f => f));
            var freeWeight = Enumerable.Range(0, n).Where(i => !fixedAtFloor[i]).Sum(i => weights[i]);
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                if (fixedAtFloor[i])
                {
                    widths[i] = floor;
                    continue;
                }

                widths[i] = freeShare * weights[i] / freeWeight;
                if (widths[i] < floor - 1e-12)
                {
                    fixedAtFloor[i] = true;
                    changed = true;
                }
            }

            if (!changed)
            {
                return widths;
            }
        }
    }
}
