using Publisher.Manuscript.Ids;
using Publisher.Manuscript.Images;
using Publisher.Model;

namespace Publisher.Manuscript.Markdown;

/// <summary>What the files of one book share while they are turned into divisions.</summary>
internal sealed class BookContext(DiagnosticBag diagnostics)
{
    /// <summary>Where problems go.</summary>
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>Ids, unique book-wide.</summary>
    public IdRegistry Ids { get; } = new();

    /// <summary>Targets and the cross-references that point at them.</summary>
    public TargetTable Targets { get; } = new();

    /// <summary>Every image named, checked against the folder once the whole book is read.</summary>
    public List<ImageReference> Images { get; } = [];
}
