using Publisher.Typesetting.Fonts;

namespace Publisher.Typesetting.Inline;

/// <summary>How a stretch of text is set: face, size, small capitals, baseline shift, and where it links.</summary>
internal sealed record RunStyle(FontFace Face, double Size, bool SmallCaps = false, double Rise = 0, string? LinkAnchor = null, string? LinkUrl = null, bool NoHyphenation = false,
    bool Strike = false);

/// <summary>
/// A stretch of paragraph text in one style, or a zero-width marker (an anchor or a footnote citation). Collected
/// from the book model's inlines before shaping.
/// </summary>
internal sealed class Run
{
    public required string Text { get; init; }

    public required RunStyle Style { get; init; }

    /// <summary>An anchor id placed at this point (for zero-width marker runs).</summary>
    public string? AnchorId { get; init; }

    /// <summary>A footnote cited here, for the page builder to place on the same page.</summary>
    public string? NoteId { get; init; }

    /// <summary>True for text the typesetter made (note numbers, "p. 23"): it does not count towards text positions.</summary>
    public bool Generated { get; init; }

    /// <summary>Counted characters of the leaf before this run (see <see cref="Publisher.Model.TextLeaves"/>).</summary>
    public int CountBase { get; set; }

    /// <summary>A forced line break (a hard break in the manuscript) stands here.</summary>
    public bool ForcedBreak { get; init; }
}

/// <summary>A piece of a run that the line breaker sees as one box: glyphs [GlyphStart, GlyphEnd) and the characters they show.</summary>
internal readonly record struct Piece(int Run, int GlyphStart, int GlyphEnd, int CharStart, int CharEnd);
