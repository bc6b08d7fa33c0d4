using Publisher.Typesetting.LineBreaking;

namespace Publisher.UnitTests.Typesetting;

/// <summary>The line breakers on synthetic boxes and glue: no fonts involved.</summary>
public sealed class LineBreakingTests
{
    /// <summary>Words of the given widths separated by glue (width 3, stretch 1.5, shrink 1), ending like a paragraph.</summary>
    private static List<Item> Words(params double[] widths)
    {
        var items = new List<Item>();
        for (var i = 0; i < widths.Length; i++)
        {
            if (i > 0)
            {
                items.Add(Item.Glue(3, 1.5, 1));
            }

            items.Add(Item.Box(widths[i]));
        }

        items.Add(Item.PenaltyItem(0, Item.Infinity, false));
        items.Add(Item.Glue(0, Item.FillStretch, 0));
        items.Add(Item.PenaltyItem(0, -Item.Infinity, false));
        return items;
    }

    private static double LineNatural(List<Item> items, int from, int to) =>
        Enumerable.Range(from, to - from).Select(i => items[i]).Where(i => i.Kind != ItemKind.Penalty).Sum(i => i.Width);

    [Fact]
    public void Every_line_fits_and_the_last_ends_the_paragraph()
    {
        var items = Words(Enumerable.Repeat(10.0, 40).ToArray());
        var result = KnuthPlass.Break(items, _ => 60);
        Assert.Equal(items.Count - 1, result.Lines[^1].Break);
        Assert.All(result.Lines.SkipLast(1), l => Assert.InRange(l.Ratio, -1, 1));
        Assert.Equal(1, result.Pass);
    }

    /// <summary>The adjustment ratio a line from <paramref name="from"/> to the break at <paramref name="to"/> needs.</summary>
    private static double Ratio(List<Item> items, int from, int to, double width)
    {
        var line = Enumerable.Range(from, to - from).Select(i => items[i]).ToList();
        var natural = line.Where(i => i.Kind != ItemKind.Penalty).Sum(i => i.Width);
        var stretch = line.Where(i => i.Kind == ItemKind.Glue).Sum(i => i.Stretch);
        var shrink = line.Where(i => i.Kind == ItemKind.Glue).Sum(i => i.Shrink);
        return natural < width ? (width - natural) / stretch : (width - natural) / shrink;
    }

    private static List<double> Ratios(List<Item> items, BreakResult r, double width)
    {
        var ratios = new List<double>();
        var start = 0;
        foreach (var l in r.Lines.SkipLast(1))
        {
            ratios.Add(Ratio(items, start, l.Break, width));
            start = l.Break + 1;
        }

        return ratios;
    }

    [Fact]
    public void Optimal_breaking_is_never_looser_than_first_fit_and_here_is_tighter()
    {
        // Knuth and Plass's point: filling each line greedily can leave a later line very loose.
        var widths = new double[] { 18, 9, 24, 6, 14, 21, 11, 9, 30, 7, 16, 12, 19, 8, 26, 10, 13, 22, 5, 17, 9, 28, 12, 15 };
        var items = Words(widths);
        var kp = Ratios(items, KnuthPlass.Break(items, _ => 75), 75);
        var ff = Ratios(items, FirstFit.Break(items, _ => 75), 75);
        var kpCost = kp.Sum(r => r * r);
        var ffCost = ff.Sum(r => r * r);
        Assert.True(kpCost < ffCost, $"Knuth–Plass {kpCost:0.00} vs first fit {ffCost:0.00}");
        Assert.All(kp, r => Assert.True(r >= -1, $"overfull line, ratio {r}"));
    }

    [Fact]
    public void A_forced_break_ends_a_line()
    {
        var items = Words(10, 10);
        items.InsertRange(1, [Item.PenaltyItem(0, Item.Infinity, false), Item.Glue(0, Item.FillStretch, 0), Item.PenaltyItem(0, -Item.Infinity, false)]);
        var result = KnuthPlass.Break(items, _ => 100);
        Assert.Equal(2, result.Lines.Count);
        Assert.Equal(3, result.Lines[0].Break);
    }

    [Fact]
    public void Never_more_than_two_hyphenated_lines_in_a_row()
    {
        // Words split by hyphenation points that would fit perfectly only if every line ended in a hyphen.
        var items = new List<Item>();
        for (var i = 0; i < 12; i++)
        {
            if (i > 0)
            {
                items.Add(Item.Glue(3, 1.5, 1));
            }

            items.Add(Item.Box(14));
            items.Add(Item.PenaltyItem(2, 50, true));
            items.Add(Item.Box(14));
        }

        items.AddRange([Item.PenaltyItem(0, Item.Infinity, false), Item.Glue(0, Item.FillStretch, 0), Item.PenaltyItem(0, -Item.Infinity, false)]);
        var result = KnuthPlass.Break(items, _ => 47);
        var run = 0;
        var worst = 0;
        foreach (var l in result.Lines)
        {
            run = items[l.Break].Flagged ? run + 1 : 0;
            worst = Math.Max(worst, run);
        }

        Assert.True(worst <= 2, $"{worst} hyphenated lines in a row");
    }

    [Fact]
    public void Consecutive_hyphens_cost_more_than_one()
    {
        var strict = KnuthPlass.Break(Words(10, 10, 10), _ => 100, new BreakerConfig { FlaggedDemerits = 0 });
        Assert.Single(strict.Lines);
    }

    [Fact]
    public void First_fit_never_exceeds_the_measure_when_words_fit()
    {
        var items = Words(12, 7, 30, 11, 9, 25, 3, 16, 8, 22);
        var ff = FirstFit.Break(items, _ => 50);
        var start = 0;
        foreach (var l in ff.Lines)
        {
            Assert.True(LineNatural(items, start, l.Break) <= 50, $"line ending at {l.Break} is too wide");
            start = l.Break + 1;
            while (start < items.Count && items[start].Kind != ItemKind.Box)
            {
                start++;
            }
        }
    }

    [Fact]
    public void Impossible_paragraphs_still_break_in_the_emergency_pass()
    {
        // A measure narrower than two words plus a space, with no stretch: only the emergency pass can set it.
        var items = new List<Item> { Item.Box(40), Item.Glue(3, 0, 0), Item.Box(40), Item.Glue(3, 0, 0), Item.Box(40) };
        items.AddRange([Item.PenaltyItem(0, Item.Infinity, false), Item.Glue(0, 0, 0), Item.PenaltyItem(0, -Item.Infinity, false)]);
        var result = KnuthPlass.Break(items, _ => 50);
        Assert.Equal(3, result.Pass);
        Assert.Equal(3, result.Lines.Count);
    }

    [Fact]
    public void First_fit_narrows_only_the_lines_that_continue_a_line_too_long()
    {
        // Two source lines (as in a code block): five words, a forced break, three words. A fresh line is 40 wide
        // (three words fit), a continuation 20 (one word), so the first source line takes 3 + 1 + 1 lines and the
        // second, fresh again after the forced break, one line of three.
        var items = Words(10, 10, 10, 10, 10);
        items.AddRange(Words(10, 10, 10));
        var calls = new List<(int Line, bool Fresh)>();
        var result = FirstFit.Break(items, (line, fresh) =>
        {
            calls.Add((line, fresh));
            return fresh ? 40 : 20;
        });

        var boxesPerLine = new List<int>();
        var start = 0;
        foreach (var l in result.Lines)
        {
            boxesPerLine.Add(Enumerable.Range(start, l.Break - start).Count(i => items[i].Kind == ItemKind.Box));
            start = l.Break + 1;
        }

        Assert.Equal([3, 1, 1, 3], boxesPerLine);
        Assert.Contains((1, false), calls);
        Assert.Contains((3, true), calls);
        Assert.DoesNotContain((3, false), calls);

        // The one-argument form is the same breaker with every line fresh.
        var plain = FirstFit.Break(items, _ => 40);
        Assert.Equal(3, plain.Lines.Count);
    }
}
