using System.Text;
using System.Text.RegularExpressions;

namespace Publisher.TestKit.Text;

/// <summary>
/// Compares the words of a source text with the words of an output (PDF text, EPUB text) in order, by the longest
/// common subsequence. Source redactions (runs of asterisks) and output bracket groups (<c>[Mao]</c>, <c>[…]</c>)
/// become one token each, so the alignment also tells whether every redaction stayed visible in its place.
/// </summary>
public static partial class WordAlignment
{
    /// <summary>The token that stands for a redaction or an editorial bracket.</summary>
    public const string Mark = "⟦mark⟧";

    /// <summary>Tokens of the seed: lower-case words, with each run of two or more asterisks as <see cref="Mark"/>.</summary>
    public static List<string> SeedTokens(string text) => Tokens(Asterisks().Replace(Normalise(text), " " + Mark + " "));

    /// <summary>
    /// Tokens of an output's text: lower-case words, each <c>[…]</c> group as <see cref="Mark"/>. Words broken
    /// with a hyphen at a line end are joined first.
    /// </summary>
    public static List<string> OutputTokens(string text)
    {
        var joined = LineEndHyphen().Replace(Normalise(text), "$1$2");
        return Tokens(Brackets().Replace(joined, " " + Mark + " "));
    }

    private static string Normalise(string text) => text
        .Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201C', '"').Replace('\u201D', '"')
        .Replace('\u00A0', ' ').Replace("\r", "", StringComparison.Ordinal).Replace('\f', '\n');

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        foreach (var raw in text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw == Mark)
            {
                tokens.Add(Mark);
                continue;
            }

            // Everything but letters, digits and apostrophes separates words: "Soviet-German" and "Soviet German"
            // compare equal, and a note number stuck to a word ("materials.1") stands apart from it.
            foreach (var part in NonWord().Split(raw.ToLowerInvariant()))
            {
                var w = part.Trim('\'');
                if (w.Length > 0)
                {
                    tokens.Add(w);
                }
            }
        }

        return tokens;
    }

    /// <summary>The result of aligning the seed with an output.</summary>
    /// <param name="SeedWords">Seed tokens that are words (not marks).</param>
    /// <param name="MatchedWords">Of those, how many the output has in the same order.</param>
    /// <param name="SeedMarks">Redactions in the seed.</param>
    /// <param name="MatchedMarks">Redactions aligned with a bracket group of the output.</param>
    /// <param name="Missing">Seed words not found, with a little context, for failure messages.</param>
    public sealed record Result(int SeedWords, int MatchedWords, int SeedMarks, int MatchedMarks, IReadOnlyList<string> Missing)
    {
        /// <summary>Share of the seed's words found in order.</summary>
        public double WordShare => SeedWords == 0 ? 1 : (double)MatchedWords / SeedWords;
    }

    /// <summary>Aligns two token lists by LCS (Hirschberg would save memory; 16-bit cells are enough for a book chapter set).</summary>
    public static Result Align(IReadOnlyList<string> seed, IReadOnlyList<string> output)
    {
        var n = seed.Count;
        var m = output.Count;
        var table = new ushort[(n + 1) * (m + 1)];
        int At(int i, int j) => (i * (m + 1)) + j;
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                table[At(i, j)] = seed[i] == output[j]
                    ? (ushort)(table[At(i + 1, j + 1)] + 1)
                    : Math.Max(table[At(i + 1, j)], table[At(i, j + 1)]);
            }
        }

        int words = 0, matchedWords = 0, marks = 0, matchedMarks = 0;
        var missing = new List<string>();
        int a = 0, b = 0;
        while (a < n)
        {
            var isMark = seed[a] == Mark;
            if (isMark)
            {
                marks++;
            }
            else
            {
                words++;
            }

            if (b < m && seed[a] == output[b])
            {
                if (isMark)
                {
                    matchedMarks++;
                }
                else
                {
                    matchedWords++;
                }

                a++;
                b++;
            }
            else if (b < m && table[At(a, b + 1)] >= table[At(a + 1, b)])
            {
                b++;
                if (isMark)
                {
                    marks--;
                }
                else
                {
                    words--;
                }
            }
            else
            {
                missing.Add(string.Join(' ', seed.Skip(Math.Max(0, a - 3)).Take(7)) + $"  ← '{seed[a]}'");
                a++;
            }
        }

        return new Result(words, matchedWords, marks, matchedMarks, missing);
    }

    [GeneratedRegex(@"\*{2,}")]
    private static partial Regex Asterisks();

    [GeneratedRegex(@"\[[^\[\]]{1,60}\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"(\p{Ll})-\s*\n\s*(\p{Ll})")]
    private static partial Regex LineEndHyphen();

    [GeneratedRegex(@"[^\p{L}\p{N}']+")]
    private static partial Regex NonWord();
}
