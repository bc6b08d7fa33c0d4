namespace Publisher.Typesetting.LineBreaking;

/// <summary>Costs and limits of the optimal line breaker. Defaults follow Knuth and Plass unless a comment says why not.</summary>
public sealed record BreakerConfig
{
    /// <summary>Largest adjustment ratio of the first pass. With glue stretch of half a space, 1.0 keeps every word
    /// space within 1.5× its natural width — the bound our typographic metrics measure.</summary>
    public double Tolerance { get; init; } = 1.0;

    /// <summary>Largest adjustment ratio of the second pass, tried when the first finds no breaking.</summary>
    public double LooseTolerance { get; init; } = 2.0;

    /// <summary>Added to every line's badness before squaring (the paper's l; TeX's \linepenalty).</summary>
    public double LinePenalty { get; init; } = 10;

    /// <summary>Extra demerits for two hyphenated lines in a row (the paper's α; TeX's \doublehyphendemerits is 10000).</summary>
    public double FlaggedDemerits { get; init; } = 3000;

    /// <summary>Extra demerits when adjacent lines differ by more than one fitness class (the paper's γ).</summary>
    public double FitnessDemerits { get; init; } = 3000;

    /// <summary>Extra demerits for hyphenating the last-but-one line (TeX's \finalhyphendemerits).</summary>
    public double FinalHyphenDemerits { get; init; } = 5000;

    /// <summary>Most hyphenated lines in a row; more are never chosen (a rule of good typesetting, not in the paper).</summary>
    public int MaxConsecutiveHyphens { get; init; } = 2;
}

/// <summary>
/// Paragraph-optimal line breaking after Knuth and Plass (1981): every feasible breakpoint is considered and the
/// breaking with the least total demerits wins. Works on widths only.
/// </summary>
public static class KnuthPlass
{
    private sealed class Node
    {
        public int Position;
        public int Line;
        public int Fitness;
        public int HyphenRun;
        public double Width;
        public double Stretch;
        public double Shrink;
        public double Demerits;
        public double Ratio;
        public Node? Previous;
    }

    /// <summary>
    /// Breaks <paramref name="items"/> (which must end with a forced break) into lines whose widths are given by
    /// <paramref name="lineWidth"/> (0-based line number). Tries the strict tolerance, then the loose one, then an
    /// emergency pass that always succeeds provided no box is wider than its line.
    /// </summary>
    public static BreakResult Break(IReadOnlyList<Item> items, Func<int, double> lineWidth, BreakerConfig? config = null)
    {
        config ??= new BreakerConfig();
        return Run(items, lineWidth, config, config.Tolerance, emergency: false) is { } strict
            ? new BreakResult(strict, 1)
            : Run(items, lineWidth, config, config.LooseTolerance, emergency: false) is { } loose
                ? new BreakResult(loose, 2)
                : new BreakResult(Run(items, lineWidth, config, double.PositiveInfinity, emergency: true)!, 3);
    }

    private static int FitnessClass(double r) => r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;

    private static List<LineBreak>? Run(IReadOnlyList<Item> items, Func<int, double> lineWidth, BreakerConfig cfg, double tolerance, bool emergency)
    {
        var active = new List<Node> { new() { Position = -1, Fitness = 1 } };
        double sumW = 0, sumY = 0, sumZ = 0;
        var best = new Node?[4];
        var bestD = new double[4];

        for (var b = 0; b < items.Count; b++)
        {
            var item = items[b];
            var legal = item.Kind switch
            {
                ItemKind.Penalty => item.Penalty < Item.Infinity,
                ItemKind.Glue => b > 0 && items[b - 1].Kind == ItemKind.Box,
                _ => false,
            };

            if (legal)
            {
                Array.Fill(best, null);
                Array.Fill(bestD, double.PositiveInfinity);
                Node? lastDeactivated = null;
                double lastDeactivatedRatio = 0;
                for (var i = 0; i < active.Count; i++)
                {
                    var a = active[i];
                    var width = sumW - a.Width + (item.Kind == ItemKind.Penalty ? item.Width : 0);
                    var target = lineWidth(a.Line);
                    double r;
                    if (width < target)
                    {
                        var stretch = sumY - a.Stretch;
                        r = stretch > 0 ? (target - width) / stretch : double.PositiveInfinity;
                    }
                    else if (width > target)
                    {
                        var shrink = sumZ - a.Shrink;
                        r = shrink > 0 ? (target - width) / shrink : double.NegativeInfinity;
                    }
                    else
                    {
                        r = 0;
                    }

                    var flagged = item.Kind == ItemKind.Penalty && item.Flagged;
                    var overHyphenated = flagged && a.HyphenRun >= cfg.MaxConsecutiveHyphens;
                    if (r < -1 || item.IsForced)
                    {
                        active.RemoveAt(i);
                        i--;
                        if (r < -1)
                        {
                            lastDeactivated = a;
                            lastDeactivatedRatio = r;
                        }
                    }

                    if (r >= -1 && r <= tolerance && !(overHyphenated && !emergency))
                    {
                        Consider(a, r, b, item, flagged);
                    }
                    else if (emergency && r > tolerance == false && double.IsPositiveInfinity(r))
                    {
                        Consider(a, r, b, item, flagged);
                    }
                }

                // The emergency pass never lets the active list die: an overfull line beats no breaking at all.
                if (emergency && active.Count == 0 && best.All(n => n is null) && lastDeactivated is not null)
                {
                    Consider(lastDeactivated, lastDeactivatedRatio, b, item, item.Kind == ItemKind.Penalty && item.Flagged);
                }

                var minD = bestD.Min();
                if (!double.IsPositiveInfinity(minD))
                {
                    // Totals after the break: skip the glue and penalties that vanish at the start of a line.
                    double tw = sumW, ty = sumY, tz = sumZ;
                    for (var k = b; k < items.Count; k++)
                    {
                        var it = items[k];
                        if (it.Kind == ItemKind.Box || (it.IsForced && k > b))
                        {
                            break;
                        }

                        if (it.Kind == ItemKind.Glue)
                        {
                            tw += it.Width;
                            ty += it.Stretch;
                            tz += it.Shrink;
                        }
                    }

                    for (var c = 0; c < 4; c++)
                    {
                        if (best[c] is { } n && bestD[c] <= minD + cfg.FitnessDemerits)
                        {
                            n.Width = tw;
                            n.Stretch = ty;
                            n.Shrink = tz;
                            active.Add(n);
                        }
                    }
                }

                if (active.Count == 0 && !emergency)
                {
                    return null;
                }
            }

            // Boxes may stretch too (letter-spacing within words); glue and boxes add up alike.
            if (item.Kind != ItemKind.Penalty)
            {
                sumW += item.Width;
                sumY += item.Stretch;
                sumZ += item.Shrink;
            }
        }

        var end = active.Where(n => n.Position == items.Count - 1).MinBy(n => n.Demerits);
        if (end is null)
        {
            return null;
        }

        var lines = new List<LineBreak>();
        for (var n = end; n.Previous is not null; n = n.Previous)
        {
            lines.Add(new LineBreak(n.Position, n.Ratio));
        }

        lines.Reverse();
        return lines;

        void Consider(Node a, double r, int b, Item item, bool flagged)
        {
            var badness = double.IsInfinity(r) || Math.Abs(r) > 10 ? 10000 : Math.Min(10000, 100 * Math.Pow(Math.Abs(r), 3));
            var p = item.Kind == ItemKind.Penalty ? item.Penalty : 0;
            var d = Math.Pow(cfg.LinePenalty + badness, 2);
            if (p >= 0)
            {
                d += p * p;
            }
            else if (p > -Item.Infinity)
            {
                d -= p * p;
            }

            var fitness = FitnessClass(double.IsInfinity(r) ? 10 : r);
            if (flagged && a.Position >= 0 && items[a.Position].Kind == ItemKind.Penalty && items[a.Position].Flagged)
            {
                d += cfg.FlaggedDemerits;
            }

            if (flagged && IsLastBreakBeforeEnd(items, b))
            {
                d += cfg.FinalHyphenDemerits;
            }

            if (Math.Abs(fitness - a.Fitness) > 1)
            {
                d += cfg.FitnessDemerits;
            }

            d += a.Demerits;
            if (d < bestD[fitness])
            {
                bestD[fitness] = d;
                best[fitness] = new Node
                {
                    Position = b,
                    Line = a.Line + 1,
                    Fitness = fitness,
                    HyphenRun = flagged ? a.HyphenRun + 1 : 0,
                    Demerits = d,
                    Ratio = double.IsInfinity(r) ? (r > 0 ? 10 : -1) : r,
                    Previous = a,
                };
            }
        }
    }

    /// <summary>True when no legal break other than the final forced one follows <paramref name="b"/>.</summary>
    private static bool IsLastBreakBeforeEnd(IReadOnlyList<Item> items, int b)
    {
        for (var k = b + 1; k < items.Count - 1; k++)
        {
            var it = items[k];
            if ((it.Kind == ItemKind.Glue && items[k - 1].Kind == ItemKind.Box && it.Stretch < Item.FillStretch) ||
                (it.Kind == ItemKind.Penalty && it.Penalty < Item.Infinity && !it.IsForced))
            {
                return false;
            }
        }

        return true;
    }
}
