using System.Text;

namespace Publisher.Manuscript.Text;

/// <summary>
/// Finishes running text after Markdig's SmartyPants: whitespace collapsed to single spaces (a text inline never
/// holds a newline), and the straight quotes SmartyPants leaves (apostrophes in words, unmatched quotes) made
/// typographic by the classic "educate quotes" rule: after a letter, digit or closing punctuation a quote closes,
/// elsewhere it opens, and an apostrophe before a digit ('90s) is an elision.
/// </summary>
internal static class Typography
{
    /// <summary>Normalises a run of text; <paramref name="before"/> is the character shown just before it, or '\0'.</summary>
    public static string Finish(string text, char before)
    {
        var sb = new StringBuilder(text.Length);
        var previous = before;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (previous != ' ')
                {
                    sb.Append(' ');
                    previous = ' ';
                }

                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            c = c switch
            {
                '\'' => ClosesAfter(previous) || char.IsAsciiDigit(next) ? '\u2019' : '\u2018',
                '"' => ClosesAfter(previous) ? '\u201D' : '\u201C',
                _ => c,
            };
            sb.Append(c);
            previous = c;
        }

        return sb.ToString();
    }

    // A quote right after one of these closes (or is an apostrophe); after a space, an opening bracket, a dash or
    // at the start of a paragraph it opens.
    private static bool ClosesAfter(char previous) =>
        previous != '\0' && !char.IsWhiteSpace(previous) && previous is not ('(' or '[' or '{' or '\u2014' or '\u2013' or '\u201C' or '\u2018' or '/');
}
