using System.Collections.Immutable;
using Publisher.Model;

namespace Publisher.Manuscript.Config;

/// <summary>What <c>book.yml</c> says, checked but not yet joined with the Markdown files.</summary>
internal sealed record BookConfig
{
    /// <summary>The metadata, with defaults filled in; <c>Modified</c> is left for the loader to decide.</summary>
    public required BookMetadata Metadata { get; init; }

    /// <summary>The <c>modified</c> key, if given.</summary>
    public DateTimeOffset? Modified { get; init; }

    /// <summary>The <c>style</c> key: the style this book builds with unless the command line names another.</summary>
    public StyleReference? Style { get; init; }

    /// <summary>The chapter list in reading order, or null when <c>book.yml</c> has no <c>chapters</c> key.</summary>
    public ImmutableArray<ChapterEntry>? Chapters { get; init; }

    /// <summary>Where the <c>chapters</c> value is written, for problems with the list as a whole.</summary>
    public SourceSpan? ChaptersSpan { get; init; }
}

/// <summary>
/// One entry of the chapter list: a Markdown file (<see cref="File"/> set, kind Chapter or Copyright) or a generated
/// page (no file; kind HalfTitle, TitlePage or Contents).
/// </summary>
/// <param name="Matter">Front, body or back.</param>
/// <param name="Kind">What the division will be.</param>
/// <param name="File">The Markdown file, relative to the manuscript folder; null for a generated page.</param>
/// <param name="Span">Where the entry is written in <c>book.yml</c>, for "does not exist" errors.</param>
internal sealed record ChapterEntry(Matter Matter, DivisionKind Kind, string? File, SourceSpan? Span);
