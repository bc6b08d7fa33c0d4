using System.Collections.Immutable;
using Publisher.Model;
using Publisher.PageModel;
using Publisher.Styles;

namespace Publisher.Build;

/// <summary>How a build ended.</summary>
public enum BuildStatus
{
    /// <summary>Everything asked for was made (warnings allowed).</summary>
    Succeeded,

    /// <summary>The book or its style has errors: nothing was written.</summary>
    BookErrors,

    /// <summary>The input cannot be read at all (no manuscript folder, a bad SOURCE_DATE_EPOCH) or the output folder cannot be written.</summary>
    InputErrors,
}

/// <summary>What one stage took. Stages run at once (the PDF and the EPUB) are timed each on its own.</summary>
public sealed record StageTiming(string Name, TimeSpan Elapsed);

/// <summary>A file a build wrote.</summary>
public sealed record BuildOutput(string Path, long Bytes);

/// <summary>The facts of a typeset book, for a summary.</summary>
public sealed record BookFacts(string Title, int Pages, int Words, int Chapters);

/// <summary>What <see cref="BookBuilder.Build"/> made and found.</summary>
public sealed record BuildResult
{
    /// <summary>How the build ended.</summary>
    public required BuildStatus Status { get; init; }

    /// <summary>True when it succeeded.</summary>
    public bool Succeeded => Status == BuildStatus.Succeeded;

    /// <summary>Every diagnostic, in the order the stages reported them.</summary>
    public required ImmutableArray<Diagnostic> Diagnostics { get; init; }

    /// <summary>The stages run, in order, with what each took.</summary>
    public required ImmutableArray<StageTiming> Stages { get; init; }

    /// <summary>The files written (<see cref="BuildTarget.Files"/>): the PDF, then the EPUB.</summary>
    public ImmutableArray<BuildOutput> Outputs { get; init; } = [];

    /// <summary>The loaded book, when book.yml could be read (also when it has errors).</summary>
    public BookDocument? Book { get; init; }

    /// <summary>The loaded style, when it could be read (also when it has errors).</summary>
    public StyleSheet? Style { get; init; }

    /// <summary>The typeset pages, once typesetting succeeded.</summary>
    public PagedBook? Pages { get; init; }

    /// <summary>Title, pages, words and chapters, once typesetting succeeded.</summary>
    public BookFacts? Facts { get; init; }
}
