using System.Collections.Immutable;
using Publisher.Model;

namespace Publisher.PageModel;

/// <summary>
/// The page model: what layout hands to every renderer (PDF, PNG). Coordinates are points from the page's top-left
/// corner, y growing downwards; a glyph run's y is its baseline. Nothing here knows about Skia.
/// </summary>
public sealed record PagedBook(
    BookMetadata Metadata,
    ImmutableArray<Page> Pages,
    ImmutableArray<FontRef> Fonts,
    ImmutableArray<OutlineEntry> Outline,
    ImmutableDictionary<string, AnchorLocation> Anchors)
{
    /// <summary>The page index (0-based) and printed folio where an id lands.</summary>
    public AnchorLocation? Locate(string id) => Anchors.TryGetValue(id, out var a) ? a : null;
}

/// <summary>A font used by the pages: its file's bytes and a name for humans. Glyph runs point at it by index.</summary>
public sealed record FontRef(string Name, byte[] Data);

/// <summary>Where an anchor landed: page index, the folio printed there, and the y of its line.</summary>
public sealed record AnchorLocation(int PageIndex, string Folio, Length Y);

/// <summary>An entry of the PDF outline (bookmarks): a chapter (level 1) or section (2+).</summary>
public sealed record OutlineEntry(string Title, int Level, string AnchorId, int PageIndex, Length Y);

/// <summary>What kind of page this is, for running heads, folios and checks.</summary>
public enum PageKind
{
    /// <summary>A page of running text.</summary>
    Text,

    /// <summary>The first page of a chapter: no running head.</summary>
    Opener,

    /// <summary>A display page (half-title, title page, copyright): no head, no folio.</summary>
    Display,

    /// <summary>A blank page inserted so the next chapter opens on a recto: no head, no folio.</summary>
    Blank,
}

/// <summary>One page.</summary>
public sealed record Page(
    int Index,
    Length Width,
    Length Height,
    string Folio,
    bool FolioShown,
    PageKind Kind,
    string? DivisionId,
    ImmutableArray<FrameItem> Items)
{
    /// <summary>Where the page begins in the manuscript's text (null for a blank page), for the EPUB's page-break markers.</summary>
    public TextPosition? Start { get; init; }

    /// <summary>True for right-hand pages (odd page numbers counting from 1).</summary>
    public bool IsRecto => Index % 2 == 0;
}

/// <summary>An item on a page.</summary>
public abstract record FrameItem;

/// <summary>
/// Shaped glyphs on one baseline in one font and size. <see cref="Text"/> is the text they show and
/// <see cref="Clusters"/> maps each glyph to the UTF-16 index of its first character in it, so renderers can make
/// the text extractable (ligatures included).
/// </summary>
public sealed record GlyphRunItem(
    Length X,
    Length Y,
    int Font,
    Length Size,
    ImmutableArray<ushort> Glyphs,
    ImmutableArray<double> Offsets,
    string Text,
    ImmutableArray<int> Clusters,
    Colour Color) : FrameItem;

/// <summary>A straight line (footnote separator, table rules).</summary>
public sealed record RuleItem(Length X1, Length Y1, Length X2, Length Y2, Length Thickness, Colour Color) : FrameItem;

/// <summary>A clickable area: to an anchor in the book or to a URL.</summary>
public sealed record LinkItem(Length X, Length Y, Length Width, Length Height, string? AnchorId, string? Url) : FrameItem;

/// <summary>A named destination: the place a link or an outline entry jumps to.</summary>
public sealed record AnchorItem(string Id, Length Y) : FrameItem;
