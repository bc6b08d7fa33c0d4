using System.Globalization;

namespace Publisher.Model;

/// <summary>
/// An opaque sRGB colour. Parsed once, where the style is loaded; everything after (the page model, the PDF and PNG
/// drawing, the EPUB's CSS, the cover, the accessibility check) takes the typed value, so no later stage can meet a
/// colour it cannot read or one that breaks out of a CSS rule.
/// </summary>
public readonly record struct Colour(byte R, byte G, byte B)
{
    /// <summary>Black.</summary>
    public static readonly Colour Black = new(0, 0, 0);

    /// <summary>White: the paper of the page and of a reading system's default theme.</summary>
    public static readonly Colour White = new(0xFF, 0xFF, 0xFF);

    /// <summary>
    /// Reads CSS's hex notation (CSS Color 4 §5.2): <c>#rrggbb</c> or its short form <c>#rgb</c>, either case.
    /// Nothing else: a colour name or function would mean a table of names here and in every renderer.
    /// </summary>
    public static bool TryParse(string? text, out Colour colour)
    {
        colour = default;
        var hex = (text ?? "").Trim();
        if (hex.Length is not (4 or 7) || hex[0] != '#' || !hex.Skip(1).All(char.IsAsciiHexDigit))
        {
            return false;
        }

        if (hex.Length == 4)
        {
            hex = string.Concat("#", new string(hex[1], 2), new string(hex[2], 2), new string(hex[3], 2));
        }

        var rgb = int.Parse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        colour = new Colour((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return true;
    }

    /// <summary>The colour from <see cref="TryParse"/>; for values fixed in code.</summary>
    public static Colour Parse(string text) =>
        TryParse(text, out var c) ? c : throw new FormatException($"'{text}' is not a colour like #1a1a1a");

    /// <summary>
    /// Relative luminance (WCAG 2.2, "relative luminance"): sRGB channels linearised, weighted 0.2126, 0.7152,
    /// 0.0722.
    /// </summary>
    public double Luminance => (0.2126 * Linear(R)) + (0.7152 * Linear(G)) + (0.0722 * Linear(B));

    /// <summary>The WCAG 2.2 contrast ratio of two colours, (L1 + 0.05) / (L2 + 0.05) with L1 the lighter: 1 to 21.</summary>
    public static double Contrast(Colour a, Colour b)
    {
        var (hi, lo) = (Math.Max(a.Luminance, b.Luminance), Math.Min(a.Luminance, b.Luminance));
        return (hi + 0.05) / (lo + 0.05);
    }

    /// <summary>As CSS and the style file write it: <c>#rrggbb</c>, lower case.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    private static double Linear(byte v)
    {
        var c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
