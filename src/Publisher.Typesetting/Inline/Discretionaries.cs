using Publisher.Styles;
using Publisher.Typesetting.LineBreaking;

namespace Publisher.Typesetting.Inline;

/// <summary>A paragraph's shaped runs and the items built from them.</summary>
internal sealed record Shaping(IReadOnlyList<ShapedRun> Runs, ParagraphItems Items);

/// <summary>
/// Ligature discretionaries, between items and break and again after break. Hyphenation points inside a ligature
/// (of-fice, dif-fer-ent: ff, fi and ffi are one glyph each) are no place to break a shaped run. As TeX's
/// discretionaries do (The TeXbook, ch. 14: a pre-break, post-break and no-break text), the breaker is shown those
/// words with the ligature split at each such point (<see cref="Split"/>); once the lines are chosen, only the words
/// broken there keep it split (<see cref="Rejoin"/>).
/// </summary>
internal static class Discretionaries
{
    /// <summary>
    /// Shapes the runs named in <paramref name="splits"/> again, with no ligature across those points, and returns
    /// every run's glyphs (the others as they were). The standard ligatures are turned off for one letter beside each
    /// point (HarfBuzz forms a ligature only from glyphs that all have the feature on): the one before it, so that
    /// the ligature after the point still forms ("dif-" then "ficult" with its fi), unless the two letters before the
    /// point make a ligature of their own ("stuff-ing": ff then i), when it is the one after. TeX's discretionaries
    /// give the same pieces.
    /// </summary>
    public static ShapedRun[] Split(IReadOnlyList<ShapedRun> shaped, IReadOnlyCollection<(int Run, int Char)> splits, string language)
    {
        var result = shaped.ToArray();
        foreach (var group in splits.GroupBy(s => s.Run))
        {
            var run = shaped[group.Key].Run;
            var cuts = group.Select(s => s.Char >= 2 && Ligates(run, s.Char - 2, language) ? s.Char : s.Char - 1).Order().ToList();
            result[group.Key] = Shape.Glyphs(run, language, cuts);
        }

        return result;
    }

    /// <summary>Whether the two letters at <paramref name="at"/> make one glyph in the run's font.</summary>
    private static bool Ligates(Run run, int at, string language) =>
        char.IsLetter(run.Text[at]) && char.IsLetter(run.Text[at + 1]) && run.Style.Face.Shape(run.Text.Substring(at, 2), language).Length == 1;

    /// <summary>
    /// The lines were chosen with every ligature that hid a hyphenation point split (<paramref name="split"/>). Go back
    /// to the shaping with all ligatures (<paramref name="ligated"/>), shaped again splitting only those the lines
    /// break at, and carry each break over to its items (found by the word piece before it); each line's spacing is
    /// then worked out afresh, since a ligature is rarely quite as wide as its letters. Should a break not be found
    /// again (a word broken by force differently), the lines stay as chosen, unligated.
    /// </summary>
    public static (Shaping Shaping, BreakResult Result) Rejoin(HashSet<(int Run, int Char)> hidden, Shaping ligated, Shaping split, BreakResult result, ParagraphConfig config,
        double letterFactor)
    {
        var (splitItems, splitPieces) = (split.Items.Items, split.Items.Pieces);
        var taken = new HashSet<(int Run, int Char)>();
        foreach (var line in result.Lines)
        {
            if (splitItems[line.Break] is { Kind: ItemKind.Penalty, Flagged: true } && line.Break > 0 && splitPieces[line.Break - 1] is { } before
                && hidden.Contains((before.Run, before.CharEnd)))
            {
                taken.Add((before.Run, before.CharEnd));
            }
        }

        var final = ligated;
        if (taken.Count > 0 || letterFactor != 1)
        {
            // The first shaping's items serve as they are when no line breaks inside a ligature (the usual case).
            var runs = Split(ligated.Runs, taken, config.Language);
            final = new Shaping(runs, Itemize.Paragraph(runs, config, letterFactor));
        }

        var (items, pieces) = (final.Items.Items, final.Items.Pieces);
        var index = new Dictionary<(ItemKind, int, int, int), int>();
        for (var k = 0; k < items.Count; k++)
        {
            index.TryAdd(BreakKey(items, pieces, k), k);
        }

        var lines = new List<LineBreak>();
        var start = 0;
        foreach (var line in result.Lines)
        {
            if (!index.TryGetValue(BreakKey(splitItems, splitPieces, line.Break), out var brk) || brk < start)
            {
                return (split, result);
            }

            lines.Add(new LineBreak(brk, config.Align == TextAlign.Justify ? LineSums.Of(items, start, brk).Ratio(config.Measure) : line.Ratio));
            start = Item.LineStartAfter(items, brk);
        }

        return (final, result with { Lines = lines });
    }

    /// <summary>A break's identity that survives reshaping: its kind, the run and end of the word piece before it, and how far after that piece it is.</summary>
    private static (ItemKind, int, int, int) BreakKey(List<Item> items, List<Piece?> pieces, int k)
    {
        for (var j = k - 1; j >= 0; j--)
        {
            if (items[j].Kind == ItemKind.Box && pieces[j] is { } p)
            {
                return (items[k].Kind, p.Run, p.CharEnd, k - j);
            }
        }

        return (items[k].Kind, -1, -1, k);
    }
}
