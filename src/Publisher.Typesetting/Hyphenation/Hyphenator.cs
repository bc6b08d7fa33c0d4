using System.Text;

namespace Publisher.Typesetting.Hyphenation;

/// <summary>
/// Liang's hyphenation (F. M. Liang, "Word Hy-phen-a-tion by Com-put-er", Stanford 1983), reading TeX
/// <c>\patterns{…}</c> and <c>\hyphenation{…}</c> sources as shipped with a style. Knows nothing about fonts.
/// </summary>
public sealed class Hyphenator
{
    private readonly Dictionary<string, byte[]> _patterns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _exceptions = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int[]> _memo = new(StringComparer.Ordinal);
    private int _maxPatternLength;

    /// <summary>A book's vocabulary is some thousands of words, each met many times: their points are kept, up to this many.</summary>
    private const int MemoLimit = 200_000;

    /// <summary>Fewest letters before the first hyphen (TeX's \lefthyphenmin).</summary>
    public int LeftMin { get; }

    /// <summary>Fewest letters after the last hyphen (TeX's \righthyphenmin).</summary>
    public int RightMin { get; }

    /// <summary>Builds a hyphenator from the text of a TeX patterns file.</summary>
    public Hyphenator(string texSource, int leftMin = 2, int rightMin = 3)
    {
        LeftMin = leftMin;
        RightMin = rightMin;
        Parse(texSource);
    }

    /// <summary>The number of patterns loaded.</summary>
    public int PatternCount => _patterns.Count;

    private void Parse(string source)
    {
        var text = new StringBuilder();
        foreach (var rawLine in source.Split('\n'))
        {
            var line = rawLine;
            var comment = line.IndexOf('%', StringComparison.Ordinal);
            if (comment >= 0)
            {
                line = line[..comment];
            }

            text.Append(line).Append(' ');
        }

        var all = text.ToString();
        foreach (var (command, body) in Groups(all))
        {
            foreach (var token in body.Split((char[])[' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (command == "patterns")
                {
                    AddPattern(token);
                }
                else if (command == "hyphenation")
                {
                    AddException(token);
                }
            }
        }
    }

    private static IEnumerable<(string Command, string Body)> Groups(string text)
    {
        foreach (var command in new[] { "patterns", "hyphenation" })
        {
            var at = text.IndexOf("\\" + command + "{", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var start = at + command.Length + 2;
            var end = text.IndexOf('}', start);
            yield return (command, text[start..(end < 0 ? text.Length : end)]);
        }
    }

    private void AddPattern(string pattern)
    {
        var letters = new StringBuilder();
        var values = new List<byte> { 0 };
        foreach (var c in pattern)
        {
            if (c is >= '0' and <= '9')
            {
                values[^1] = (byte)(c - '0');
            }
            else
            {
                letters.Append(c);
                values.Add(0);
            }
        }

        var key = letters.ToString();
        _patterns[key] = [.. values];
        _maxPatternLength = Math.Max(_maxPatternLength, key.Length);
    }

    private void AddException(string word)
    {
        var letters = new StringBuilder();
        var points = new List<int>();
        foreach (var c in word)
        {
            if (c == '-')
            {
                points.Add(letters.Length);
            }
            else
            {
                letters.Append(char.ToLowerInvariant(c));
            }
        }

        _exceptions[letters.ToString()] = [.. points];
    }

    /// <summary>
    /// The positions inside <paramref name="word"/> (character indices) before which a hyphen may go, honouring the
    /// left and right minimums. Only letters are considered; the caller strips punctuation first.
    /// </summary>
    public IReadOnlyList<int> Points(string word)
    {
        if (word.Length < LeftMin + RightMin)
        {
            return [];
        }

        if (_memo.TryGetValue(word, out var known))
        {
            return known;
        }

        var points = Compute(word);
        if (_memo.Count < MemoLimit)
        {
            _memo.TryAdd(word, points);
        }

        return points;
    }

    private int[] Compute(string word)
    {
        var n = word.Length;
        var lower = word.ToLowerInvariant();
        if (_exceptions.TryGetValue(lower, out var fixedPoints))
        {
            return [.. fixedPoints.Where(p => p >= LeftMin && p <= n - RightMin)];
        }

        // Looked up by span: a substring for every start and length was most of the time this took.
        var patterns = _patterns.GetAlternateLookup<ReadOnlySpan<char>>();
        var dotted = "." + lower + ".";
        var values = new byte[dotted.Length + 1];
        for (var start = 0; start < dotted.Length; start++)
        {
            var maxLen = Math.Min(_maxPatternLength, dotted.Length - start);
            for (var len = 1; len <= maxLen; len++)
            {
                if (patterns.TryGetValue(dotted.AsSpan(start, len), out var pv))
                {
                    for (var k = 0; k < pv.Length; k++)
                    {
                        if (pv[k] > values[start + k])
                        {
                            values[start + k] = pv[k];
                        }
                    }
                }
            }
        }

        // values[i + 1] sits between dotted[i] and dotted[i + 1]; a break before word[j] is values[j + 1].
        var points = new List<int>();
        for (var j = LeftMin; j <= n - RightMin; j++)
        {
            if ((values[j + 1] & 1) == 1)
            {
                points.Add(j);
            }
        }

        return [.. points];
    }

    /// <summary>The word with hyphens at every permitted point, for tests and debugging: <c>hy-phen-ation</c>.</summary>
    public string Hyphenate(string word)
    {
        var sb = new StringBuilder(word);
        var pts = Points(word);
        for (var i = pts.Count - 1; i >= 0; i--)
        {
            sb.Insert(pts[i], '-');
        }

        return sb.ToString();
    }
}
