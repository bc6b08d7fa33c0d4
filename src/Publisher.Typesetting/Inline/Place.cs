using System.Text;
using Publisher.Model;
using Publisher.Styles;
using Publisher.Typesetting.Fonts;
using Publisher.Typesetting.LineBreaking;

namespace Publisher.Typesetting.Inline;

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
/// Stage 5 of inline layout, place: takes the shaped runs, their items and the chosen breaks and returns the lines,
/// each a list of glyph runs positioned from the line's left edge, with its links, strikethroughs, anchors and note
/// citations. A justified line's glue is set by the breaker's adjustment ratio (Knuth and Plass 1981), part of it
/// as letter-spacing inside words; a ragged line is set at natural width and aligned. The hyphen of a
/// hyphenated line is added here, as TeX adds a discretionary's pre-break text only when the break is taken.
/// </summary>
internal static class Place
{
    /// <summary>
    /// Places the lines. <paramref name="warnings"/> holds what earlier stages found (a loose line before a word
    /// broken by force is that word's warning already) and gets a warning for each line set too loose.
    /// </summary>
    public static List<LaidLine> Lines(IReadOnlyList<ShapedRun> runs, ParagraphItems paragraph, BreakResult result, ParagraphConfig config, List<LineWarning> warnings)
    {
        var (items, pieces) = (paragraph.Items, paragraph.Pieces);
        var lines = new List<LaidLine>();
        var start = 0;
        for (var li = 0; li < result.Lines.Count; li++)
        {
            var (brk, ratio) = result.Lines[li];
            var continuation = config.Align != TextAlign.Justify && li > 0 && !items[result.Lines[li - 1].Break].IsForced ? config.ContinuationIndent : 0;
            var target = config.Measure - continuation;
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
            x = Math.Max(0, x) + config.LeftIndent + continuation;

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

            start = Item.LineStartAfter(items, brk);
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
    private static bool BeforeOverlongWord(IReadOnlyList<ShapedRun> runs, List<Item> items, List<Piece?> pieces, int brk, List<LineWarning> warnings)
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
    private static string LineText(IReadOnlyList<ShapedRun> runs, List<Item> items, List<Piece?> pieces, int start, int end)
    {
        var text = new StringBuilder();
        for (var k = start; k < end; k++)
        {
            if (items[k].Kind == ItemKind.Glue && text.Length > 0 && text[^1] != ' ')
            {
                text.Append(' ');
            }
            else if (pieces[k] is { } p && !runs[p.Run].Run.Generated)
            {
                text.Append(runs[p.Run].Text.AsSpan(p.CharStart, p.CharEnd - p.CharStart));
            }
        }

        return text.ToString().Replace("\u00AD", "", StringComparison.Ordinal).Trim();
    }

    /// <summary>Accumulates a line's placed runs, merging consecutive glyphs of one run into one glyph run.</summary>
    private sealed class LineBuilder(IReadOnlyList<ShapedRun> runs)
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
            var shaped = runs[p.Run];
            var run = shaped.Run;
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
                var glyph = shaped.Glyphs[g];
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
