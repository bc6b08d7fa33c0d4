using Publisher.Styles;
using Publisher.Typesetting.LineBreaking;

namespace Publisher.Typesetting.Inline;

/// <summary>
/// Stage 4 of inline layout, break: takes a paragraph's items and returns where its lines end. Justified text is
/// broken paragraph-optimally (<see cref="KnuthPlass"/>, after Knuth and Plass 1981); ragged text line by line
/// (<see cref="FirstFit"/>), with a code line's continuation narrower by its hang, and display lines balanced. Where
/// a line may end was decided by <see cref="Itemize"/>: only at its glue and penalties.
/// </summary>
internal static class Break
{
    public static BreakResult Lines(List<Item> items, ParagraphConfig config)
    {
        if (config.Align == TextAlign.Justify)
        {
            return KnuthPlass.Break(items, _ => config.Measure);
        }

        // A line that continues one too long for the measure (not the first, nor one after a forced break) is
        // indented by ContinuationIndent: code that wraps must not read as a new line of code.
        var result = FirstFit.Break(items, (_, fresh) => config.Measure - (fresh ? 0 : config.ContinuationIndent));
        return config.Balance && result.Lines.Count > 1 ? Balance(items, result, config.Measure) : result;
    }

    /// <summary>
    /// Display lines (headings, titles) read best with lines of even length, not a full line and a stray last word:
    /// find the narrowest measure that still needs the same number of lines, by bisection, and break to it.
    /// </summary>
    private static BreakResult Balance(List<Item> items, BreakResult result, double measure)
    {
        var count = result.Lines.Count;
        double lo = measure / count, hi = measure;
        var best = result;
        for (var i = 0; i < 16 && hi - lo > 0.5; i++)
        {
            var mid = (lo + hi) / 2;
            var trial = FirstFit.Break(items, _ => mid);
            if (trial.Lines.Count <= count && !Overfull(items, trial, mid))
            {
                best = trial;
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return best;
    }

    private static bool Overfull(List<Item> items, BreakResult result, double width)
    {
        var start = 0;
        foreach (var line in result.Lines)
        {
            double w = 0;
            for (var k = start; k < line.Break; k++)
            {
                w += items[k].Kind == ItemKind.Penalty ? 0 : items[k].Width;
            }

            if (w > width + 0.01)
            {
                return true;
            }

            start = Item.LineStartAfter(items, line.Break);
        }

        return false;
    }
}

/// <summary>A line's natural width (with the hyphen it breaks at, if any), its stretch and shrink, and the part of its stretch inside words.</summary>
internal readonly record struct LineSums(double Natural, double Stretch, double Shrink, double LetterStretch)
{
    /// <summary>The sums over items [<paramref name="start"/>, <paramref name="brk"/>), the line broken at <paramref name="brk"/>.</summary>
    public static LineSums Of(List<Item> items, int start, int brk)
    {
        double natural = 0, stretch = 0, shrink = 0, letterStretch = 0;
        for (var k = start; k < brk; k++)
        {
            if (items[k].Kind != ItemKind.Penalty)
            {
                natural += items[k].Width;
                stretch += items[k].Stretch;
                shrink += items[k].Shrink;
                letterStretch += items[k].Kind == ItemKind.Box ? items[k].Stretch : 0;
            }
        }

        // A penalty's width is typeset only when the line breaks at it: the hyphen (other penalties have none).
        return new LineSums(natural + (items[brk].Kind == ItemKind.Penalty ? items[brk].Width : 0), stretch, shrink, letterStretch);
    }

    /// <summary>How the line's glue is set to fill <paramref name="target"/>, as the Knuth–Plass breaker reckons it.</summary>
    public double Ratio(double target) =>
        Natural < target ? (Stretch > 0 ? (target - Natural) / Stretch : 10)
        : Natural > target ? (Shrink > 0 ? Math.Max(-1, (target - Natural) / Shrink) : -1)
        : 0;
}
