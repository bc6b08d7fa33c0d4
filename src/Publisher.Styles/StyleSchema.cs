using System.Collections.Frozen;
using Publisher.Model;

namespace Publisher.Styles;

/// <summary>What kind of value a style key takes.</summary>
internal enum ValueKind
{
    Length,
    Bool,
    Text,
    Align,
    Color,
    File,
    NumberFormat,
}

/// <summary>One key of <c>style.yml</c>: its kind, the range it may take (points, for lengths) and what it does.</summary>
internal sealed record KeySpec(string Key, ValueKind Kind, double Min = 0, double Max = double.MaxValue, string Doc = "");

/// <summary>
/// Every key a style may set, as dotted paths (<c>page.width</c>). The loader validates against this table, so a
/// typo is an error with the nearest known key as a hint, never a silently ignored setting.
/// </summary>
internal static class StyleSchema
{
    private static readonly string[] HeadingLevels = ["h2", "h3", "h4", "h5", "h6"];

    public static readonly FrozenDictionary<string, KeySpec> Keys = Build().ToFrozenDictionary(k => k.Key, StringComparer.Ordinal);

    /// <summary>Keys whose value is a mapping of the user's own names (language tags).</summary>
    public static readonly FrozenSet<string> OpenMappings = new[] { "hyphenation" }.ToFrozenSet(StringComparer.Ordinal);

    private static IEnumerable<KeySpec> Build()
    {
        yield return new("extends", ValueKind.Text, Doc: "the style this one starts from");
        yield return new("page.width", ValueKind.Length, 72, 2000, "trim width");
        yield return new("page.height", ValueKind.Length, 72, 3000, "trim height");
        yield return new("page.margin-inner", ValueKind.Length, 0, 500, "gutter margin");
        yield return new("page.margin-outer", ValueKind.Length, 0, 500, "outer margin");
        yield return new("page.margin-top", ValueKind.Length, 0, 500, "top margin");
        yield return new("page.margin-bottom", ValueKind.Length, 0, 500, "bottom margin");
        foreach (var family in new[] { "body", "display", "fallback", "mono" })
        {
            yield return new($"fonts.{family}.name", ValueKind.Text);
            foreach (var face in new[] { "regular", "italic", "bold", "bold-italic" })
            {
                yield return new($"fonts.{family}.{face}", ValueKind.File);
            }
        }

        yield return new("hyphenation.*", ValueKind.File, Doc: "TeX \\patterns file per language tag");
        yield return new("body.size", ValueKind.Length, 4, 72);
        yield return new("body.leading", ValueKind.Length, 4, 144);
        yield return new("body.indent", ValueKind.Length, 0, 144);
        yield return new("body.paragraph-spacing", ValueKind.Length, 0, 72);
        yield return new("body.align", ValueKind.Align);
        yield return new("body.hyphenate", ValueKind.Bool);
        foreach (var h in HeadingLevels)
        {
            yield return new($"headings.{h}.size", ValueKind.Length, 4, 96);
            yield return new($"headings.{h}.leading", ValueKind.Length, 4, 144);
            yield return new($"headings.{h}.space-before", ValueKind.Length, 0, 144);
            yield return new($"headings.{h}.space-after", ValueKind.Length, 0, 144);
            yield return new($"headings.{h}.bold", ValueKind.Bool);
            yield return new($"headings.{h}.italic", ValueKind.Bool);
            yield return new($"headings.{h}.small-caps", ValueKind.Bool);
            yield return new($"headings.{h}.align", ValueKind.Align);
        }

        yield return new("chapter.sink", ValueKind.Length, 0, 1000);
        yield return new("chapter.number-format", ValueKind.NumberFormat);
        yield return new("chapter.number-size", ValueKind.Length, 4, 144);
        yield return new("chapter.number-small-caps", ValueKind.Bool);
        yield return new("chapter.title-size", ValueKind.Length, 4, 144);
        yield return new("chapter.title-leading", ValueKind.Length, 4, 200);
        yield return new("chapter.space-after-title", ValueKind.Length, 0, 500);
        yield return new("chapter.align", ValueKind.Align);
        yield return new("chapter.new-recto", ValueKind.Bool);
        foreach (var block in new[] { "quote", "footnote", "table" })
        {
            yield return new($"{block}.size", ValueKind.Length, 4, 72);
            yield return new($"{block}.leading", ValueKind.Length, 4, 144);
            yield return new($"{block}.indent-left", ValueKind.Length, 0, 300);
            yield return new($"{block}.indent-right", ValueKind.Length, 0, 300);
            yield return new($"{block}.space-before", ValueKind.Length, 0, 144);
            yield return new($"{block}.space-after", ValueKind.Length, 0, 144);
            yield return new($"{block}.italic", ValueKind.Bool);
        }

        yield return new("lists.indent", ValueKind.Length, 0, 300);
        yield return new("scene-break.mark", ValueKind.Text, Doc: "the centred mark of a scene break");
        yield return new("running-heads.enabled", ValueKind.Bool);
        yield return new("running-heads.size", ValueKind.Length, 4, 72);
        yield return new("running-heads.head-baseline", ValueKind.Length, 0, 500);
        yield return new("running-heads.folio-baseline", ValueKind.Length, 0, 500);
        yield return new("running-heads.small-caps", ValueKind.Bool);
        yield return new("colors.text", ValueKind.Color);
        yield return new("colors.accent", ValueKind.Color);
        yield return new("epub.css", ValueKind.File, Doc: "extra CSS appended to the EPUB stylesheet");
    }

    /// <summary>The spec for a dotted key, allowing the open mappings.</summary>
    public static KeySpec? Find(string key)
    {
        if (Keys.TryGetValue(key, out var spec))
        {
            return spec;
        }

        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && OpenMappings.Contains(key[..dot]) && Keys.TryGetValue(key[..dot] + ".*", out var open) ? open with { Key = key } : null;
    }

    /// <summary>True when some known key starts with this prefix followed by a dot, i.e. it names a section.</summary>
    public static bool IsSection(string prefix) =>
        OpenMappings.Contains(prefix) || Keys.Keys.Any(k => k.StartsWith(prefix + ".", StringComparison.Ordinal));

    /// <summary>The known key nearest to a mistyped one (Levenshtein on the last segment, within its section).</summary>
    public static string? Nearest(string key)
    {
        var candidates = Keys.Keys.Where(k => !k.EndsWith(".*", StringComparison.Ordinal))
            .Concat(Keys.Keys.Select(k => k.Split('.')).SelectMany(p => Enumerable.Range(1, p.Length - 1).Select(n => string.Join('.', p.Take(n)))))
            .Distinct(StringComparer.Ordinal);
        string? best = null;
        var bestScore = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = NearestName.Levenshtein(key, c);
            if (d < bestScore)
            {
                (best, bestScore) = (c, d);
            }
        }

        // The edits allowed grow with the last segment, not the whole key: a shared "headings.h2." must not make
        // "colour" close enough to "bold".
        var last = key[(key.LastIndexOf('.') + 1)..];
        return best is not null && bestScore <= Math.Max(2, (last.Length + 2) / 3) ? best : null;
    }

    /// <summary>The keys directly inside a section ("headings.h2" → size, leading, …), in the order they are documented.</summary>
    public static IReadOnlyList<string> KeysIn(string section) =>
        [.. Build().Select(k => k.Key).Where(k => k.StartsWith(section + ".", StringComparison.Ordinal) && !k.EndsWith(".*", StringComparison.Ordinal))
            .Select(k => k[(section.Length + 1)..].Split('.')[0]).Distinct(StringComparer.Ordinal)];
}
