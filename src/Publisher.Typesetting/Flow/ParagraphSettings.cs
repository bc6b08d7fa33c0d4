using Publisher.Styles;

namespace Publisher.Typesetting.Flow;

/// <summary>Which of the style's families a paragraph is set in.</summary>
internal enum ParagraphFamily
{
    /// <summary>The text face (fonts.body).</summary>
    Body,

    /// <summary>The face for headings and titles (fonts.display).</summary>
    Display,
}

/// <summary>
/// Everything about how a paragraph is set, apart from its text: size, leading, indents, alignment, hyphenation,
/// the face. A value, so that it is also the layout cache's key (inside <see cref="ParagraphKey"/>): a setting added
/// here is part of the key without anyone remembering to add it. Call sites name what differs from the defaults:
/// <c>new ParagraphSettings(size, leading) { Align = TextAlign.Right }</c>, or <c>body with { Indent = 0 }</c>.
/// </summary>
/// <param name="Size">The type size, in points.</param>
/// <param name="Leading">The distance between baselines, in points.</param>
internal sealed record ParagraphSettings(double Size, double Leading)
{
    /// <summary>Running text as the style sets it (size, leading, alignment, hyphenation), with no indent.</summary>
    public static ParagraphSettings Text(TextStyle text) =>
        new(text.Size.Points, text.Leading.Points) { Align = text.Align, Hyphenate = text.Hyphenate };

    /// <summary>The family the text is set in.</summary>
    public ParagraphFamily Family { get; init; } = ParagraphFamily.Body;

    /// <summary>The first line's indent, in points.</summary>
    public double Indent { get; init; }

    public TextAlign Align { get; init; } = TextAlign.Left;

    /// <summary>Whether the hyphenation patterns may break words (the author's soft hyphens always may).</summary>
    public bool Hyphenate { get; init; }

    /// <summary>How far every line stands in from the left of the measure, in points.</summary>
    public double LeftIndent { get; init; }

    /// <summary>How far every line stands in from the right of the measure, in points.</summary>
    public double RightIndent { get; init; }

    public bool Italic { get; init; }

    public bool Bold { get; init; }

    public bool SmallCaps { get; init; }

    /// <summary>The measure, in points; 0 for the text block's.</summary>
    public double Measure { get; init; }

    /// <summary>Ragged lines of even length rather than full lines and a short last one (headings, titles).</summary>
    public bool Balance { get; init; }

    /// <summary>How much a ragged line that continues one too long for the measure is indented (wrapped code).</summary>
    public double Hang { get; init; }
}
