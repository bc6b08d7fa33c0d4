using System.Text;

namespace Publisher.Manuscript.Text;

/// <summary>
/// Makes ids and file names from text, after pandoc's <c>auto_identifiers</c>: lowercase ASCII letters and digits
/// (accented letters folded), words joined by hyphens. An id has nothing before its first letter (an XML id may not
/// start with a digit); a file name may start with a digit.
/// </summary>
public static class Slug
{
    // InvariantGlobalization makes string.Normalize a no-op here, so accents are folded with a small table instead.
    // Each pair is (accented letters, the ASCII letters they fold to).
    private static readonly (string From, string To)[] _folds =
    [
        ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"), ("śŝşš", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
    ];

    private static readonly Dictionary<char, string> _fold = BuildFoldTable();

    /// <summary>The slug of <paramref name="text"/>; empty when the text has no ASCII letter to start one.</summary>
    public static string From(string text) => Make(text, fileName: false);

    /// <summary>A book's output file name (without extension) from its title: "book" when the title gives none.</summary>
    public static string ForFileName(string title) => Make(title, fileName: true) is { Length: > 0 } slug ? slug : "book";

    private static string Make(string text, bool fileName)
    {
        var sb = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var raw in text.ToLowerInvariant())
        {
            var piece = char.IsAsciiLetterOrDigit(raw) ? raw.ToString() : _fold.GetValueOrDefault(raw);
            if (piece is not null)
            {
                // Nothing may come before an id's first letter.
                if (sb.Length == 0 && !fileName && !char.IsAsciiLetter(piece[0]))
                {
                    continue;
                }

                if (pendingHyphen && sb.Length > 0)
                {
                    sb.Append('-');
                }

                pendingHyphen = false;
                sb.Append(piece);
            }
            // A file name also splits at a colon ("Part:Two" → part-two), as the build's file names always did.
            else if (char.IsWhiteSpace(raw) || raw is '-' or '_' or '.' or '/' or '\u2013' or '\u2014' || (fileName && raw == ':'))
            {
                pendingHyphen = true;
            }

            // Any other character (punctuation, letters of other scripts) is dropped.
        }

        return sb.ToString();
    }

    private static Dictionary<char, string> BuildFoldTable()
    {
        var table = new Dictionary<char, string> { ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['þ'] = "th", ['ð'] = "d" };
        foreach (var (from, to) in _folds)
        {
            foreach (var c in from)
            {
                table[c] = to;
            }
        }

        return table;
    }
}
