using System.Globalization;
using Publisher.Model;
using Publisher.Styles;

namespace Publisher.Epub.Xhtml;

/// <summary>An <c>epub:type</c> (EPUB 3 Structural Semantics Vocabulary) and its DPUB-ARIA 1.0 role, where one exists.</summary>
internal sealed record Semantic(string? EpubType, string? Role);

/// <summary>
/// Chooses the structural semantics of a division (EPUB 3.3 §C.2 epub:type with the EPUB SSV 1.1 terms; DPUB-ARIA 1.0 for roles), and the
/// labels that the contents and landmarks show for it.
/// </summary>
internal static class Semantics
{
    // Checked in order against the start of the title, case-insensitively. A title is a weak signal, but it is the
    // only one the model has, and a wrong guess only costs a reading system's hint.
    private static readonly (string Prefix, Semantic Semantic)[] Front =
    [
        ("foreword", new("foreword", "doc-foreword")),
        ("preface", new("preface", "doc-preface")),
        ("introduction", new("introduction", "doc-introduction")),
        ("prologue", new("prologue", "doc-prologue")),
        ("acknowledg", new("acknowledgments", "doc-acknowledgments")),
        ("dedication", new("dedication", "doc-dedication")),
    ];

    private static readonly (string Prefix, Semantic Semantic)[] Body =
    [
        ("prologue", new("prologue", "doc-prologue")),
        ("introduction", new("introduction", "doc-introduction")),
        ("epilogue", new("epilogue", "doc-epilogue")),
        ("conclusion", new("conclusion", "doc-conclusion")),
    ];

    private static readonly (string Prefix, Semantic Semantic)[] Back =
    [
        ("appendix", new("appendix", "doc-appendix")),
        ("afterword", new("afterword", "doc-afterword")),
        ("epilogue", new("epilogue", "doc-epilogue")),
        ("conclusion", new("conclusion", "doc-conclusion")),
        ("acknowledg", new("acknowledgments", "doc-acknowledgments")),
        ("glossary", new("glossary", "doc-glossary")),
        ("bibliography", new("bibliography", "doc-bibliography")),
        ("colophon", new("colophon", "doc-colophon")),
    ];

    /// <summary>The semantics of a chapter-like division's <c>section</c>.</summary>
    public static Semantic ForChapter(Division division)
    {
        var title = division.Plain().Trim();
        var table = division.Matter switch
        {
            Matter.Front => Front,
            Matter.Back => Back,
            _ => Body,
        };

        foreach (var (prefix, semantic) in table)
        {
            if (title.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return semantic;
            }
        }

        return division.Matter switch
        {
            // Untitled front matter by another name ("Editor's Note", "To the Reader") is closest to a preface.
            Matter.Front => new("preface", "doc-preface"),
            Matter.Body => new("chapter", "doc-chapter"),

            // "About the Author" and the like have no term of their own; the body's backmatter partition says enough.
            _ => new(null, null),
        };
    }

    /// <summary>The EPUB SSV partition for the <c>body</c> element (EPUB SSV "Partitions").</summary>
    public static string Partition(Matter matter) => matter switch
    {
        Matter.Front => "frontmatter",
        Matter.Back => "backmatter",
        _ => "bodymatter",
    };

    /// <summary>
    /// The chapter number line as print sets it, e.g. "Chapter 3" from the style's <c>{chapter} {n}</c> (the bare number
    /// when the style prints no number line), or null when unnumbered.
    /// </summary>
    public static string? NumberLine(Division division, StyleSheet style, Labels labels) => division.Number is { } n
        ? style.Chapter.NumberLine(n, labels.Chapter) is { } line && !string.IsNullOrWhiteSpace(line) ? line : n.ToString(CultureInfo.InvariantCulture)
        : null;

    /// <summary>
    /// How the contents lists a division: "Chapter 3: Title" when the number line has words, "3. Title" when it is a
    /// bare number, the title alone when unnumbered.
    /// </summary>
    public static string ContentsLabel(Division division, StyleSheet style, Labels labels)
    {
        var title = division.Plain().Trim();
        var number = NumberLine(division, style, labels);
        if (number is null)
        {
            return title;
        }

        if (title.Length == 0)
        {
            return number;
        }

        return number.All(char.IsAsciiDigit) ? $"{number}. {title}" : $"{number}: {title}";
    }
}
