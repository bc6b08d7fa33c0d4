using Publisher.Styles;
using Publisher.Typesetting.LineBreaking;

namespace Publisher.Typesetting.Inline;

/// <summary>A paragraph as the line breaker sees it, and what each item shows.</summary>
/// <param name="Items">Boxes, glue and penalties (Knuth and Plass's model).</param>
/// <param name="Pieces">For each item, the glyphs of a box (null for glue, penalties and the indent).</param>
/// <param name="Warnings">What building them found: words too wide for any line, broken by force.</param>
internal sealed record ParagraphItems(List<Item> Items, List<Piece?> Pieces, List<LineWarning> Warnings);

/// <summary>
/// Stage 3 of inline layout, items: takes the shaped runs and returns the paragraph as boxes (words, and pieces of
/// words between break points), glue (word spaces) and penalties (break points), after D. E. Knuth and M. F. Plass,
/// "Breaking Paragraphs into Lines" (1981). The break opportunities are a small part of UAX #14 (Unicode Line
/// Breaking): spaces, after a hyphen, dash or slash followed by a letter or digit, the author's soft hyphens, and the
/// hyphenation patterns' points (F. M. Liang, "Word Hy-phen-a-tion by Com-put-er", 1983). One inside a word is kept
/// only where HarfBuzz says the glyphs may be cut; one that falls inside a ligature is reported to the caller, which
/// makes it a discretionary (<see cref="Discretionaries"/>). A word wider than any line is split between glyphs.
/// </summary>
internal static class Itemize
{
    /// <summary>Penalty for a hyphenation point. Higher than the paper's 50: typst found 50 hyphenates too eagerly, and so did we.</summary>
    internal const double HyphenPenalty = 100;

    /// <summary>Penalty for breaking after an explicit hyphen or dash in the text (TeX's \exhyphenpenalty).</summary>
    internal const double ExplicitHyphenPenalty = 50;

    /// <summary>
    /// Letter-spacing a justified line may add between the glyphs of a word, per gap, in em (12/1000 em), and take
    /// away (5/1000 em). Spreading a little of the slack into the words keeps word spaces even, as font expansion
    /// does in pdfTeX's microtype (Hàn Thế Thành 2000); the amounts stay below what a reader notices.
    /// </summary>
    private const double LetterStretch = 0.012;
    private const double LetterShrink = 0.005;

    /// <summary>
    /// Builds the items. <paramref name="letterFactor"/> scales how much words may letter-space; hyphenation points
    /// inside a ligature are added to <paramref name="hiddenBreaks"/> (run, character) when it is given.
    /// </summary>
    public static ParagraphItems Paragraph(IReadOnlyList<ShapedRun> runs, ParagraphConfig config, double letterFactor = 1, HashSet<(int Run, int Char)>? hiddenBreaks = null)
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
            if (run.Run.ForcedBreak)
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
                pieces.Add(new Piece(r, 0, 0, 0, 0));
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
        var warnings = new List<LineWarning>();
        SplitOverlongBoxes(runs, items, pieces, Math.Min(config.Measure, config.Measure - config.ContinuationIndent), warnings);
        return new ParagraphItems(items, pieces, warnings);
    }

    private static bool IsLastWord(IReadOnlyList<ShapedRun> runs, int r, int glyphEnd)
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

    private static void AddWord(ShapedRun run, int r, int start, int end, List<Item> items, List<Piece?> pieces, ParagraphConfig config, bool lastWord, double letterFactor,
        HashSet<(int Run, int Char)>? hiddenBreaks)
    {
        var charStart = run.Glyphs[start].Cluster;
        var charEnd = run.CharEnd(end);
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
            pieces.Add(new Piece(r, pieceStart, gi, run.Glyphs[pieceStart].Cluster, charIndex));
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
        pieces.Add(new Piece(r, pieceStart, end, run.Glyphs[pieceStart].Cluster, charEnd));
    }

    /// <summary>A word's box; in justified text it may letter-space by a little between its glyphs.</summary>
    private static Item WordBox(ShapedRun run, int from, int to, ParagraphConfig config, double letterFactor)
    {
        var width = run.Width(from, to);
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
    private static void SplitOverlongBoxes(IReadOnlyList<ShapedRun> runs, List<Item> items, List<Piece?> pieces, double measure, List<LineWarning> warnings)
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
                    newPieces.Add(new Piece(piece.Run, s, g, run.Glyphs[s].Cluster, run.Glyphs[g].Cluster));
                    newItems.Add(Item.PenaltyItem(0, 0, false));
                    newPieces.Add(null);
                    s = g;
                    w = 0;
                }

                w += adv;
            }

            newItems.Add(Item.Box(w));
            newPieces.Add(new Piece(piece.Run, s, piece.GlyphEnd, run.Glyphs[s].Cluster, piece.CharEnd));
            items.RemoveAt(i);
            pieces.RemoveAt(i);
            items.InsertRange(i, newItems);
            pieces.InsertRange(i, newPieces);
            i += newItems.Count - 1;
        }
    }
}
