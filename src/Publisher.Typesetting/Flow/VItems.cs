using Publisher.Model;
using Publisher.PageModel;

namespace Publisher.Typesetting.Flow;

/// <summary>An item of the vertical list the page builder fills pages from (TeX's vertical mode, typst's flow children).</summary>
internal abstract record VItem;

/// <summary>
/// Something with a fixed height: a line of text, a table row, a heading line. Its frame items are relative to the
/// box's top-left corner at the text block's left edge.
/// </summary>
internal sealed record VBox(double Height, IReadOnlyList<FrameItem> Items) : VItem
{
    /// <summary>Footnotes cited in this box: they go on the page the box lands on.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Ids that land here.</summary>
    public IReadOnlyList<string> Anchors { get; init; } = [];

    /// <summary>An outline (bookmark) entry that starts here.</summary>
    public (string Title, int Level, string AnchorId)? Outline { get; init; }

    /// <summary>For table rows after the first: the header rows to repeat when the row starts a page.</summary>
    public IReadOnlyList<VBox>? RepeatHeader { get; init; }

    /// <summary>True for a line of running text (what widow and orphan rules and the metrics look at).</summary>
    public bool IsTextLine { get; init; }

    /// <summary>Where in the manuscript's text this line begins, for the EPUB's print page markers.</summary>
    public TextPosition? Start { get; init; }

    /// <summary>True for a heading's lines: the page may not break straight after one (keep with next).</summary>
    public bool KeepWithNext { get; init; }

    /// <summary>True when the line ends with a hyphen: a page should not turn after it.</summary>
    public bool Hyphenated { get; init; }

    /// <summary>Where the box's content is written (table rows), for a warning that it is taller than a page.</summary>
    public SourceSpan? Source { get; init; }
}

/// <summary>Vertical space. Discardable space vanishes at the top of a page (TeX's glue); the chapter sink does not.</summary>
internal sealed record VSpace(double Height, bool Discardable = true) : VItem;

/// <summary>A place the page may break, with a cost; <see cref="Forbid"/> and above never break, <see cref="Force"/> always does.</summary>
internal sealed record VPenalty(double Cost) : VItem
{
    public const double Forbid = 10000;
    public const double Force = -10000;

    /// <summary>The cost of turning the page after a hyphenated line (TeX's \brokenpenalty is 100).</summary>
    public const double Broken = 100;
}

/// <summary>Pushes what follows to the bottom of the page (a copyright page's text sits at the foot).</summary>
internal sealed record VFillToBottom(double ContentHeight) : VItem;
