using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Publisher.Model;

/// <summary>
/// The words Publisher writes itself, in the book's language: the contents heading, "Chapter" in the number line,
/// "Edited by", the "p." of a page reference, the EPUB's navigation names. The typesetter and the EPUB writer take them
/// from here (through <see cref="BookMetadata.Labels"/>), never from string literals of their own.
/// </summary>
/// <remarks>
/// A language is one entry of <see cref="ByLanguage"/>; a book overrides single labels in <c>book.yml</c>
/// (<c>labels: { contents: Inhalt }</c>), by the keys of <see cref="Keys"/>.
/// </remarks>
public sealed record Labels(
    string Contents,
    string Chapter,
    string EditedBy,
    string Page,
    string Cover,
    string TitlePage,
    string Copyright,
    string StartOfContent,
    string Landmarks,
    string By,
    string And,
    string HalfTitle)
{
    /// <summary>English, the language of books that name none Publisher has words for.</summary>
    public static readonly Labels English = new(
        Contents: "Contents",
        Chapter: "Chapter",
        EditedBy: "Edited by",
        Page: "p.",
        Cover: "Cover",
        TitlePage: "Title Page",
        Copyright: "Copyright",
        StartOfContent: "Start of Content",
        Landmarks: "Landmarks",
        By: "By",
        And: "and",
        HalfTitle: "Half Title");

    /// <summary>Every language Publisher has words for, by primary language subtag (BCP 47, lower case).</summary>
    public static readonly FrozenDictionary<string, Labels> ByLanguage = new Dictionary<string, Labels>(StringComparer.Ordinal)
    {
        ["en"] = English,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The keys a book.yml may override, as it writes them.</summary>
    public static readonly ImmutableArray<string> Keys =
        ["contents", "chapter", "edited-by", "page", "cover", "title-page", "copyright", "start-of-content", "landmarks", "by", "and", "half-title"];

    /// <summary>The words for a language tag: its own, else its primary language's (en-GB → en), else English.</summary>
    public static Labels For(string? language)
    {
        var tag = (language ?? "").Trim().ToLowerInvariant();
        var primary = tag.Split('-')[0];
        return ByLanguage.GetValueOrDefault(tag) ?? ByLanguage.GetValueOrDefault(primary) ?? English;
    }

    /// <summary>These words with some replaced, by <see cref="Keys"/>; a key not among them is ignored (the reader reports it).</summary>
    public Labels With(IEnumerable<KeyValuePair<string, string>> overrides) =>
        overrides.Aggregate(this, (labels, o) => o.Key switch
        {
            "contents" => labels with { Contents = o.Value },
            "chapter" => labels with { Chapter = o.Value },
            "edited-by" => labels with { EditedBy = o.Value },
            "page" => labels with { Page = o.Value },
            "cover" => labels with { Cover = o.Value },
            "title-page" => labels with { TitlePage = o.Value },
            "copyright" => labels with { Copyright = o.Value },
            "start-of-content" => labels with { StartOfContent = o.Value },
            "landmarks" => labels with { Landmarks = o.Value },
            "by" => labels with { By = o.Value },
            "and" => labels with { And = o.Value },
            "half-title" => labels with { HalfTitle = o.Value },
            _ => labels,
        });

    /// <summary>
    /// Names as a phrase: "A", "A and B", "A, B and C" (blank names left out). One function for the title page in print,
    /// the EPUB's title page and cover text and the drawn cover, so the editions cannot join them differently.
    /// </summary>
    public string JoinNames(IEnumerable<string> names)
    {
        var clean = names.Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
        return clean.Count switch
        {
            0 => "",
            1 => clean[0],
            _ => string.Join(", ", clean.Take(clean.Count - 1)) + " " + And + " " + clean[^1],
        };
    }
}
