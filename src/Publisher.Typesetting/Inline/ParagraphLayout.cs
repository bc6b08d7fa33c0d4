using System.Text;
using HarfBuzzSharp;
using Publisher.Model;
using Publisher.Styles;
using Publisher.Typesetting.Fonts;
using Publisher.Typesetting.Hyphenation;
using Publisher.Typesetting.LineBreaking;

namespace Publisher.Typesetting.Inline;

/// <summary>Settings for one paragraph's line breaking.</summary>
internal sealed record ParagraphConfig(
    double Measure,
    double FirstIndent,
    TextAlign Align,
    bool Hyphenate,
    string Language,
    Hyphenator? Hyphenator,
    double LeftIndent = 0,
    double FirstLineMeasureDelta = 0,
    bool Balance = false,
    double ContinuationIndent = 0);

/// <summary>A run of glyphs placed on a line, x relative to the line's left edge.</summary>
internal sealed record PlacedRun(double X, double Rise, FontFace Face, double Size, ushort[] Glyphs, double[] Offsets, string Text, int[] Clusters);

/// <summary>A link area on a line.</summary>
internal sealed record PlacedLink(double X, double Width, string? Anchor, string? Url);

/// <summary>A strikethrough on a line: from X, Width long, at Y above the baseline, Thickness thick (points).</summary>
internal sealed record PlacedStrike(double X, double Width, double Y, double Thickness);

/// <summary>A line of a paragraph, ready to stack on a page.</summary>
internal sealed record LaidLine(
    double Width,
    IReadOnlyList<PlacedRun> Runs,
    IReadOnlyList<PlacedLink> Links,
    IReadOnlyList<string> Anchors,
    IReadOnlyList<string> Notes,
    bool Hyphenated,
    double Ratio,
    bool Overfull)
{
    /// <summary>Counted characters of the leaf before the line's first character of manuscript text, if it has one.</summary>
    public int? StartOffset { get; init; }

    /// <summary>The line's strikethroughs, one per stretch of struck words (the spaces between them struck too).</summary>
    public IReadOnlyList<PlacedStrike> Strikes { get; init; } = [];
}

/// <summary>
/// Lays out one paragraph: collect runs → shape each run once → build boxes, glue and penalties (with hyphenation
/// points where HarfBuzz says a break is safe) → break lines (Knuth–Plass, or first fit for ragged text) → place
/// glyphs. The same stages typst calls collect, prepare, linebreak and finalize.
/// </summary>
internal static class ParagraphLayout
{
    /// <summary>Penalty for a hyphenation point. Higher than the paper's 50: typst found 50 hyphenates too eagerly, and so did we.</summary>
    private const double HyphenPenalty = 100;

    /// <summary>Penalty for breaking after an explicit hyphen or dash in the text (TeX's \exhyphenpenalty).</summary>
    private const double ExplicitHyphenPenalty = 50;

    /// <summary>
    /// Letter-spacing a justified line may add between the glyphs of a word, per gap, in em (12/1000 em), and take
    /// away (5/1000 em). Spreading a little of the slack into the words keeps word spaces even, as font expansion
    /// does in pdfTeX's microtype (Hàn Thế Thành 2000); the amounts stay below what a reader notices.
    /// </summary>
    private const double LetterStretch = 0.012;
    private const double LetterShrink = 0.005;

    /// <summary>How much more letter-spacing a paragraph may use when it cannot be set otherwise (2.5 × 12/1000 em = 3/100 em).</summary>
    private const double EmergencyLetterFactor = 2.5;

    private static readonly Feature[] SmallCapsFeatures = [Feature.Parse("smcp"), Feature.Parse("c2sc")];

    public static (List<LaidLine> Lines, List<LineWarning> Warnings) Layout(IReadOnlyList<Run> runs, ParagraphConfig config)
    {
        var warnings = new List<LineWarning>();
        Shape(runs, config.Language);
        MissingGlyphs(runs, warnings);
        var hidden = new HashSet<(int Run, int Char)>();
        var built = new List<LineWarning>(); // what building the items in use found: words too wide for the line
        var (items, pieces) = BuildItems(runs, config, built, hiddenBreaks: hidden);
        if (items.Count == 0)
        {
            return ([], [.. warnings, .. built]);
        }

        // Hyphenation points inside a ligature (of-fice, dif-fer-ent: ff, fi and ffi are one glyph each) are no place
        // to break a shaped run. As TeX's discretionaries do, the breaker is shown those words with the ligature
        // split at each such point; once the lines are chosen, only the words broken there keep it split.
        Shaping? ligated = null;
        if (hidden.Count > 0)
        {
            ligated = new Shaping([.. runs.Select(r => r.Glyphs)], items, pieces, built);
            Reshape(runs, hidden, config.Language);
            built = [];
            (items, pieces) = BuildItems(runs, config, built);
        }

        double LineWidth(int line) => config.Measure - (line == 0 ? config.FirstLineMeasureDelta : 0);
        // A line that continues one too long for the measure (not the first, nor one after a forced break) is
        // indented by ContinuationIndent: code that wraps must not read as a new line of code. Ragged text only.
        var letterFactor = 1.0;
        var result = config.Align == TextAlign.Justify
            ? KnuthPlass.Break(items, LineWidth)
            : FirstFit.Break(items, (line, fresh) => LineWidth(line) - (fresh ? 0 : config.ContinuationIndent));
        if (result.Pass > 1)
        {
            // No breaking keeps every word space within 1.5×: before letting spaces open wider, let the words
            // take up more of the slack (up to EmergencyLetterFactor × the usual letter-spacing).
            var (looseItems, loosePieces) = BuildItems(runs, config, [], EmergencyLetterFactor);
            var retry = KnuthPlass.Break(looseItems, LineWidth);
            if (retry.Pass < result.Pass)
            {
                (items, pieces, result, letterFactor) = (looseItems, loosePieces, retry, EmergencyLetterFactor);
            }
        }

        if (config.Balance && config.Align != TextAlign.Justify && result.Lines.Count > 1)
        {
            (result, config) = Balance(items, result, config);
        }

        if (ligated is not null)
        {
            (items, pieces, result, built) = Religate(runs, hidden, ligated, new Shaping([.. runs.Select(r => r.Glyphs)], items, pieces, built), result, config, LineWidth, letterFactor);
        }

        warnings.AddRange(built);
        return (Place(runs, items, pieces, result, config, LineWidth, warnings), warnings);
    }

    /// <summary>A paragraph's shaped glyphs (per run), the items built from them, and what building them found.</summary>
    private sealed record Shaping(ShapedGlyph[][] Glyphs, List<Item> Items, List<Piece?> Pieces, List<LineWarning> Warnings)
    {
        public void Restore(IReadOnlyList<Run> runs)
        {
            for (var r = 0; r < runs.Count; r++)
            {
                runs[r].Glyphs = Glyphs[r];
            }
        }
    }

    /// <summary>
    /// The lines were chosen with every ligature that hid a hyphenation point split (<paramref name="split"/>). Go back
    /// to the shaping with all ligatures (<paramref name="ligated"/>), shaped again splitting only those the lines
    /// break at, and carry each break over to its items (found by the word piece before it); each line's spacing is
    /// then worked out afresh, since a ligature is rarely quite as wide as its letters. Should a break not be found
    /// again (a word broken by force differently), the lines stay as chosen, unligated.
    /// </summary>
    private static (List<Item>, List<Piece?>, BreakResult, List<LineWarning>) Religate(IReadOnlyList<Run> runs, HashSet<(int Run, int Char)> hidden, Shaping ligated,
        Shaping split, BreakResult result, ParagraphConfig config, Func<int, double> lineWidth, double letterFactor)
    {
        var taken = new HashSet<(int Run, int Char)>();
        foreach (var line in result.Lines)
        {
            if (split.Items[line.Break] is { Kind: ItemKind.Penalty, Flagged: true } && line.Break > 0 && split.Pieces[line.Break - 1] is { } before
                && hidden.Contains((before.Run, before.CharEnd)))
            {
                taken.Add((before.Run, before.CharEnd));
            }
        }

        ligated.Restore(runs);
        var final = ligated;
        if (taken.Count > 0 || letterFactor != 1)
        {
            // The first shaping's items serve as they are when no line breaks inside a ligature (the usual case).
            Reshape(runs, taken, config.Language);
            var warnings = new List<LineWarning>();
            var (items, pieces) = BuildItems(runs, config, warnings, letterFactor);
            final = new Shaping([.. runs.Select(r => r.Glyphs)], items, pieces, warnings);
        }

        var index = new Dictionary<(ItemKind, int, int, int), int>();
        for (var k = 0; k < final.Items.Count; k++)
        {
            index.TryAdd(BreakKey(final.Items, final.Pieces, k), k);
        }

        var lines = new List<LineBreak>();
        var start = 0;
        foreach (var line in result.Lines)
        {
            if (!index.TryGetValue(BreakKey(split.Items, split.Pieces, line.Break), out var brk) || brk < start)
            {
                split.Restore(runs);
                return (split.Items, split.Pieces, result, split.Warnings);
            }

            lines.Add(new LineBreak(brk, config.Align == TextAlign.Justify ? AdjustmentRatio(final.Items, start, brk, lineWidth(lines.Count)) : line.Ratio));
            start = brk + 1;
            while (start < final.Items.Count && final.Items[start].Kind != ItemKind.Box && !final.Items[start].IsForced)
            {
                start++;
            }
        }

        return (final.Items, final.Pieces, result with { Lines = lines }, final.Warnings);
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

    /// <summary>How a line's glue is set to fill <paramref name="target"/>, as the Knuth–Plass breaker reckons it.</summary>
    private static double AdjustmentRatio(List<Item> items, int start, int brk, double target)
    {
        var (width, stretch, shrink, _) = LineSums.Of(items, start, brk);
        return width < target ? (stretch > 0 ? (target - width) / stretch : 10)
            : width > target ? (shrink > 0 ? Math.Max(-1, (target - width) / shrink) : -1)
            : 0;
    }

    /// <summary>A line's natural width (with the hyphen it breaks at, if any), its stretch and shrink, and the part of its stretch inside words.</summary>
    private readonly record struct LineSums(double Natural, double Stretch, double Shrink, double LetterStretch)
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
    }

    /// <summary>
    /// Display lines (headings, titles) read best with lines of even length, not a full line and a stray last word:
    /// find the narrowest measure that still needs the same number of lines, by bisection, and break to it.
    /// </summary>
    private static (BreakResult, ParagraphConfig) Balance(List<Item> items, BreakResult result, ParagraphConfig config)
    {
        var count = result.Lines.Count;
        double lo = config.Measure / count, hi = config.Measure;
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

        return (best, config);
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

            start = line.Break + 1;
            while (start < items.Count && items[start].Kind != ItemKind.Box && !items[start].IsForced)
            {
                start++;
            }
        }

        return false;
    }

    /// <summary>
    /// Characters the font has no glyph for come out as .notdef boxes (glyph 0): say which, so the author can change
    /// the text or give the style a font that has them. One warning per character and paragraph.
    /// </summary>
    private static void MissingGlyphs(IReadOnlyList<Run> runs, List<LineWarning> warnings)
    {
        var seen = new HashSet<int>();
        foreach (var run in runs)
        {
            foreach (var g in run.Glyphs)
            {
                if (g.Id != 0 || g.Cluster >= run.Text.Length)
                {
                    continue;
                }

                var rune = System.Text.Rune.GetRuneAt(run.Text, g.Cluster);
                if (!System.Text.Rune.IsWhiteSpace(rune) && seen.Add(rune.Value))
                {
                    var fonts = run.Style.Face.Fallback is { } fallback
                        ? $"neither '{run.Style.Face.Name}' nor the fallback '{fallback.Name}' can show"
                        : $"'{run.Style.Face.Name}' cannot show";
                    warnings.Add(new LineWarning(LineWarningKind.MissingGlyph,
                        FormattableString.Invariant($"no glyph for '{rune}' (U+{rune.Value:X4}), which {fonts}; it is left as a blank space on the page"), rune.ToString()));
                }
            }
        }
    }


    /// <summary>The widest unbreakable stretch (a word with what clings to it) and the width of the whole text on one line.</summary>
    public static (double Widest, double Total) NaturalWidths(IReadOnlyList<Run> runs)
    {
        Shape(runs, "en");
        var (items, _) = BuildItems(runs, new ParagraphConfig(1e9, 0, TextAlign.Left, false, "en", null), []);
        double widest = 0, word = 0, total = 0;
        foreach (var it in items)
        {
            if (it.Kind == ItemKind.Box)
            {
                word += it.Width;
                total += it.Width;
            }
            else if (it.Kind == ItemKind.Glue)
            {
                widest = Math.Max(widest, word);
                word = 0;
                total += it.Width;
            }
        }

        return (Math.Max(widest, word), total);
    }

    private static void Shape(IReadOnlyList<Run> runs, string language)
    {
        foreach (var run in runs)
        {
            ShapeRun(run, language, []);
        }
    }

    /// <summary>
    /// Shapes the runs named in <paramref name="splits"/> again, with no ligature across those points. The standard
    /// ligatures are turned off for one letter beside each point (HarfBuzz forms a ligature only from glyphs that
    /// all have the feature on): the one before it, so that the ligature after the point still forms ("dif-" then
    /// "ficult" with its fi), unless the two letters before the point make a ligature of their own ("stuff-ing": ff
    /// then i), when it is the one after. TeX's discretionaries give the same pieces.
    /// </summary>
    private static void Reshape(IReadOnlyList<Run> runs, IReadOnlyCollection<(int Run, int Char)> splits, string language)
    {
        foreach (var group in splits.GroupBy(s => s.Run))
        {
            var run = runs[group.Key];
            var cuts = group.Select(s => s.Char >= 2 && Ligates(run, s.Char - 2, language) ? s.Char : s.Char - 1).Order().ToList();

            ShapeRun(run, language, cuts);
        }
    }

    /// <summary>Whether the two letters at <paramref name="at"/> make one glyph in the run's font.</summary>
    private static bool Ligates(Run run, int at, string language) =>
        char.IsLetter(run.Text[at]) && char.IsLetter(run.Text[at + 1]) && run.Style.Face.Shape(run.Text.Substring(at, 2), language).Length == 1;

    private static readonly Tag[] LigatureFeatures = [Tag.Parse("liga"), Tag.Parse("clig")];

    /// <summary>Shapes one run, with the standard ligatures off for the characters at <paramref name="unligated"/>.</summary>
    private static void ShapeRun(Run run, string language, IReadOnlyList<int> unligated)
    {
        if (run.Text.Length == 0)
        {
            return;
        }

        // HarfBuzz skips a soft hyphen, as a default ignorable, when it forms ligatures: "ef&shy;fi&shy;cient" became
        // e + ffi + cient, and the author's break points fell inside one glyph, where no line may break. A zero-width
        // non-joiner in its place (one UTF-16 unit too, so clusters keep their indices) stops the ligature. A marked
        // word is rare enough that its break points matter more than its ligature.
        var text = run.Text.Contains('\u00AD', StringComparison.Ordinal) ? run.Text.Replace('\u00AD', '\u200C') : run.Text;
        IReadOnlyList<Feature>? features = run.Style.SmallCaps ? SmallCapsFeatures : null;
        if (unligated.Count > 0)
        {
            features = [.. features ?? [], .. unligated.SelectMany(c => LigatureFeatures.Select(t => new Feature(t, 0, (uint)c, (uint)c + 1)))];
        }

        run.Glyphs = run.Style.Face.Shape(text, language, features);
    }

    /// <summary>
    /// Splits the shaped runs into boxes at spaces and builds the Knuth–Plass items. <paramref name="pieces"/>[i] is
    /// the glyph range of item i when it is a box (and of the hyphen to add when it is a flagged penalty).
    /// </summary>
    private static (List<Item> Items, List<Piece?> Pieces) BuildItems(IReadOnlyList<Run> runs, ParagraphConfig config, List<LineWarning> warnings, double letterFactor = 1,
        HashSet<(int Run, int Char)>? hiddenBreaks = null)
    {
        var items = new List<Item>();
        var pieces = new List<Piece?>();
        if (config.FirstIndent > 0)
        {
            items.Add(Item.Box(config.FirstIndent));
            pieces.Add(null);
        }

        var justify = config.Align == TextAlign.Justify;
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            if (run.ForcedBreak)
            {
                items.Add(Item.PenaltyItem(0, Item.Infinity, false));
                items.Add(Item.Glue(0, justify ? Item.FillStretch : 0, 0));
                items.Add(Item.PenaltyItem(0, -Item.Infinity, false));
                pieces.AddRange([null, null, null]);
                continue;
            }

            if (run.Text.Length == 0)
            {
                items.Add(Item.Box(0));
                pieces.Add(new Piece(r, 0, 0, 0, 0, 0));
                continue;
            }

            var glyphs = run.Glyphs;
            var size = run.Style.Size;
            var g = 0;
            while (g < glyphs.Length)
            {
                var cluster = glyphs[g].Cluster;
                if (run.Text[cluster] == ' ')
                {
                    var space = glyphs[g].Advance * size;
                    items.Add(justify ? Item.Glue(space, space / 2, space / 3) : Item.Glue(space, 0, 0));
                    pieces.Add(null);
                    g++;
                    continue;
                }

                // A word: glyphs up to the next space glyph.
                var start = g;
                while (g < glyphs.Length && run.Text[glyphs[g].Cluster] != ' ')
                {
                    g++;
                }

                AddWord(run, r, start, g, items, pieces, config, IsLastWord(runs, r, g), letterFactor, hiddenBreaks);
            }
        }

        // End of paragraph: forbid a break before the fill glue, then force the final break.
        items.Add(Item.PenaltyItem(0, Item.Infinity, false));
        pieces.Add(null);
        items.Add(Item.Glue(0, justify ? Item.FillStretch : 0, 0));
        pieces.Add(null);
        items.Add(Item.PenaltyItem(0, -Item.Infinity, false));
        pieces.Add(null);

        // Pieces of a word broken by force must fit the narrowest line they may land on: a continuation line of code
        // is narrower by its hang.
        SplitOverlongBoxes(runs, items, pieces, Math.Min(config.Measure - config.FirstLineMeasureDelta, config.Measure - config.ContinuationIndent), warnings);
        return (items, pieces);
    }

    private static bool IsLastWord(IReadOnlyList<Run> runs, int r, int glyphEnd)
    {
        if (glyphEnd < runs[r].Glyphs.Length)
        {
            return false;
        }

        for (var k = r + 1; k < runs.Count; k++)
        {
            if (runs[k].Text.Contains(' ', StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static int CharEnd(Run run, int glyphEnd) => glyphEnd < run.Glyphs.Length ? run.Glyphs[glyphEnd].Cluster : run.Text.Length;

    private static double Width(Run run, int from, int to)
    {
        double w = 0;
        for (var i = from; i < to; i++)
        {
            w += run.Glyphs[i].Advance;
        }

        return w * run.Style.Size;
    }

    private static void AddWord(Run run, int r, int start, int end, List<Item> items, List<Piece?> pieces, ParagraphConfig config, bool lastWord, double letterFactor,
        HashSet<(int Run, int Char)>? hiddenBreaks)
    {
        var charStart = run.Glyphs[start].Cluster;
        var charEnd = CharEnd(run, end);
        var word = run.Text[charStart..charEnd];

        // Break points inside the word: after explicit hyphens and dashes, and at hyphenation points.
        var breaks = new SortedDictionary<int, bool>(); // char index (absolute) → flagged hyphenation (true) or explicit (false)
        for (var i = 0; i < word.Length - 1; i++)
        {
            if (word[i] is '-' or '\u2013' or '\u2014' or '/' && char.IsLetterOrDigit(word[i + 1]) && i > 0)
            {
                breaks[charStart + i + 1] = false;
            }
        }

        // A soft hyphen (U+00AD, &shy; in Markdown) is the author's own hyphenation point, as TeX's \-: honoured in any
        // word, capitals or not, wherever the text may be broken at all.
        if (!run.Style.NoHyphenation)
        {
            for (var i = 1; i < word.Length - 1; i++)
            {
                if (word[i] == '\u00AD')
                {
                    breaks[charStart + i + 1] = true;
                }
            }
        }

        // As with TeX's \-, a word the author marked breaks only where marked: the patterns leave it alone.
        if (config.Hyphenate && config.Hyphenator is { } hyphenator && !lastWord && !run.Style.NoHyphenation && !run.Style.SmallCaps && !word.Contains('\u00AD'))
        {
            foreach (var (offset, letters) in LetterRuns(word))
            {
                // No hyphen in words with capitals (names, acronyms) or in short words.
                if (letters.Length >= hyphenator.LeftMin + hyphenator.RightMin && letters.All(char.IsLower))
                {
                    foreach (var p in hyphenator.Points(letters))
                    {
                        breaks.TryAdd(charStart + offset + p, true);
                    }
                }
            }
        }

        var pieceStart = start;
        foreach (var (charIndex, flagged) in breaks)
        {
            // The glyph that starts at this character must exist and be safe to break before (HarfBuzz's flag).
            var gi = Array.FindIndex(run.Glyphs, pieceStart, end - pieceStart, x => x.Cluster == charIndex);
            if (gi <= pieceStart || run.Glyphs[gi].UnsafeToBreak)
            {
                // Inside one glyph of several letters (a ligature): a point the breaker may see once it is split.
                if (gi < 0 && hiddenBreaks is not null && char.IsLetter(run.Text[charIndex - 1]) && char.IsLetter(run.Text[charIndex]))
                {
                    hiddenBreaks.Add((r, charIndex));
                }

                continue;
            }

            items.Add(WordBox(run, pieceStart, gi, config, letterFactor));
            pieces.Add(new Piece(r, pieceStart, gi, run.Glyphs[pieceStart].Cluster, charIndex, 0));
            if (flagged)
            {
                items.Add(Item.PenaltyItem(run.Style.Face.HyphenAdvance * run.Style.Size, HyphenPenalty, true));
            }
            else
            {
                // Flagged: a line ending in a compound's own hyphen counts toward the consecutive-hyphen limit,
                // as TeX counts it (its discretionary after an explicit hyphen is flagged too).
                items.Add(Item.PenaltyItem(0, ExplicitHyphenPenalty, word[charIndex - charStart - 1] == '-'));
            }

            pieces.Add(null);
            pieceStart = gi;
        }

        items.Add(WordBox(run, pieceStart, end, config, letterFactor));
        pieces.Add(new Piece(r, pieceStart, end, run.Glyphs[pieceStart].Cluster, charEnd, 0));
        _ = config.Language;
    }

    /// <summary>A word's box; in justified text it may letter-space by a little between its glyphs.</summary>
    private static Item WordBox(Run run, int from, int to, ParagraphConfig config, double letterFactor)
    {
        var width = Width(run, from, to);
        var gaps = Math.Max(0, to - from - 1);
        return config.Align == TextAlign.Justify && !run.Style.SmallCaps && run.Style.Rise == 0
            ? Item.Box(width, gaps * LetterStretch * letterFactor * run.Style.Size, gaps * LetterShrink * run.Style.Size)
            : Item.Box(width);
    }

    private static IEnumerable<(int Offset, string Letters)> LetterRuns(string word)
    {
        var i = 0;
        while (i < word.Length)
        {
            while (i < word.Length && !char.IsLetter(word[i]))
            {
                i++;
            }

            var s = i;
            while (i < word.Length && char.IsLetter(word[i]))
            {
                i++;
            }

            // A letter run glued to an apostrophe or a digit is part of a bigger token: hyphenate only clean words.
            var before = s > 0 ? word[s - 1] : ' ';
            var after = i < word.Length ? word[i] : ' ';
            if (i > s && before is not ('\u2019' or '\'') && after is not ('\u2019' or '\''))
            {
                yield return (s, word[s..i]);
            }
        }
    }

    /// <summary>
    /// A box wider than the line cannot be set without running into the margin: break it between glyphs (an
    /// emergency break) and say where.
    /// </summary>
    private static void SplitOverlongBoxes(IReadOnlyList<Run> runs, List<Item> items, List<Piece?> pieces, double measure, List<LineWarning> warnings)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Kind != ItemKind.Box || items[i].Width <= measure || pieces[i] is not { } piece)
            {
                continue;
            }

            var run = runs[piece.Run];
            var word = run.Text[piece.CharStart..piece.CharEnd];
            warnings.Add(new LineWarning(LineWarningKind.OverlongWord, $"'{word}' is wider than the line and was broken where it had to be", word));
            var newItems = new List<Item>();
            var newPieces = new List<Piece?>();
            var s = piece.GlyphStart;
            double w = 0;
            for (var g = piece.GlyphStart; g < piece.GlyphEnd; g++)
            {
                var adv = run.Glyphs[g].Advance * run.Style.Size;
                if (w + adv > measure * 0.98 && g > s && !run.Glyphs[g].UnsafeToBreak)
                {
                    newItems.Add(Item.Box(w));
                    newPieces.Add(new Piece(piece.Run, s, g, run.Glyphs[s].Cluster, run.Glyphs[g].Cluster, 0));
                    newItems.Add(Item.PenaltyItem(0, 0, false));
                    newPieces.Add(null);
                    s = g;
                    w = 0;
                }

                w += adv;
            }

            newItems.Add(Item.Box(w));
            newPieces.Add(new Piece(piece.Run, s, piece.GlyphEnd, run.Glyphs[s].Cluster, piece.CharEnd, 0));
            items.RemoveAt(i);
            pieces.RemoveAt(i);
            items.InsertRange(i, newItems);
            pieces.InsertRange(i, newPieces);
            i += newItems.Count - 1;
        }
    }

    private static List<LaidLine> Place(IReadOnlyList<Run> runs, List<Item> items, List<Piece?> pieces, BreakResult result, ParagraphConfig config, Func<int, double> lineWidth,
        List<LineWarning> warnings)
    {
        var lines = new List<LaidLine>();
        var start = 0;
        for (var li = 0; li < result.Lines.Count; li++)
        {
            var (brk, ratio) = result.Lines[li];
            var continuation = config.Align != TextAlign.Justify && li > 0 && !items[result.Lines[li - 1].Break].IsForced ? config.ContinuationIndent : 0;
            var target = lineWidth(li) - continuation;
            var breakItem = items[brk];
            var hyphenated = breakItem.Kind == ItemKind.Penalty && breakItem.Flagged;
            var justify = config.Align == TextAlign.Justify;

            // Natural width, to align ragged lines and to detect overfull ones.
            var (natural, stretch, shrink, letterStretch) = LineSums.Of(items, start, brk);

            // The last line keeps natural spacing unless it must shrink to fit; others use the breaker's ratio,
            // capped so glue never inverts.
            var last = li == result.Lines.Count - 1;
            var r = !justify ? 0 : last ? Math.Clamp(ratio, -1, 0) : Math.Max(-1, ratio);
            var setWidth = natural + (r >= 0 ? r * stretch : r * shrink);

            // A line looser than its stretch allows (an underfull line, ratio > 1) takes the excess in its word spaces
            // only, as TeX's glue does: letter-spacing stops at its limit. Spread over the letters too, a short line
            // of a narrow column came out with gaps between letters wide enough to read as word spaces, which text
            // extraction (and a reader) then took as separate letters (found by the fuzzer). A line with no word
            // space at all is left short rather than spaced out.
            var (letterRatio, glueRatio) = (r, r);
            if (r > 1)
            {
                var glueStretch = stretch - letterStretch;
                letterRatio = 1;
                glueRatio = glueStretch > 0 ? ((r * stretch) - letterStretch) / glueStretch : 1;
                setWidth = natural + letterStretch + (glueStretch * glueRatio);
            }

            // A word space's stretch is half its width, so a glue ratio g sets spaces at (1 + g/2)× their width.
            // A line left loose by a word too wide for any line, which follows it broken by force, is that word's
            // warning (PUB3001) already.
            if (justify && !last && 1 + (glueRatio / 2) > LooseSpaceFactor && !BeforeOverlongWord(runs, items, pieces, brk, warnings)
                && LineText(runs, items, pieces, start, brk) is { Length: > 0 } text)
            {
                var factor = 1 + (glueRatio / 2);
                warnings.Add(new LineWarning(LineWarningKind.LooseLine,
                    FormattableString.Invariant($"the line '{text}' is set with its word spaces {factor:0.0}× their width"),
                    text));
            }

            var x = config.Align switch
            {
                TextAlign.Center => (target - natural) / 2,
                TextAlign.Right => target - natural,
                _ => 0,
            };
            x = Math.Max(0, x) + (li == 0 ? config.FirstLineMeasureDelta : 0) + config.LeftIndent + continuation;

            var builder = new LineBuilder(runs);
            for (var k = start; k < brk; k++)
            {
                var item = items[k];
                switch (item.Kind)
                {
                    case ItemKind.Box:
                        var adjust = r >= 0 ? letterRatio * item.Stretch : r * item.Shrink;
                        if (pieces[k] is { } p)
                        {
                            builder.Add(p, x, p.GlyphEnd - p.GlyphStart > 1 ? adjust / (p.GlyphEnd - p.GlyphStart - 1) : 0);
                        }

                        x += item.Width + adjust;
                        break;
                    case ItemKind.Glue:
                        x += item.Width + (r >= 0 ? glueRatio * item.Stretch : r * item.Shrink);
                        builder.Break();
                        break;
                }
            }

            if (hyphenated && breakItem.Width > 0)
            {
                builder.AddHyphen(x);
            }

            lines.Add(builder.Finish(setWidth, hyphenated, r, setWidth > target + 0.5));

            // The next line starts after the break, skipping glue and penalties that vanish at a line start.
            start = brk + 1;
            while (start < items.Count && items[start].Kind != ItemKind.Box && !items[start].IsForced)
            {
                start++;
            }
        }

        return lines;
    }

    /// <summary>
    /// Word spaces wider than this many times their width are warned about (PUB3005), as TeX reports an underfull box:
    /// the breaker found nothing better, usually because a long word that may not be hyphenated (a name, a word with
    /// capitals) follows. The sample book's loosest line is 2.0×.
    /// </summary>
    private const double LooseSpaceFactor = 2.5;

    /// <summary>Whether the first word after the break at <paramref name="brk"/> is part of a word broken by force.</summary>
    private static bool BeforeOverlongWord(IReadOnlyList<Run> runs, List<Item> items, List<Piece?> pieces, int brk, List<LineWarning> warnings)
    {
        for (var k = brk + 1; k < items.Count; k++)
        {
            if (items[k].Kind == ItemKind.Box && pieces[k] is { } p && p.CharEnd > p.CharStart)
            {
                var next = runs[p.Run].Text[p.CharStart..p.CharEnd];
                return warnings.Any(w => w.Kind == LineWarningKind.OverlongWord && w.Subject.Contains(next, StringComparison.Ordinal));
            }
        }

        return false;
    }

    /// <summary>The manuscript text of items [start, end): its words, one space between them.</summary>
    private static string LineText(IReadOnlyList<Run> runs, List<Item> items, List<Piece?> pieces, int start, int end)
    {
        var text = new StringBuilder();
        for (var k = start; k < end; k++)
        {
            if (items[k].Kind == ItemKind.Glue && text.Length > 0 && text[^1] != ' ')
            {
                text.Append(' ');
            }
            else if (pieces[k] is { } p && !runs[p.Run].Generated)
            {
                text.Append(runs[p.Run].Text.AsSpan(p.CharStart, p.CharEnd - p.CharStart));
            }
        }

        return text.ToString().Replace("\u00AD", "", StringComparison.Ordinal).Trim();
    }

    /// <summary>Accumulates a line's placed runs, merging consecutive glyphs of one run into one glyph run.</summary>
    private sealed class LineBuilder(IReadOnlyList<Run> runs)
    {
        private readonly List<PlacedRun> _placed = [];
        private readonly List<PlacedLink> _links = [];
        private readonly List<PlacedStrike> _strikes = [];
        private bool _striking; // the last glyph run placed was struck: the next struck one may continue its line
        private int _strikeRun = -1; // the run of the last struck glyphs
        private readonly List<string> _anchors = [];
        private readonly List<string> _notes = [];
        private int _curRun = -1;
        private int _lastGlyphEnd = -1;
        private readonly List<ushort> _glyphs = [];
        private readonly List<double> _offsets = [];
        private int _charStart;
        private int _charEnd;
        private double _runX;
        private double _endX;
        private int? _startOffset;

        public void Add(Piece p, double x, double perGap)
        {
            var run = runs[p.Run];
            if (_startOffset is null && !run.Generated && p.CharEnd > p.CharStart)
            {
                _startOffset = run.CountBase + TextLeaves.Counted(run.Text.AsSpan(0, p.CharStart));
            }

            if (run.AnchorId is { } a)
            {
                _anchors.Add(a);
            }

            if (run.NoteId is { } n && !_notes.Contains(n))
            {
                _notes.Add(n);
            }

            if (p.GlyphEnd == p.GlyphStart)
            {
                return;
            }

            if (_curRun != p.Run || _lastGlyphEnd != p.GlyphStart)
            {
                Flush();
                _curRun = p.Run;
                _charStart = p.CharStart;
                _runX = x;
            }

            var size = run.Style.Size;
            var gx = x - _runX;
            for (var g = p.GlyphStart; g < p.GlyphEnd; g++)
            {
                var glyph = run.Glyphs[g];
                _glyphs.Add(glyph.Id);
                _offsets.Add(gx + (glyph.XOffset * size));
                gx += (glyph.Advance * size) + (g < p.GlyphEnd - 1 ? perGap : 0);
            }

            _charEnd = p.CharEnd;
            _lastGlyphEnd = p.GlyphEnd;
            _endX = _runX + gx;
        }

        public void Break() => Flush();

        public void AddHyphen(double x)
        {
            var run = _curRun >= 0 ? runs[_curRun] : runs[0];
            Flush();
            var hyphen = run.Style.Face.Shape("-", "en");
            if (hyphen.Length == 1)
            {
                _placed.Add(new PlacedRun(x, run.Style.Rise, run.Style.Face, run.Style.Size, [hyphen[0].Id], [0], "-", [0]));
                if (run.Style.Strike && _striking && _strikes.Count > 0)
                {
                    // A struck word broken at the line's end: the hyphen is struck with it, as the EPUB's del shows.
                    _strikes[^1] = _strikes[^1] with { Width = x + (hyphen[0].Advance * run.Style.Size) - _strikes[^1].X };
                }
            }
        }

        private void Flush()
        {
            if (_curRun < 0 || _glyphs.Count == 0)
            {
                _curRun = -1;
                _lastGlyphEnd = -1;
                return;
            }

            var run = runs[_curRun];
            var text = run.Text[_charStart.._charEnd];
            var clusters = new int[_glyphs.Count];
            var gi = 0;
            for (var g = 0; g < run.Glyphs.Length && gi < clusters.Length; g++)
            {
                var c = run.Glyphs[g].Cluster;
                if (c >= _charStart && c < _charEnd)
                {
                    clusters[gi++] = c - _charStart;
                }
            }

            var (glyphs, offsets) = (_glyphs.ToArray(), _offsets.ToArray());
            if (text.Contains('\u00AD', StringComparison.Ordinal))
            {
                (text, glyphs, offsets, clusters) = WithoutSoftHyphens(text, glyphs, offsets, clusters);
            }

            _placed.Add(new PlacedRun(_runX, run.Style.Rise, run.Style.Face, run.Style.Size, glyphs, offsets, text, clusters));
            if (run.Style.LinkAnchor is not null || run.Style.LinkUrl is not null)
            {
                _links.Add(new PlacedLink(_runX, _endX - _runX, run.Style.LinkAnchor, run.Style.LinkUrl));
            }

            if (run.Style.Strike)
            {
                // Through the middle of the lowercase letters, as thick as a light rule at this size.
                var y = run.Style.Rise + (run.Style.Face.XHeight * run.Style.Size / 2);
                // It continues the last one when the space between is struck too: the same run, or runs that are all
                // struck ("~~a~~ ~~b~~" has an unstruck space between, and two strikes).
                var continues = _striking && _strikes.Count > 0 && Enumerable.Range(_strikeRun + 1, Math.Max(0, _curRun - _strikeRun - 1))
                    .All(k => runs[k].Style.Strike || runs[k].Text.Length == 0);
                var strike = continues
                    ? _strikes[^1] with { Width = _endX - _strikes[^1].X }
                    : new PlacedStrike(_runX, _endX - _runX, y, Math.Max(0.4, run.Style.Size * 0.05));
                _strikeRun = _curRun;
                if (continues)
                {
                    _strikes[^1] = strike;
                }
                else
                {
                    _strikes.Add(strike);
                }
            }

            _striking = run.Style.Strike;

            _glyphs.Clear();
            _offsets.Clear();
            _curRun = -1;
            _lastGlyphEnd = -1;
        }

        /// <summary>
        /// A soft hyphen the line was not broken at is invisible: HarfBuzz gives it a blank glyph of no width. It is
        /// taken out of the placed text and glyphs, so that text copied or searched in the PDF reads "Antifascist",
        /// not "Anti\u00ADfascist" (pdftotext and viewers keep the character, and a search for the word then fails).
        /// </summary>
        private static (string Text, ushort[] Glyphs, double[] Offsets, int[] Clusters) WithoutSoftHyphens(string text, ushort[] glyphs, double[] offsets, int[] clusters)
        {
            // before[i]: how many soft hyphens come before character i, to move each cluster back by.
            var before = new int[text.Length + 1];
            for (var i = 0; i < text.Length; i++)
            {
                before[i + 1] = before[i] + (text[i] == '\u00AD' ? 1 : 0);
            }

            var keep = Enumerable.Range(0, glyphs.Length).Where(g => clusters[g] >= text.Length || text[clusters[g]] != '\u00AD').ToArray();
            return (text.Replace("\u00AD", "", StringComparison.Ordinal),
                [.. keep.Select(g => glyphs[g])],
                [.. keep.Select(g => offsets[g])],
                [.. keep.Select(g => clusters[g] - before[Math.Min(clusters[g], text.Length)])]);
        }

        public LaidLine Finish(double width, bool hyphenated, double ratio, bool overfull)
        {
            Flush();
            return new LaidLine(width, [.. _placed], [.. _links], [.. _anchors], [.. _notes], hyphenated, ratio, overfull) { StartOffset = _startOffset, Strikes = [.. _strikes] };
        }
    }
}

/// <summary>What setting a paragraph found wrong with it.</summary>
public enum LineWarningKind
{
    /// <summary>A character no font of the paragraph can show.</summary>
    MissingGlyph,

    /// <summary>A word wider than the line, broken by force.</summary>
    OverlongWord,

    /// <summary>A justified line whose word spaces had to open far wider than they should.</summary>
    LooseLine,
}

/// <summary>A warning from setting one paragraph: its kind, the message, and the text it is about.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Message">The message for the author.</param>
/// <param name="Subject">The character or word, so the warning can point at it in the source.</param>
public sealed record LineWarning(LineWarningKind Kind, string Message, string Subject);
