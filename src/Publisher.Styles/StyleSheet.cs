using System.Collections.Immutable;
using System.Globalization;
using Publisher.Model;

namespace Publisher.Styles;

/// <summary>
/// A resolved, validated style: everything the typesetter and the EPUB stylesheet generator need, with every
/// length in points and every font loaded. One definition drives both outputs.
/// </summary>
public sealed record StyleSheet
{
    /// <summary>The style's name (its folder name).</summary>
    public required string Name { get; init; }

    /// <summary>Page geometry for print.</summary>
    public required PageStyle Page { get; init; }

    /// <summary>The text face: the four styles of one family.</summary>
    public required FontFamily BodyFont { get; init; }

    /// <summary>The face for headings and display type (the body family unless the style names another).</summary>
    public required FontFamily DisplayFont { get; init; }

    /// <summary>
    /// The font for characters the body and display fonts lack (CJK, other scripts, symbols), or null. Each face falls
    /// back to the same style of this family (which may repeat its regular face).
    /// </summary>
    public FontFamily? FallbackFont { get; init; }

    /// <summary>
    /// The monospaced font for code (inline code and code blocks), or null to set code in the body font. Faces not
    /// given are the regular one: code is rarely italic or bold.
    /// </summary>
    public FontFamily? MonoFont { get; init; }

    /// <summary>Body text.</summary>
    public required TextStyle Body { get; init; }

    /// <summary>Section headings by level: index 0 is level 2 (the first level inside a chapter).</summary>
    public required ImmutableArray<HeadingStyle> Headings { get; init; }

    /// <summary>How a chapter opens.</summary>
    public required ChapterStyle Chapter { get; init; }

    /// <summary>Block quotations.</summary>
    public required BlockStyle Quote { get; init; }

    /// <summary>Footnotes.</summary>
    public required BlockStyle Footnote { get; init; }

    /// <summary>Tables.</summary>
    public required BlockStyle Table { get; init; }

    /// <summary>Lists: the indent of an item's text from the measure's left edge.</summary>
    public required Length ListIndent { get; init; }

    /// <summary>Running heads and folios.</summary>
    public required RunningHeadStyle RunningHeads { get; init; }

    /// <summary>Text colour.</summary>
    public Colour TextColor { get; init; } = new(0x1a, 0x1a, 0x1a);

    /// <summary>Hairline and accent colour.</summary>
    public Colour AccentColor { get; init; } = new(0x1a, 0x1a, 0x1a);

    /// <summary>Hyphenation pattern files by language tag (<c>en</c>, <c>en-us</c>): the TeX <c>\patterns</c> source.</summary>
    public ImmutableDictionary<string, StyleFile> Hyphenation { get; init; } = ImmutableDictionary<string, StyleFile>.Empty;

    /// <summary>Extra CSS appended to the EPUB stylesheet, if the style ships one.</summary>
    public string? ExtraEpubCss { get; init; }
}

/// <summary>A file that belongs to a style: where it came from and its bytes.</summary>
public sealed record StyleFile(string Path, byte[] Data)
{
    /// <summary>The file name, for EPUB manifest entries.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);
}

/// <summary>Trim size and margins. Inner is the gutter side (left on recto pages, right on verso).</summary>
public sealed record PageStyle(Length Width, Length Height, Length MarginInner, Length MarginOuter, Length MarginTop, Length MarginBottom)
{
    /// <summary>True when the style asks for <c>margin-inner: auto</c>: the typesetter sets it from the page count (see <see cref="Gutter"/>).</summary>
    public bool MarginInnerAuto { get; init; }

    /// <summary>The width of the text block.</summary>
    public Length Measure => Width - MarginInner - MarginOuter;

    /// <summary>The height of the text block.</summary>
    public Length TextHeight => Height - MarginTop - MarginBottom;
}

/// <summary>The four faces of a family.</summary>
public sealed record FontFamily(string Name, StyleFile Regular, StyleFile Italic, StyleFile Bold, StyleFile BoldItalic)
{
    /// <summary>All four, in a fixed order.</summary>
    public IEnumerable<StyleFile> Faces => [Regular, Italic, Bold, BoldItalic];
}

/// <summary>How running text is set.</summary>
public enum TextAlign
{
    /// <summary>Justified, hyphenated.</summary>
    Justify,

    /// <summary>Ragged right.</summary>
    Left,

    /// <summary>Centred.</summary>
    Center,

    /// <summary>Flush right.</summary>
    Right,
}

/// <summary>Body text settings.</summary>
public sealed record TextStyle(Length Size, Length Leading, Length Indent, Length ParagraphSpacing, TextAlign Align, bool Hyphenate);

/// <summary>Size and leading of a kind of block, plus its indents and space around it.</summary>
public sealed record BlockStyle(Length Size, Length Leading, Length IndentLeft, Length IndentRight, Length SpaceBefore, Length SpaceAfter, bool Italic);

/// <summary>A section heading level.</summary>
public sealed record HeadingStyle(Length Size, Length Leading, Length SpaceBefore, Length SpaceAfter, bool Bold, bool Italic, bool SmallCaps, TextAlign Align);

/// <summary>Chapter opening: space above the title (the sink), the number line and the title.</summary>
public sealed record ChapterStyle(
    Length Sink,
    string NumberFormat,
    Length NumberSize,
    Length TitleSize,
    Length TitleLeading,
    Length SpaceAfterTitle,
    TextAlign Align,
    bool NewRecto)
{
    /// <summary>
    /// The line chapter <paramref name="number"/> opens with: <see cref="NumberFormat"/> with <c>{n}</c> (arabic),
    /// <c>{N}</c> (roman) and <c>{word}</c> (spelled out) filled in; null when the format is empty and none is printed.
    /// The PDF and the EPUB both take it from here, so the two editions name a chapter alike.
    /// </summary>
    public string? NumberLine(int number) => NumberFormat.Length == 0
        ? null
        : NumberFormat
            .Replace("{n}", number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{N}", Numerals.Roman(number).ToUpperInvariant(), StringComparison.Ordinal)
            .Replace("{word}", Numerals.Word(number), StringComparison.Ordinal);
}

/// <summary>Running heads and folios.</summary>
public sealed record RunningHeadStyle(bool Enabled, Length Size, Length HeadBaseline, Length FolioBaseline, bool SmallCaps);
