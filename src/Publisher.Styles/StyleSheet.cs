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

    // The values below are design decisions the PDF and the EPUB both make. Each has a resolved default that follows
    // the values above (set one in a `with` to change it in both outputs); the typesetter and the CSS generator read
    // them here and nowhere else, so the two editions cannot drift apart again.
    private readonly TitlePageStyle? _titlePage;
    private readonly ListSpacing? _listSpacing;
    private readonly SceneBreakStyle? _sceneBreak;
    private readonly NoteRuleStyle? _noteRule;
    private readonly CodeStyle? _code;

    /// <summary>The title page's proportions, by default from the chapter title and the body.</summary>
    public TitlePageStyle TitlePage { get => _titlePage ?? TitlePageStyle.From(Chapter, Body); init => _titlePage = value; }

    /// <summary>The space around lists and between their items, by default from the body's leading.</summary>
    public ListSpacing ListSpacing { get => _listSpacing ?? ListSpacing.From(Body); init => _listSpacing = value; }

    /// <summary>The scene break: its mark and the space around it.</summary>
    public SceneBreakStyle SceneBreak { get => _sceneBreak ?? SceneBreakStyle.From(Body); init => _sceneBreak = value; }

    /// <summary>The rule above the footnotes.</summary>
    public NoteRuleStyle NoteRule { get => _noteRule ?? NoteRuleStyle.Default; init => _noteRule = value; }

    /// <summary>How code is sized.</summary>
    public CodeStyle Code { get => _code ?? CodeStyle.From(Body); init => _code = value; }
}

/// <summary>
/// The title page: the title, subtitle, author, edition and publisher lines, their sizes and the space between them.
/// <see cref="Top"/> (a fraction of the text block's height) has no meaning in a reflowable EPUB.
/// </summary>
public sealed record TitlePageStyle(
    double Top,
    Length TitleSize,
    Length TitleLeading,
    Length SubtitleSize,
    Length SubtitleLeading,
    Length SubtitleSpaceBefore,
    Length AuthorSize,
    Length AuthorLeading,
    Length AuthorSpaceBefore,
    Length EditionSpaceBefore,
    Length PublisherSize)
{
    /// <summary>
    /// The classic proportions: the title a third larger than a chapter title, the subtitle three quarters of one,
    /// the author a little larger than the text and four lines below, the publisher a little smaller at the foot.
    /// </summary>
    public static TitlePageStyle From(ChapterStyle chapter, TextStyle body)
    {
        var title = chapter.TitleSize * 1.3;
        var subtitle = chapter.TitleSize * 0.75;
        return new(0.12, title, title * 1.2, subtitle, subtitle * 1.3, subtitle * 0.8,
            body.Size * 1.15, body.Leading * 1.2, body.Leading * 4, body.Leading, body.Size * 0.95);
    }
}

/// <summary>Space before and after a list (a tight list's is smaller), and between the items of a loose list.</summary>
public sealed record ListSpacing(Length Around, Length AroundTight, Length BetweenItems)
{
    /// <summary>Half a line around a list and between loose items, a quarter line around a tight list.</summary>
    public static ListSpacing From(TextStyle body) => new(body.Leading * 0.5, body.Leading * 0.25, body.Leading * 0.5);
}

/// <summary>
/// A scene break: a centred <see cref="Mark"/> (or <see cref="FallbackMark"/> where the body font lacks it) with
/// <see cref="SpaceAround"/> above and below, one body line tall.
/// </summary>
public sealed record SceneBreakStyle(string Mark, string FallbackMark, Length SpaceAround)
{
    /// <summary>The asterism, else three spaced middle dots, with half a line above and below.</summary>
    public static SceneBreakStyle From(TextStyle body) => new("\u2042", "\u00B7\u2003\u00B7\u2003\u00B7", body.Leading * 0.5);
}

/// <summary>The rule above a page's footnotes (in the EPUB, above a chapter's notes): its length as a share of the measure, and its weight.</summary>
public sealed record NoteRuleStyle(double Width, Length Thickness)
{
    /// <summary>A 0.4 pt hairline, 30 % of the measure, as book typography sets it (Bringhurst's short rule).</summary>
    public static readonly NoteRuleStyle Default = new(0.3, Length.Pt(0.4));
}

/// <summary>
/// A code block: its size when it is set in the body face (a mono font is scaled to the body's x-height instead), the
/// space above and below it, and how far it stands in from the text's left edge. Print and the EPUB's <c>pre</c> read
/// the same values.
/// </summary>
public sealed record CodeStyle(double BodyFaceScale, Length SpaceAround, Length Indent)
{
    /// <summary>Nine tenths of the body size, half a line above and below, indented as a paragraph's first line.</summary>
    public static CodeStyle From(TextStyle body) => new(0.9, body.Leading * 0.5, body.Indent);
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
public sealed record HeadingStyle(Length Size, Length Leading, Length SpaceBefore, Length SpaceAfter, bool Bold, bool Italic, bool SmallCaps, TextAlign Align)
{
    /// <summary>
    /// How the heading's lines are set: a justified heading is set flush left, since stretching the word spaces of a
    /// short, balanced display line only makes holes in it.
    /// </summary>
    public TextAlign LineAlign => Align == TextAlign.Justify ? TextAlign.Left : Align;
}

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
    /// <summary>Whether the number line is set in small caps (<c>chapter.number-small-caps</c>).</summary>
    public bool NumberSmallCaps { get; init; } = true;

    /// <summary>The number line's leading: 1.4 times its size.</summary>
    public Length NumberLeading => NumberSize * 1.4;

    /// <summary>The space between the number line and the title: one number size.</summary>
    public Length NumberSpaceAfter => NumberSize;

    /// <summary>
    /// The line chapter <paramref name="number"/> opens with: <see cref="NumberFormat"/> with <c>{chapter}</c> (the
    /// book's word for it, <paramref name="chapterWord"/>), <c>{n}</c> (arabic), <c>{N}</c> (roman) and <c>{word}</c>
    /// (spelled out) filled in; null when the format is empty and none is printed. The PDF and the EPUB both take it
    /// from here, so the two editions name a chapter alike.
    /// </summary>
    public string? NumberLine(int number, string chapterWord) => NumberFormat.Length == 0
        ? null
        : NumberFormat
            .Replace("{chapter}", chapterWord, StringComparison.Ordinal)
            .Replace("{n}", number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{N}", Numerals.Roman(number).ToUpperInvariant(), StringComparison.Ordinal)
            .Replace("{word}", Numerals.Word(number), StringComparison.Ordinal);
}

/// <summary>Running heads and folios.</summary>
public sealed record RunningHeadStyle(bool Enabled, Length Size, Length HeadBaseline, Length FolioBaseline, bool SmallCaps);
