using System.Collections.Immutable;
using System.Globalization;

namespace Publisher.Rendering.Finishing;

/// <summary>One page-label range (ISO 32000-1 §12.4.2, Table 159): from a page index on, a style, a prefix and a first number.</summary>
/// <param name="StartIndex">The first page (0-based) the range covers.</param>
/// <param name="Style">/S: <c>D</c> decimal, <c>r</c>/<c>R</c> lower/upper roman, or null for a prefix-only label.</param>
/// <param name="Prefix">/P, or empty.</param>
/// <param name="Start">/St, the number of the first page of the range (≥ 1); unused when there is no style.</param>
internal sealed record PageLabelRange(int StartIndex, string? Style, string Prefix, int Start);

/// <summary>
/// Turns the printed folios into the page-labels number tree (§12.4.2), so a viewer's page box shows "iv" or "12"
/// as the book prints it. Folios are the source of truth (the typesetter has already numbered blank and display
/// pages within their sequence), so the ranges are read off the strings: a run of consecutive roman numerals is one
/// /r range, a run of consecutive integers (with the same prefix) one /D range, and anything else a prefix label.
/// </summary>
internal static class PageLabelWriter
{
    /// <summary>The fewest ranges that give every page its folio as its label.</summary>
    public static ImmutableArray<PageLabelRange> Ranges(IReadOnlyList<string> folios)
    {
        var ranges = ImmutableArray.CreateBuilder<PageLabelRange>();
        PageLabelRange? current = null;
        var next = 0; // the number the current range would give the next page
        for (var i = 0; i < folios.Count; i++)
        {
            var label = Parse(folios[i]);
            var continues = current is not null
                && current.Style == label.Style
                && current.Prefix == label.Prefix
                && (label.Style is null || label.Number == next);
            if (!continues)
            {
                current = new PageLabelRange(i, label.Style, label.Prefix, label.Style is null ? 1 : label.Number);
                ranges.Add(current);
            }

            next = label.Number + 1;
        }

        return ranges.ToImmutable();
    }

    /// <summary>The number tree (§7.9.7) as one leaf dictionary: <c>/Nums [index label-dict …]</c>.</summary>
    public static PdfDictionary NumberTree(IReadOnlyList<PageLabelRange> ranges)
    {
        var nums = ImmutableArray.CreateBuilder<PdfObject>(ranges.Count * 2);
        foreach (var r in ranges)
        {
            var label = PdfDictionary.Of();
            if (r.Style is { } style)
            {
                label = label.With("S", new PdfName(style));
            }

            if (r.Prefix.Length > 0)
            {
                label = label.With("P", PdfString.Text(r.Prefix));
            }

            if (r.Style is not null)
            {
                // /St defaults to 1; it is written even then, so every range says where it starts.
                label = label.With("St", PdfNumber.Of(r.Start));
            }

            nums.Add(PdfNumber.Of(r.StartIndex));
            nums.Add(label);
        }

        return PdfDictionary.Of(("Nums", new PdfArray(nums.MoveToImmutable())));
    }

    private readonly record struct Label(string? Style, string Prefix, int Number);

    private static Label Parse(string folio)
    {
        if (RomanValue(folio, upper: false) is { } lower)
        {
            return new("r", "", lower);
        }

        if (RomanValue(folio, upper: true) is { } upper)
        {
            return new("R", "", upper);
        }

        // Trailing digits are the number, what comes before them the prefix ("A-3" → /P (A-) /St 3). A leading
        // zero or a zero can't be written as /St (which counts from 1 and has no width), so such a folio is a
        // prefix-only label that shows exactly that text.
        var digits = folio.Length;
        while (digits > 0 && char.IsAsciiDigit(folio[digits - 1]))
        {
            digits--;
        }

        var number = folio[digits..];
        if (number.Length is > 0 and <= 9 && number[0] != '0')
        {
            return new("D", folio[..digits], int.Parse(number, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        return new(null, folio, 0);
    }

    /// <summary>The value of a roman numeral written the canonical way (as a viewer would write it back), else null.</summary>
    internal static int? RomanValue(string text, bool upper)
    {
        if (text.Length == 0 || text.Length > 15)
        {
            return null;
        }

        var value = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var v = Digit(text[i], upper);
            if (v == 0)
            {
                return null;
            }

            var following = i + 1 < text.Length ? Digit(text[i + 1], upper) : 0;
            value += v < following ? -v : v;
        }

        // "iiii" or "ic" add up to something but aren't how a viewer would label that page.
        return value > 0 && ToRoman(value, upper) == text ? value : null;
    }

    /// <summary>A number in roman numerals, the way §12.4.2's /r and /R styles write it.</summary>
    internal static string ToRoman(int n, bool upper)
    {
        ReadOnlySpan<int> values = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1];
        string[] symbols = ["m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"];
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            while (n >= values[i])
            {
                sb.Append(symbols[i]);
                n -= values[i];
            }
        }

        return upper ? sb.ToString().ToUpperInvariant() : sb.ToString();
    }

    private static int Digit(char c, bool upper) => (upper ? char.ToLowerInvariant(c) : c) switch
    {
        _ when upper != char.IsAsciiLetterUpper(c) => 0,
        'i' => 1,
        'v' => 5,
        'x' => 10,
        'l' => 50,
        'c' => 100,
        'd' => 500,
        'm' => 1000,
        _ => 0,
    };
}
