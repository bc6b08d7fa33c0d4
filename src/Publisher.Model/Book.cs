using System.Collections.Immutable;

namespace Publisher.Model;

/// <summary>
/// The book model: the one data type between stages (pandoc's AST, typst's content). The manuscript loader makes
/// it; the typesetter and the EPUB writer read it. Immutable.
/// </summary>
public sealed record BookDocument(BookMetadata Metadata, ImmutableArray<Division> Divisions)
{
    /// <summary>The divisions that carry text from the manuscript, in reading order.</summary>
    public IEnumerable<Division> TextDivisions => Divisions.Where(d => d.Kind is DivisionKind.Chapter or DivisionKind.Copyright);

    /// <summary>Finds the division and, where there is one, the heading that an id names.</summary>
    public AnchorTarget? FindTarget(string id) => Targets.TryGetValue(id, out var t) ? t : null;

    /// <summary>The style <c>book.yml</c> names (a style name or a folder relative to the manuscript), if any.</summary>
    public StyleReference? Style { get; init; }

    /// <summary>Every id in the book (chapters, headings, inline anchors, notes) and where it points.</summary>
    public ImmutableDictionary<string, AnchorTarget> Targets { get; init; } = ImmutableDictionary<string, AnchorTarget>.Empty;
}

/// <summary>A style named by the manuscript, and where it is named.</summary>
public sealed record StyleReference(string NameOrPath, SourceSpan? Source);

/// <summary>Where an id points: a division, and a label to show for it in a medium without page numbers.</summary>
public sealed record AnchorTarget(string Id, string DivisionId, string Label);

/// <summary>Book-level metadata from <c>book.yml</c>.</summary>
public sealed record BookMetadata
{
    /// <summary>The title.</summary>
    public required string Title { get; init; }

    /// <summary>The subtitle, if any.</summary>
    public string? Subtitle { get; init; }

    /// <summary>Authors (or the original source, for an edition of an anonymous text).</summary>
    public ImmutableArray<string> Authors { get; init; } = [];

    /// <summary>Editors, credited on the title page.</summary>
    public ImmutableArray<string> Editors { get; init; } = [];

    /// <summary>BCP 47 language tag, e.g. <c>en</c> or <c>en-US</c>.</summary>
    public string Language { get; init; } = "en";

    /// <summary>A unique identifier, e.g. <c>urn:uuid:...</c> or <c>urn:isbn:...</c>.</summary>
    public required string Identifier { get; init; }

    /// <summary>The publisher's name.</summary>
    public string? Publisher { get; init; }

    /// <summary>Publication date.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The moment the build claims as its own (from <c>book.yml</c>'s <c>modified</c>, <c>SOURCE_DATE_EPOCH</c> or the date).</summary>
    public DateTimeOffset Modified { get; init; }

    /// <summary>Rights statement.</summary>
    public string? Rights { get; init; }

    /// <summary>A description or blurb.</summary>
    public string? Description { get; init; }

    /// <summary>Subject keywords.</summary>
    public ImmutableArray<string> Subjects { get; init; } = [];

    /// <summary>The work this book is derived from (dc:source), as a credit line.</summary>
    public string? Source { get; init; }

    /// <summary>Everything an author can see on the title page under the author line: "Edited by …".</summary>
    public string? EditionStatement { get; init; }

    private readonly Labels? _labels;

    /// <summary>The words Publisher writes itself: book.yml's <c>labels</c> over those of <see cref="Language"/>.</summary>
    public Labels Labels { get => _labels ?? Labels.For(Language); init => _labels = value; }
}

/// <summary>Where a division sits in the book.</summary>
public enum Matter
{
    /// <summary>Before the first chapter: roman folios.</summary>
    Front,

    /// <summary>The chapters: arabic folios from 1.</summary>
    Body,

    /// <summary>Appendices, notes, index.</summary>
    Back,
}

/// <summary>What a division is.</summary>
public enum DivisionKind
{
    /// <summary>A chapter (or preface, appendix, introduction...) from a Markdown file.</summary>
    Chapter,

    /// <summary>Generated: the book title alone.</summary>
    HalfTitle,

    /// <summary>Generated: title, subtitle, authors, publisher.</summary>
    TitlePage,

    /// <summary>A copyright or source page: a Markdown file set small, without a heading in the contents.</summary>
    Copyright,

    /// <summary>Generated: the table of contents.</summary>
    Contents,
}

/// <summary>A top-level part of the book: a chapter or a generated page.</summary>
public sealed record Division
{
    /// <summary>Unique id, used for file names in the EPUB and link targets.</summary>
    public required string Id { get; init; }

    /// <summary>What it is.</summary>
    public required DivisionKind Kind { get; init; }

    /// <summary>Front, body or back.</summary>
    public required Matter Matter { get; init; }

    /// <summary>The title as inlines (the chapter's first-level heading), empty when it has none.</summary>
    public ImmutableArray<Inline> Title { get; init; } = [];

    /// <summary>The chapter number, for numbered body chapters.</summary>
    public int? Number { get; init; }

    /// <summary>The text, without the title heading.</summary>
    public ImmutableArray<Block> Blocks { get; init; } = [];

    /// <summary>The notes cited in this division, in order of first citation, numbered from 1.</summary>
    public ImmutableArray<Footnote> Footnotes { get; init; } = [];

    /// <summary>The Markdown file it came from, for generated divisions null.</summary>
    public SourceSpan? Source { get; init; }

    /// <summary>The title as plain text.</summary>
    public string PlainTitle => Inline.ToPlainText(Title);

    /// <summary>
    /// Whether the division belongs in the contents: a chapter with a title, or with a number (a body chapter whose
    /// file has no title is listed by its number line, as its first page prints it, so navigation never loses it).
    /// </summary>
    public bool InContents => Kind == DivisionKind.Chapter && (!Title.IsDefaultOrEmpty || Number is not null);
}

/// <summary>A footnote: its number within the division and its text.</summary>
public sealed record Footnote(string Id, int Number, ImmutableArray<Block> Blocks, SourceSpan? Source);
