using System.Collections.Immutable;
using Publisher.Typesetting.Flow;

namespace Publisher.Typesetting.Pages;

/// <summary>
/// The protocol between the page builder and what it places, after typst's layout regions and QuestPDF's
/// <c>SpacePlan</c> (full render, partial render, wrap): the builder offers each item the room left on the page and
/// the item answers with a <see cref="Fit"/>; filling a page ends in a <see cref="PageFill"/>. A page is therefore
/// never overfilled by accident: an item goes past the foot only when it answered <see cref="NeverFits"/>, and that is
/// the one place PUB3002 is reported.
/// </summary>
/// <remarks>
/// An item that may wait (a figure, next) will answer <see cref="NotHere"/> and be carried in the
/// <see cref="ResumePoint"/> as footnote lines already are, while the text after it goes on filling the page.
/// </remarks>
internal abstract record PageFill(RawPage Page);

/// <summary>Everything left of the division went on the page: the division ends here.</summary>
internal sealed record Fits(RawPage Page) : PageFill(Page);

/// <summary>The page is full, or had to end early (<paramref name="Why"/>); the next page continues at <paramref name="Resume"/>.</summary>
internal sealed record PartlyFits(RawPage Page, ResumePoint Resume, NoFit Why) : PageFill(Page);

/// <summary>
/// Nothing may be set at the page's next item: it cannot fit on any page (<paramref name="Why"/>). The builder reports it
/// and fills the page again letting the item run past the foot, as a page with nothing else to hold is the best place left.
/// </summary>
internal sealed record DoesNotFit(RawPage Page, NoFit Why) : PageFill(Page);

/// <summary>
/// Where the next page of a division continues: the next item of the vertical list (a paragraph continues at its next
/// line, each line being an item), the lines of a footnote split over the turn, and the header rows of a table broken
/// there, which the next page repeats. Immutable, so a page can be filled again from the same point (levelling a spread
/// refills a verso from where it began) and give the same page.
/// </summary>
internal sealed record ResumePoint(int Next, ImmutableArray<VBox> CarryNotes, IReadOnlyList<VBox>? RepeatHeader)
{
    /// <summary>A division's first page: nothing carried, and nothing at its top dropped.</summary>
    public static ResumePoint Start { get; } = new(0, [], null);

    /// <summary>True for a point inside the division, where discardable space and breaks at the page's top vanish.</summary>
    public bool Continues => Next > 0;
}

/// <summary>An item's answer when offered the room left on a page.</summary>
internal abstract record Fit;

/// <summary>It goes here, with the first <paramref name="NoteLines"/> lines of the notes it cites first (the rest go over the turn).</summary>
internal sealed record FitsHere(int NoteLines) : Fit;

/// <summary>It does not fit in what is left of this page (<paramref name="Why"/>): the page ends before it; try the next.</summary>
internal sealed record NotHere(NoFit Why) : Fit;

/// <summary>No page can hold it (<paramref name="Why"/>): it is set, past the foot, with <paramref name="NoteLines"/> note lines.</summary>
internal sealed record NeverFits(NoFit Why, int NoteLines) : Fit;

/// <summary>Why a page ended before <paramref name="Item"/> (an index in the vertical list; null for a note that ran on at the division's end).</summary>
internal sealed record NoFit(NoFitReason Reason, int? Item)
{
    /// <summary>The warning's text for an item that fits no page.</summary>
    public string Message => Reason switch
    {
        NoFitReason.TallerThanPage => "a block is taller than the page and runs past its foot",
        _ => "a block does not fit on a page: " + Reason,
    };
}

/// <summary>Why the rest of a division does not go on the page being filled.</summary>
internal enum NoFitReason
{
    /// <summary>The item is taller than a whole page (the text block, or the depth a levelled recto is allowed).</summary>
    TallerThanPage,

    /// <summary>The item is taller than the room left on the page.</summary>
    NoRoomLeft,

    /// <summary>The item fits, but a footnote it cites would not fit below it, whole or split (or a split note ran on).</summary>
    FootnoteWouldNotFit,

    /// <summary>The item did not fit, and the page may not end after the box before it (a heading): both go over.</summary>
    KeptWithNext,

    /// <summary>The item did not fit, and the break before it is forbidden (a widow or orphan line, a title's lines, a table's header and first row).</summary>
    WidowOrOrphan,

    /// <summary>The page could end later, but only after a hyphenated line; it ends at a free break a little higher.</summary>
    HyphenAtFoot,

    /// <summary>The vertical list forces a break here.</summary>
    ForcedBreak,
}
