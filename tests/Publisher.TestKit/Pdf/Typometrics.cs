using System.Text.RegularExpressions;

namespace Publisher.TestKit.Pdf;

/// <summary>What <see cref="Typometrics.Measure"/> may be told instead of finding it out.</summary>
public sealed record TypometricsOptions
{
    /// <summary>Pages before this one (1-based, physical) are left out: no rule looks at them.</summary>
    public int FirstBodyPage { get; init; } = 1;

    /// <summary>The text block's right edge on odd pages, in points from the left of the page; found when null.</summary>
    public double? TextRightRecto { get; init; }

    /// <summary>The text block's right edge on even pages; found when null.</summary>
    public double? TextRightVerso { get; init; }

    /// <summary>The natural word space at the body size, in points; measured from ragged lines when null.</summary>
    public double? NaturalSpace { get; init; }

    /// <summary>How close to the right edge a line must end to count as flush, and how far past it to count as overfull.</summary>
    public double FlushTolerance { get; init; } = 0.5;

    /// <summary>A justified line is loose when its mean word space exceeds this multiple of the natural space.</summary>
    public double LooseRatio { get; init; } = 1.5;
}

/// <summary>A justified line and its mean word space as a multiple of the natural space.</summary>
public sealed record SpacedLine(int Page, string Text, double Ratio);

/// <summary>A line that a page-breaking rule names: a widow, an orphan or a stranded heading.</summary>
public sealed record PageLine(int Page, string Text);

/// <summary>A line that runs past the text block's right edge by <paramref name="Excess"/> points.</summary>
public sealed record OverfullLine(int Page, string Text, double Excess);

/// <summary>Consecutive lines of one paragraph that all end with a hyphen, starting on <paramref name="Page"/>.</summary>
public sealed record HyphenRun(int Page, IReadOnlyList<string> Lines)
{
    /// <summary>How many lines in a row.</summary>
    public int Length => Lines.Count;
}

/// <summary>Everything <see cref="Typometrics.Measure"/> found; the README of tests/Publisher.Metrics defines each figure.</summary>
public sealed record TypometricsReport
{
    /// <summary>Pages looked at.</summary>
    public required int Pages { get; init; }

    /// <summary>The body text's word-box height in points (the most common one): it stands for the body size.</summary>
    public required double BodyHeight { get; init; }

    /// <summary>The distance between baselines of consecutive body lines (the leading), in points.</summary>
    public required double LinePitch { get; init; }

    /// <summary>The text block's left edge on odd pages, as found.</summary>
    public required double TextLeftRecto { get; init; }

    /// <summary>The text block's right edge on odd pages, as found or given.</summary>
    public required double TextRightRecto { get; init; }

    /// <summary>The text block's left edge on even pages, as found.</summary>
    public required double TextLeftVerso { get; init; }

    /// <summary>The text block's right edge on even pages, as found or given.</summary>
    public required double TextRightVerso { get; init; }

    /// <summary>The natural word space at the body size, in points.</summary>
    public required double NaturalSpace { get; init; }

    /// <summary>How many word spaces <see cref="NaturalSpace"/> is the median of (0 when it was given).</summary>
    public required int NaturalSpaceSamples { get; init; }

    /// <summary>Justified lines measured.</summary>
    public required int JustifiedLines { get; init; }

    /// <summary>The mean over justified lines of their mean word space, as a multiple of the natural space.</summary>
    public required double MeanSpaceRatio { get; init; }

    /// <summary>The justified lines whose mean word space exceeds the loose ratio, loosest first.</summary>
    public required IReadOnlyList<SpacedLine> LooseLines { get; init; }

    /// <summary>The loosest justified line, or null when there is none.</summary>
    public required SpacedLine? Worst { get; init; }

    /// <summary>The ratio <see cref="LooseLines"/> were counted against.</summary>
    public required double LooseRatio { get; init; }

    /// <summary>Justified lines that end with a hyphen, the word going on in the next line.</summary>
    public required int HyphenatedLines { get; init; }

    /// <summary>The longest run of consecutive hyphenated lines.</summary>
    public required int LongestHyphenRun { get; init; }

    /// <summary>Runs of more than two consecutive hyphenated lines.</summary>
    public required IReadOnlyList<HyphenRun> HyphenRunsOverTwo { get; init; }

    /// <summary>Lines past the text block's right edge.</summary>
    public required IReadOnlyList<OverfullLine> Overfull { get; init; }

    /// <summary>Last lines of paragraphs alone at the top of a page.</summary>
    public required IReadOnlyList<PageLine> Widows { get; init; }

    /// <summary>First lines of paragraphs alone at the foot of a page.</summary>
    public required IReadOnlyList<PageLine> Orphans { get; init; }

    /// <summary>Headings that are the last text line of their page.</summary>
    public required IReadOnlyList<PageLine> StrandedHeadings { get; init; }

    /// <summary>The share of justified lines past the loose ratio, 0–1.</summary>
    public double ShareLoose => JustifiedLines == 0 ? 0 : (double)LooseLines.Count / JustifiedLines;
}

/// <summary>The targets the product guide sets for the sample book (Pandoc + XeLaTeX: 2.9 % past 1.5×, worst 2.03×).</summary>
public static class TypometricsTargets
{
    /// <summary>At most this share of justified lines past 1.5× the natural space.</summary>
    public const double MaxShareLoose = 0.025;

    /// <summary>The loosest line at most this multiple of the natural space.</summary>
    public const double MaxWorstRatio = 2.0;

    /// <summary>No more than this many hyphenated lines in a row.</summary>
    public const int MaxHyphenRun = 2;
}

/// <summary>
/// Typographic measurements of a typeset PDF from its word boxes alone, so that any PDF can be measured the same way
/// (ours and XeLaTeX's). The rules are defined in tests/Publisher.Metrics/README.md; the comments here say why each
/// step is done the way it is.
/// </summary>
public static partial class Typometrics
{
    /// <summary>Reads <paramref name="pdf"/> with pdftotext and measures it.</summary>
    public static TypometricsReport Measure(string pdf, TypometricsOptions? options = null) =>
        Measure(BboxLayout.Read(pdf), options);

    /// <summary>Measures pages of word boxes.</summary>
    public static TypometricsReport Measure(IReadOnlyList<LayoutPage> pages, TypometricsOptions? options = null) =>
        new Analysis(pages, options ?? new TypometricsOptions()).Report();

    /// <summary>
    /// Every line the measurement saw, page by page, with what it took each for: for checking a figure by eye.
    /// Flags: <c>f</c> furniture (running head, folio), <c>n</c> footnote, <c>b</c> body size, <c>h</c> heading,
    /// <c>c</c> continued (flows into the next line of its paragraph), <c>r</c> ragged (a natural-space sample).
    /// </summary>
    public static string Explain(IReadOnlyList<LayoutPage> pages, TypometricsOptions? options = null) =>
        new Analysis(pages, options ?? new TypometricsOptions()).Explain();

    /// <summary>A word or a run of words that the tool treats as one: the unit between two word spaces.</summary>
    private sealed record Token(double XMin, double XMax, string Text);

    /// <summary>A visual line: poppler's lines on one baseline, with superscripts folded in.</summary>
    private sealed class Line(int page, List<LayoutWord> words, int pieces)
    {
        public int Page { get; } = page;

        public List<LayoutWord> Words { get; } = words;

        /// <summary>How many poppler lines of the line's own size were joined: more than one means columns.</summary>
        public int Pieces { get; set; } = pieces;

        public List<Token> Tokens { get; set; } = [];

        public double XMin => Words.Min(w => w.XMin);

        public double XMax => Words.Max(w => w.XMax);

        /// <summary>The median word height: superscripts and other small words do not move it.</summary>
        public double Height { get; set; }

        /// <summary>The median bottom of the full-size words: the baseline plus a descent fixed by the size.</summary>
        public double YMax { get; set; }

        public double YMin { get; set; }

        public bool Leaders { get; set; }

        public bool Furniture { get; set; }

        public bool Footnote { get; set; }

        public bool Body { get; set; }

        public bool Heading { get; set; }

        public Line? Prev { get; set; }

        public Line? Next { get; set; }

        public bool Continued { get; set; }

        /// <summary>Body size, one column, no dot leaders: a line that can belong to a paragraph of running text.</summary>
        public bool RunningText => Body && Pieces == 1 && !Leaders;

        public string Text => string.Join(' ', Tokens.Select(t => t.Text));

        public IEnumerable<double> Gaps()
        {
            for (var i = 1; i < Tokens.Count; i++)
            {
                yield return Tokens[i].XMin - Tokens[i - 1].XMax;
            }
        }

        public void Refresh()
        {
            Words.Sort((a, b) => a.XMin.CompareTo(b.XMin));
            Height = Median(Words.Select(w => w.Height));
            var full = Words.Where(w => Math.Abs(w.Height - Height) <= 0.1 * Height).ToList();
            if (full.Count == 0)
            {
                // Two words of different sizes: the median lies between them and matches neither.
                full = Words;
            }

            YMax = Median(full.Select(w => w.YMax));
            YMin = Median(full.Select(w => w.YMin));
        }
    }

    private sealed class Analysis
    {
        private readonly TypometricsOptions _o;
        private readonly List<List<Line>> _pages = [];
        private readonly List<int> _numbers = [];
        private readonly double _hb;
        private readonly double _pitch;
        private readonly (double Left, double Right) _recto;
        private readonly (double Left, double Right) _verso;
        private readonly double _space;
        private readonly int _spaceSamples;
        private readonly List<Line> _chain = [];
        private readonly Dictionary<Line, (Line? First, Line? Last)> _ends = [];

        public Analysis(IReadOnlyList<LayoutPage> pages, TypometricsOptions o)
        {
            _o = o;
            var used = pages.Where(p => p.Number >= o.FirstBodyPage).ToList();
            var allWords = used.SelectMany(p => p.Lines).SelectMany(l => l.Words).ToList();

            // The body size is the size most words are set in; every other size is measured against it.
            _hb = allWords.Count == 0 ? double.NaN : Mode(allWords.Select(w => w.Height), 0.05);
            foreach (var p in used)
            {
                _numbers.Add(p.Number);
                _pages.Add(BuildLines(p));
            }

            foreach (var line in _pages.SelectMany(l => l))
            {
                line.Body = Math.Abs(line.Height / _hb - 1) <= 0.025;
                Tokenise(line);
            }

            _pitch = FindPitch();
            _recto = Edges(1, o.TextRightRecto);
            _verso = Edges(0, o.TextRightVerso);
            MarkFurniture();
            MarkFootnotes();
            Chain();
            MarkHeadings();
            (_space, _spaceSamples) = o.NaturalSpace is { } given ? (given, 0) : NaturalSpace();
        }

        private (double Left, double Right) EdgesOf(Line l) => l.Page % 2 == 1 ? _recto : _verso;

        private int PageIndex(Line l) => _numbers.IndexOf(l.Page);

        /// <summary>
        /// Joins poppler's lines into visual lines. Poppler puts a superscript note number on a line of its own when
        /// its box does not overlap the text's, and splits a line at a wide gap (table cells, a contents entry's
        /// number). Bigger lines are placed first so that small ones can be folded into the line they sit in.
        /// </summary>
        private static List<Line> BuildLines(LayoutPage page)
        {
            var pieces = page.Lines.Select(l => new Line(page.Number, [.. l.Words], 1)).ToList();
            pieces.ForEach(p => p.Refresh());
            var lines = new List<Line>();
            foreach (var piece in pieces.OrderByDescending(p => p.Height).ThenBy(p => p.YMax))
            {
                var same = lines.FirstOrDefault(l =>
                    Math.Abs(l.Height - piece.Height) <= 0.05 * l.Height
                    && Math.Abs(l.YMax - piece.YMax) <= 1.0
                    && !Overlaps(l, piece));
                if (same is not null)
                {
                    same.Words.AddRange(piece.Words);
                    same.Pieces++;
                    same.Refresh();
                    continue;
                }

                var centre = (piece.YMin + piece.YMax) / 2;
                var host = lines
                    .Where(l => piece.Height < 0.9 * l.Height && centre >= l.YMin && centre <= l.YMax && !Overlaps(l, piece))
                    .OrderBy(l => Math.Abs((l.YMin + l.YMax) / 2 - centre))
                    .FirstOrDefault();
                if (host is not null)
                {
                    host.Words.AddRange(piece.Words);
                    host.Refresh();
                    continue;
                }

                lines.Add(piece);
            }

            lines.Sort((a, b) => a.YMax != b.YMax ? a.YMax.CompareTo(b.YMax) : a.XMin.CompareTo(b.XMin));
            return lines;

            static bool Overlaps(Line a, Line b) =>
                a.Words.Any(x => b.Words.Any(y => x.XMin < y.XMax - 0.5 && y.XMin < x.XMax - 0.5));
        }

        /// <summary>
        /// Cuts a line into the units between word spaces. A word smaller than the line (a note number) belongs to the
        /// word before it, so the space after the number is a word space and the number itself is not. Words closer
        /// than 6 % of the box height (about 0.1 em) are one word that poppler split at a font change, or a kern.
        /// </summary>
        private static void Tokenise(Line line)
        {
            var tokens = new List<Token>();
            var pending = "";
            var pendingX = double.NaN;
            foreach (var w in line.Words)
            {
                var small = w.Height < 0.9 * line.Height;
                if (tokens.Count > 0 && (small || w.XMin - tokens[^1].XMax < 0.06 * line.Height))
                {
                    var t = tokens[^1];
                    tokens[^1] = new Token(t.XMin, Math.Max(t.XMax, w.XMax), t.Text + w.Text);
                }
                else if (small)
                {
                    pending += w.Text;
                    pendingX = double.IsNaN(pendingX) ? w.XMin : pendingX;
                }
                else
                {
                    tokens.Add(new Token(double.IsNaN(pendingX) ? w.XMin : Math.Min(pendingX, w.XMin), w.XMax, pending + w.Text));
                    pending = "";
                    pendingX = double.NaN;
                }
            }

            if (pending.Length > 0)
            {
                tokens.Add(new Token(pendingX, line.Words.Max(w => w.XMax), pending));
            }

            line.Tokens = tokens;
            line.Leaders = tokens.Count(t => t.Text.Length > 0 && t.Text.All(c => c == '.')) >= 3;
        }

        /// <summary>The leading: the most common distance between the baselines of body lines one above the other.</summary>
        private double FindPitch()
        {
            var steps = new List<double>();
            foreach (var page in _pages)
            {
                var body = page.Where(l => l.Body).ToList();
                for (var i = 1; i < body.Count; i++)
                {
                    var d = body[i].YMax - body[i - 1].YMax;
                    if (d > 0.5 * _hb && d < 2 * _hb)
                    {
                        steps.Add(d);
                    }
                }
            }

            return steps.Count == 0 ? double.NaN : Mode(steps, 0.25);
        }

        /// <summary>
        /// The text block's edges on pages of one parity (1 odd, 0 even): the most common left and right ends of body
        /// lines there. Margins mirror, so each parity has one block; taking the most common value rather than the
        /// extreme keeps an overfull line from moving the edge it is measured against.
        /// </summary>
        private (double Left, double Right) Edges(int parity, double? right)
        {
            var lines = _pages.Where((_, i) => _numbers[i] % 2 == parity).SelectMany(p => p)
                .Where(l => l.RunningText && l.Tokens.Count >= 2).ToList();
            if (lines.Count == 0)
            {
                // No text on pages of this parity: fall back on the other parity's lines rather than on nothing.
                lines = [.. _pages.SelectMany(p => p).Where(l => l.RunningText && l.Tokens.Count >= 2)];
            }

            var left = lines.Count == 0 ? double.NaN : Mode(lines.Select(l => l.XMin), 0.25);
            return (left, right ?? (lines.Count == 0 ? double.NaN : Mode(lines.Select(l => l.XMax), 0.25)));
        }

        /// <summary>
        /// Running heads and folios. The text block runs from the highest to the lowest body line that has a body line
        /// one pitch below (above) it, which a running head or a folio never has. Lines more than half a pitch above
        /// it, or a pitch and a half below it, are furniture, and so is a lone page number at the foot of a page.
        /// </summary>
        private void MarkFurniture()
        {
            var top = double.PositiveInfinity;
            var bottom = double.NegativeInfinity;
            foreach (var page in _pages)
            {
                var body = page.Where(l => l.Body).ToList();
                for (var i = 1; i < body.Count; i++)
                {
                    if (Math.Abs(body[i].YMax - body[i - 1].YMax - _pitch) <= 1.0)
                    {
                        top = Math.Min(top, body[i - 1].YMax);
                        bottom = Math.Max(bottom, body[i].YMax);
                    }
                }
            }

            // With no two body lines one pitch apart there is no text block to measure against: only the folio rule applies.
            var banded = !double.IsInfinity(top);
            foreach (var page in _pages)
            {
                foreach (var l in page)
                {
                    l.Furniture = banded && (l.YMax < top - 0.5 * _pitch || l.YMax > bottom + 1.5 * _pitch);
                }

                var rest = page.Where(l => !l.Furniture).ToList();
                if (rest.Count > 0 && rest[^1].Tokens.Count == 1 && PageNumber().IsMatch(rest[^1].Text)
                    && (rest.Count == 1 || rest[^1].YMin > rest[^2].YMax))
                {
                    rest[^1].Furniture = true;
                }
            }
        }

        /// <summary>
        /// Footnotes: the trailing lines of a page set smaller than the body, from the first of them that starts with a
        /// note number or mark. A table at the foot of a page is small too, but its rows above the first numbered one
        /// stay text, so a heading above a table is not mistaken for the last line of the page.
        /// </summary>
        private void MarkFootnotes()
        {
            foreach (var page in _pages)
            {
                var text = page.Where(l => !l.Furniture).ToList();
                var start = text.Count;
                while (start > 0 && text[start - 1].Height < _hb * 0.975)
                {
                    start--;
                }

                var first = Enumerable.Range(start, text.Count - start).FirstOrDefault(i => StartsWithMark(text[i]), -1);
                if (first < 0)
                {
                    continue;
                }

                for (var i = first; i < text.Count; i++)
                {
                    text[i].Footnote = true;
                }
            }

            // A table row is made of several poppler lines (its cells) and may start with a number too; a note is one.
            static bool StartsWithMark(Line l) =>
                l.Pieces == 1 && l.Words.Count > 0 && (l.Words[0].Height < 0.9 * l.Height || NoteMark().IsMatch(l.Words[0].Text));
        }

        /// <summary>
        /// Links the text lines (not furniture, not footnotes) in reading order across pages and decides which flow
        /// into the next line of the same paragraph: a flush-right body line followed, one pitch lower or at the top of
        /// the next page, by a body line that starts at the left edge, not indented.
        /// </summary>
        private void Chain()
        {
            for (var i = 0; i < _pages.Count; i++)
            {
                var text = _pages[i].Where(l => !l.Furniture && !l.Footnote).ToList();
                foreach (var l in text)
                {
                    _ends[l] = (text[0], text[^1]);
                }

                _chain.AddRange(text);
            }

            for (var i = 0; i < _chain.Count; i++)
            {
                _chain[i].Prev = i > 0 ? _chain[i - 1] : null;
                _chain[i].Next = i + 1 < _chain.Count ? _chain[i + 1] : null;
            }

            foreach (var a in _chain)
            {
                var b = a.Next;
                if (b is null || !a.RunningText || !b.RunningText || !Flush(a))
                {
                    continue;
                }

                var indent = b.XMin - EdgesOf(b).Left;
                if (indent > 1.0)
                {
                    continue;
                }

                a.Continued = b.Page == a.Page
                    ? Math.Abs(b.YMax - a.YMax - _pitch) <= 1.0
                    : PageIndex(b) == PageIndex(a) + 1 && b.Page == a.Page + 1 && IsLast(a) && IsFirst(b);
            }
        }

        private bool IsFirst(Line l) => _ends.TryGetValue(l, out var e) && e.First == l;

        private bool IsLast(Line l) => _ends.TryGetValue(l, out var e) && e.Last == l;

        private bool Flush(Line l) => l.XMax >= EdgesOf(l).Right - _o.FlushTolerance;

        /// <summary>
        /// A heading is a text line set larger than the body, or a body-size line centred in the measure with at least
        /// 1.2 box heights (about two ems) free on each side: a short last line of a paragraph is never both.
        /// </summary>
        private void MarkHeadings()
        {
            foreach (var l in _chain)
            {
                var (left, right) = EdgesOf(l);
                var li = l.XMin - left;
                var ri = right - l.XMax;
                var centred = li >= 1.2 * _hb && ri >= 1.2 * _hb && Math.Abs(li - ri) <= 2.0;
                l.Heading = l.Height > _hb * 1.025 || (l.Body && !l.Leaders && centred);
            }
        }

        /// <summary>
        /// The natural space: the median word space on ragged body lines (the last lines of paragraphs and any
        /// unjustified line), which every engine sets at the font's own space. The median ignores the few wider spaces
        /// after sentences that some engines add.
        /// </summary>
        private (double Space, int Samples) NaturalSpace()
        {
            var gaps = _chain.Where(IsNatural).SelectMany(l => l.Gaps()).ToList();
            return gaps.Count == 0 ? (double.NaN, 0) : (Median(gaps), gaps.Count);
        }

        public string Explain()
        {
            var sb = new System.Text.StringBuilder();
            foreach (var page in _pages)
            {
                foreach (var l in page)
                {
                    var flags = string.Concat(
                        l.Furniture ? "f" : "-", l.Footnote ? "n" : "-", l.Body ? "b" : "-", l.Heading ? "h" : "-",
                        l.Continued ? "c" : "-", IsNatural(l) ? "r" : "-", l.Pieces > 1 ? "m" : "-", l.Leaders ? "l" : "-");
                    var ratio = l.Continued && l.Tokens.Count >= 2 ? (l.Gaps().Average() / _space).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "    ";
                    sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{l.Page,4} {flags} {l.XMin,7:0.00} {l.XMax,7:0.00} {l.YMax,7:0.00} {l.Height,6:0.00} {ratio} {l.Text}\n");
                }
            }

            return sb.ToString();
        }

        private bool IsNatural(Line l) => l.RunningText && !l.Continued && l.Tokens.Count >= 2 && !Flush(l) && !l.Furniture && !l.Footnote;

        public TypometricsReport Report()
        {
            var justified = _chain.Where(l => l.Continued && l.Tokens.Count >= 2)
                .Select(l => new SpacedLine(l.Page, l.Text, l.Gaps().Average() / _space))
                .ToList();
            var loose = justified.Where(l => l.Ratio > _o.LooseRatio).OrderByDescending(l => l.Ratio).ToList();

            var runs = new List<HyphenRun>();
            var hyphenated = 0;
            var longest = 0;
            var current = new List<Line>();
            foreach (var l in _chain)
            {
                if (Hyphenated(l))
                {
                    hyphenated++;
                    current.Add(l);
                    longest = Math.Max(longest, current.Count);
                    if (l.Next is not null && Hyphenated(l.Next))
                    {
                        continue; // a hyphenated line is continued, so its next line is the same paragraph's
                    }
                }

                if (current.Count > TypometricsTargets.MaxHyphenRun)
                {
                    runs.Add(new HyphenRun(current[0].Page, [.. current.Select(c => c.Text)]));
                }

                current = [];
            }

            var overfull = _pages.SelectMany(p => p).Where(l => !l.Furniture && l.XMax > EdgesOf(l).Right + _o.FlushTolerance)
                .Select(l => new OverfullLine(l.Page, l.Text, l.XMax - EdgesOf(l).Right)).ToList();

            var widows = new List<PageLine>();
            var orphans = new List<PageLine>();
            var stranded = new List<PageLine>();
            foreach (var l in _chain)
            {
                // Widow: the first text line of a page ends a paragraph that began on the page before.
                if (IsFirst(l) && l.Prev is { Continued: true } && l.Prev.Page != l.Page && !l.Continued)
                {
                    widows.Add(new PageLine(l.Page, l.Text));
                }

                // Orphan: the last text line of a page begins a paragraph that goes on over the page.
                if (IsLast(l) && l.Continued && l.Next is not null && l.Next.Page != l.Page && l.Prev is not { Continued: true })
                {
                    orphans.Add(new PageLine(l.Page, l.Text));
                }

                // Stranded: the last text line of a page of text is a heading, and what it heads starts overleaf.
                if (IsLast(l) && l.Heading && l.Next is { Heading: false } && l.Next.Page != l.Page
                    && _chain.Any(o => o.Page == l.Page && o != l && o.RunningText && !o.Heading))
                {
                    stranded.Add(new PageLine(l.Page, l.Text));
                }
            }

            return new TypometricsReport
            {
                Pages = _pages.Count,
                BodyHeight = _hb,
                LinePitch = _pitch,
                TextLeftRecto = _recto.Left,
                TextRightRecto = _recto.Right,
                TextLeftVerso = _verso.Left,
                TextRightVerso = _verso.Right,
                NaturalSpace = _space,
                NaturalSpaceSamples = _spaceSamples,
                JustifiedLines = justified.Count,
                MeanSpaceRatio = justified.Count == 0 ? double.NaN : justified.Average(l => l.Ratio),
                LooseLines = loose,
                Worst = justified.OrderByDescending(l => l.Ratio).FirstOrDefault(),
                LooseRatio = _o.LooseRatio,
                HyphenatedLines = hyphenated,
                LongestHyphenRun = longest,
                HyphenRunsOverTwo = runs,
                Overfull = overfull,
                Widows = widows,
                Orphans = orphans,
                StrandedHeadings = stranded,
            };
        }

        /// <summary>A line that flows on and whose last word ends in a hyphen after a letter: a word broken over the line.</summary>
        private static bool Hyphenated(Line l)
        {
            if (!l.Continued || l.Tokens.Count == 0)
            {
                return false;
            }

            var t = l.Tokens[^1].Text;
            return t.Length >= 2 && (t[^1] is '-' or '\u2010' or '\u00AD') && char.IsLetter(t[^2]);
        }
    }

    /// <summary>The value most of <paramref name="values"/> sit near: the fullest bin, then the mean of the values within a bin of it.</summary>
    private static double Mode(IEnumerable<double> values, double bin)
    {
        var list = values.ToList();
        var best = list.GroupBy(v => Math.Round(v / bin)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key * bin;
        return list.Where(v => Math.Abs(v - best) <= bin).Average();
    }

    private static double Median(IEnumerable<double> values)
    {
        var s = values.Order().ToList();
        return s.Count == 0 ? double.NaN : s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>A folio: arabic or roman numerals alone.</summary>
    [GeneratedRegex("^([0-9]+|[ivxlcdm]+|[IVXLCDM]+)$")]
    private static partial Regex PageNumber();

    /// <summary>The start of a footnote: its number (with or without a point or bracket) or a reference mark.</summary>
    [GeneratedRegex(@"^([0-9]+[.)]?|[*†‡§¶]+)$")]
    private static partial Regex NoteMark();
}
