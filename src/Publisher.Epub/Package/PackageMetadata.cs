using System.Collections.Immutable;
using System.Globalization;
using Publisher.Model;

namespace Publisher.Epub;

/// <summary>
/// The book's metadata as the EPUB writes it: trimmed, with empty values dropped and the required ones (EPUB 3.3
/// §5.5.3.1: identifier, title, language; §5.5.5: dcterms:modified) always present.
/// </summary>
internal sealed record PackageMetadata
{
    /// <summary>dc:identifier, the unique identifier.</summary>
    public required string Identifier { get; init; }

    /// <summary>dc:title.</summary>
    public required string Title { get; init; }

    /// <summary>The second dc:title, refined as a subtitle.</summary>
    public string? Subtitle { get; init; }

    /// <summary>dc:language and every document's lang.</summary>
    public required string Language { get; init; }

    /// <summary>True when the book's language was missing or not a tag, so <see cref="Language"/> is a fallback.</summary>
    public bool LanguageGuessed { get; init; }

    /// <summary>The words the writer adds itself (navigation names, "Edited by"), in the book's language.</summary>
    public Labels Labels { get; init; } = Labels.English;

    /// <summary>dc:creator, role aut.</summary>
    public ImmutableArray<string> Authors { get; init; } = [];

    /// <summary>dc:contributor, role edt.</summary>
    public ImmutableArray<string> Editors { get; init; } = [];

    /// <summary>The title page's edition line.</summary>
    public string? EditionStatement { get; init; }

    /// <summary>dc:publisher.</summary>
    public string? Publisher { get; init; }

    /// <summary>dc:date.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>dcterms:modified, in UTC, whole seconds.</summary>
    public required DateTime Modified { get; init; }

    /// <summary>dc:rights.</summary>
    public string? Rights { get; init; }

    /// <summary>dc:description.</summary>
    public string? Description { get; init; }

    /// <summary>dc:subject, one element each.</summary>
    public ImmutableArray<string> Subjects { get; init; } = [];

    /// <summary>dc:source.</summary>
    public string? Source { get; init; }

    /// <summary>dcterms:modified as EPUB 3.3 §5.5.5 requires: <c>CCYY-MM-DDThh:mm:ssZ</c>.</summary>
    public string ModifiedText => Modified.ToString("yyyy-MM-dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Cleans <paramref name="m"/>, reporting what had to be made up.</summary>
    public static PackageMetadata From(BookMetadata m, DiagnosticBag diagnostics)
    {
        var identifier = Clean(m.Identifier);
        if (identifier is null)
        {
            // The unique identifier is required (EPUB 3.3 §5.5.3.1.1) and should be stable across builds; inventing
            // one would break updates on readers' devices, so this is an error, but we still write a valid file.
            diagnostics.Error("PUB4020", "The book has no identifier; set 'identifier' in book.yml (e.g. urn:uuid:… or urn:isbn:…).");
            identifier = "urn:publisher:no-identifier";
        }

        var title = Clean(m.Title);
        if (title is null)
        {
            diagnostics.Error("PUB4021", "The book has no title; set 'title' in book.yml.");
            title = "Untitled";
        }

        var language = Clean(m.Language);
        var guessed = language is null || !IsLanguageTag(language);
        if (guessed)
        {
            diagnostics.Warning("PUB4022", $"'{m.Language}' is not a BCP 47 language tag; the EPUB says 'en'.");
            language = "en";
        }

        return new PackageMetadata
        {
            Identifier = identifier,
            Title = title,
            Subtitle = Clean(m.Subtitle),
            Language = language!,
            LanguageGuessed = guessed,
            Labels = m.Labels,
            Authors = CleanAll(m.Authors),
            Editors = CleanAll(m.Editors),
            EditionStatement = Clean(m.EditionStatement),
            Publisher = Clean(m.Publisher),
            Date = m.Date,
            Modified = EffectiveModified(m),
            Rights = Clean(m.Rights),
            Description = Clean(m.Description),
            Subjects = CleanAll(m.Subjects),
            Source = Clean(m.Source),
        };
    }

    /// <summary>
    /// The build's own timestamp: <see cref="BookMetadata.Modified"/>, else the publication date at midnight UTC, else
    /// 1980-01-01 (the ZIP epoch). Never the clock, so that builds are reproducible (house style 8.4.8).
    /// </summary>
    private static DateTime EffectiveModified(BookMetadata m)
    {
        DateTime t;
        if (m.Modified != default)
        {
            t = m.Modified.UtcDateTime;
        }
        else if (m.Date is { } d)
        {
            t = d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }
        else
        {
            t = new DateTime(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        }

        return new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, DateTimeKind.Utc);
    }

    private static string? Clean(string? value)
    {
        var clean = XmlText.Clean(value, out _).Trim();
        return clean.Length == 0 ? null : clean;
    }

    private static ImmutableArray<string> CleanAll(ImmutableArray<string> values) =>
        [.. values.OrEmpty().Select(Clean).OfType<string>()];

    /// <summary>A loose RFC 5646 shape check: alphanumeric subtags of 1–8 characters joined by hyphens, the first alphabetic.</summary>
    private static bool IsLanguageTag(string tag)
    {
        var parts = tag.Split('-');
        return parts[0].Length is >= 2 and <= 8 && parts[0].All(char.IsAsciiLetter)
            && parts.All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }
}
