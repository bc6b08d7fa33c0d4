using Publisher.TestKit.Pdf;

namespace Publisher.UnitTests.Metrics;

/// <summary>
/// Builds pages of word boxes as pdftotext would report them for a 6 × 9 in book set 10.5/14: text block 63–387 pt
/// on odd pages and 45–369 pt on even ones, first baseline box bottom at 68.55 pt, a body-size running head above
/// it (as the LaTeX book class sets one) and a folio below. Word spaces are multiples of a 3 pt natural space, so a
/// test can set a line to exactly 1.6× and expect the tool to read 1.6×.
/// </summary>
internal sealed class SyntheticPages
{
    public const double BodyHeight = 17.18;
    public const double Pitch = 14;
    public const double Space = 3;
    public const double Indent = 13.125;
    private const double Top = 68.55;

    private readonly List<List<LayoutLine>> _pages = [];
    private double _y;
    private int _word;

    public SyntheticPages() => NewPage();

    /// <summary>The physical page number of the page being filled.</summary>
    public int Page => _pages.Count;

    private double Left => Page % 2 == 1 ? 63 : 45;

    private double Right => Left + 324;

    /// <summary>Starts the next page, with its running head.</summary>
    public SyntheticPages NewPage()
    {
        _pages.Add([]);
        _y = Top;
        // A running head in the body size, flush at both edges: what the LaTeX book class sets.
        _pages[^1].Add(new LayoutLine([Word(Left, Left + 10, 40.6, BodyHeight, "12"), Word(Right - 120, Right, 40.6, BodyHeight, "RUNNING HEAD")]));
        return this;
    }

    /// <summary>
    /// A paragraph: <paramref name="full"/> justified lines with word spaces of <paramref name="ratio"/> × natural
    /// (the first indented unless <paramref name="indent"/> is false), then a ragged last line set at natural spaces.
    /// </summary>
    public SyntheticPages Paragraph(int full = 4, double ratio = 1.0, bool indent = true, bool last = true)
    {
        for (var i = 0; i < full; i++)
        {
            Justified(ratio, indent: indent && i == 0);
        }

        return last ? Ragged() : this;
    }

    /// <summary>One justified line, flush at both edges, eight words; the last one's text can be given ("exam-").</summary>
    public SyntheticPages Justified(double ratio = 1.0, bool indent = false, string? lastWord = null, double overshoot = 0, bool superscript = false)
    {
        var left = Left + (indent ? Indent : 0);
        var right = Right + overshoot;
        const int n = 8;
        var gap = ratio * Space;
        var width = (right - left - (n - 1) * gap) / n;
        var words = new List<LayoutWord>();
        for (var i = 0; i < n; i++)
        {
            var x = left + i * (width + gap);
            var text = i == n - 1 && lastWord is not null ? lastWord : NextWord();
            if (superscript && i == 3)
            {
                // A note number after the fourth word: a small box touching it, then the word space.
                words.Add(Word(x, x + width - 4, _y, BodyHeight, text));
                words.Add(Word(x + width - 4, x + width, _y - 5, 10.65, "1"));
                continue;
            }

            words.Add(Word(x, x + width, _y, BodyHeight, text));
        }

        return Add(words);
    }

    /// <summary>A ragged line (a paragraph's last): five words at natural spaces, ending well short of the edge.</summary>
    public SyntheticPages Ragged(bool indent = false, string? lastWord = null)
    {
        var x = Left + (indent ? Indent : 0);
        var words = new List<LayoutWord>();
        for (var i = 0; i < 5; i++)
        {
            var text = i == 4 && lastWord is not null ? lastWord : NextWord();
            words.Add(Word(x, x + 30, _y, BodyHeight, text));
            x += 30 + Space;
        }

        return Add(words);
    }

    /// <summary>A centred heading in a larger size, with a blank line's space above it.</summary>
    public SyntheticPages Heading(string text = "A Heading", double height = 24)
    {
        _y += _pages[^1].Count > 1 ? Pitch : 0;
        var mid = (Left + Right) / 2;
        return Add([Word(mid - 60, mid + 60, _y + 2, height, text)]);
    }

    /// <summary>Contents entries: a title, dot leaders and a page number, flush at both edges.</summary>
    public SyntheticPages Leaders()
    {
        var words = new List<LayoutWord> { Word(Left, Left + 100, _y, BodyHeight, "Chapter") };
        for (var x = Left + 110; x < Right - 20; x += 6)
        {
            words.Add(Word(x, x + 2, _y, BodyHeight, "."));
        }

        words.Add(Word(Right - 10, Right, _y, BodyHeight, "7"));
        return Add(words);
    }

    /// <summary>A footnote line at the foot of the text block, in the note size, numbered.</summary>
    public SyntheticPages Footnote(int line = 0)
    {
        var y = Top + 36 * Pitch - 11 * (1 - line) + 1;
        var words = new List<LayoutWord>();
        var x = Left;
        if (line == 0)
        {
            words.Add(Word(x, x + 6, y, 13.9, "1."));
            x += 9;
        }

        for (; x < Right - 40; x += 40)
        {
            words.Add(Word(x, x + 36, y, 13.9, NextWord()));
        }

        _pages[^1].Add(new LayoutLine(words));
        return this;
    }

    /// <summary>Fills the page with ordinary paragraphs up to the line before its last <paramref name="keep"/> lines.</summary>
    public SyntheticPages FillTo(int keep)
    {
        while (LinesLeft() > keep)
        {
            var room = LinesLeft() - keep;
            if (room >= 2)
            {
                Paragraph(full: Math.Min(4, room - 1));
            }
            else
            {
                Ragged(indent: true); // a one-line paragraph fills the odd line
            }
        }

        return this;
    }

    /// <summary>How many body lines still fit on the page (37 to a page).</summary>
    public int LinesLeft() => 37 - (int)Math.Round((_y - Top) / Pitch);

    /// <summary>The pages, each with its folio.</summary>
    public IReadOnlyList<LayoutPage> Build() =>
        [.. _pages.Select((lines, i) => new LayoutPage(i + 1, 432, 648,
            [.. lines, new LayoutLine([Word(214, 218, 615.74, 13.9, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))])]))];

    private SyntheticPages Add(List<LayoutWord> words)
    {
        _pages[^1].Add(new LayoutLine(words));
        _y += Pitch;
        return this;
    }

    private string NextWord() => "w" + (++_word).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static LayoutWord Word(double x0, double x1, double yMax, double height, string text) =>
        new(x0, yMax - height, x1, yMax, text);
}
