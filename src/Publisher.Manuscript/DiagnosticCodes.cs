namespace Publisher.Manuscript;

/// <summary>
/// The codes of every diagnostic the manuscript loader reports. Codes are stable: authors search for them and tests
/// assert on them, so a code is never reused for another meaning; a retired code stays listed here as retired.
/// </summary>
internal static class DiagnosticCodes
{
    // Files and folders.

    /// <summary>Error: the manuscript folder does not exist, or it holds no <c>book.yml</c>.</summary>
    public const string MissingBookFile = "PUB1001";

    /// <summary>Error: a file exists but could not be read (an <see cref="IOException"/>).</summary>
    public const string UnreadableFile = "PUB1002";

    /// <summary>Error: a file is not valid UTF-8; reported at the first bad byte.</summary>
    public const string InvalidUtf8 = "PUB1003";

    /// <summary>Warning: control characters (other than tab and newline) were removed from a file.</summary>
    public const string ControlCharacters = "PUB1004";

    // book.yml.

    /// <summary>Error: <c>book.yml</c> is not well-formed YAML (or repeats a key).</summary>
    public const string YamlSyntax = "PUB1005";

    /// <summary>Error: <c>book.yml</c> uses anchors or aliases, or is implausibly large (alias-bomb guard).</summary>
    public const string YamlTooComplex = "PUB1006";

    /// <summary>Error: <c>book.yml</c> is empty, holds several documents, or its top level is not a mapping.</summary>
    public const string BookFileShape = "PUB1007";

    /// <summary>Error: a key that <c>book.yml</c> does not know; the hint names the nearest known key.</summary>
    public const string UnknownKey = "PUB1008";

    /// <summary>Error: a value of the wrong type, e.g. a list where a string belongs.</summary>
    public const string WrongType = "PUB1009";

    /// <summary>Error: a required key (the title) is missing or empty.</summary>
    public const string MissingKey = "PUB1010";

    /// <summary>Error: a value of the right type that is not valid: a date, a language tag, a chapter kind.</summary>
    public const string InvalidValue = "PUB1011";

    /// <summary>Error: two keys that say the same thing, e.g. both <c>author</c> and <c>authors</c>.</summary>
    public const string ConflictingKeys = "PUB1012";

    // The chapter list.

    /// <summary>Error: a chapter entry is neither a <c>.md</c> file nor a generated-page word.</summary>
    public const string InvalidChapterEntry = "PUB1013";

    /// <summary>Error: a chapter file listed in <c>book.yml</c> does not exist.</summary>
    public const string MissingChapterFile = "PUB1014";

    /// <summary>Error: the same chapter file is listed twice.</summary>
    public const string DuplicateChapterFile = "PUB1015";

    /// <summary>Error: the book has no chapter files at all.</summary>
    public const string NoChapters = "PUB1016";

    // Markdown.

    /// <summary>Warning: a second level-1 heading in a file; it is set as a level-2 heading.</summary>
    public const string ExtraTitleHeading = "PUB1017";

    /// <summary>
    /// Warning: a raw HTML block with block-level tags (div, p, ul, table...) the model has no equivalent for; its text
    /// is kept as paragraphs. Known-safe tags inside it still map to model nodes (see <c>Markdown/Html/HtmlPolicy</c>).
    /// </summary>
    public const string RawHtmlBlock = "PUB1018";

    /// <summary>
    /// Warning: a raw HTML tag with no equivalent in the book model (sup, abbr, u...): the tag is dropped, its text
    /// kept. Tags that do have one are not reported: em/i, strong/b, code, br, a (href and id), span.smallcaps, hr, pre.
    /// </summary>
    public const string RawHtmlInline = "PUB1019";

    /// <summary>
    /// Warning: an image that exists and reads as an image; images are not supported yet, so its alt text is kept.
    /// The problems an image can have are PUB1034–PUB1037.
    /// </summary>
    public const string ImageNotSupported = "PUB1020";

    /// <summary>Warning: <c>[^x]</c> cites a footnote that is not defined; the text is kept as written.</summary>
    public const string UndefinedFootnote = "PUB1021";

    /// <summary>Warning: a footnote is defined but never cited, so it is left out.</summary>
    public const string UnusedFootnote = "PUB1022";

    /// <summary>Warning: attributes on a block that cannot carry them (e.g. an id on a list); they are ignored.</summary>
    public const string IgnoredAttributes = "PUB1023";

    // Ids and cross-references.

    /// <summary>Error: an explicit id is used twice in the book; reported at the second use.</summary>
    public const string DuplicateId = "PUB1024";

    /// <summary>Error: an explicit id that is not a valid id (ASCII letter first, then letters, digits, '-', '_', '.').</summary>
    public const string InvalidId = "PUB1025";

    /// <summary>Error: a cross-reference <c>[](#x)</c> names an id that nothing in the book has.</summary>
    public const string BrokenCrossReference = "PUB1026";

    /// <summary>Warning: a <c>{#id}</c> that Markdown did not take as an id (e.g. a one-letter id after a space), printed as written.</summary>
    public const string LooseAnchorMark = "PUB1027";

    /// <summary>Error: Markdig refused a file (nesting deeper than its limit); the file is left out.</summary>
    public const string UnparsableMarkdown = "PUB1028";

    // Hostile or active content.

    /// <summary>
    /// Warning: a raw HTML element that is active or foreign content (script, style, iframe, object, embed, svg, form
    /// controls...) is removed with everything inside it.
    /// </summary>
    public const string RemovedHtmlElement = "PUB1029";

    /// <summary>Warning: an event-handler attribute (<c>onclick</c>, <c>onerror</c>, any <c>on*</c>) on a raw HTML tag is removed.</summary>
    public const string RemovedEventHandler = "PUB1030";

    /// <summary>
    /// Warning: a link (Markdown, autolink or <c>&lt;a href&gt;</c>) to a <c>javascript:</c>, <c>vbscript:</c> or
    /// <c>data:</c> URL; the link is removed and its text kept as plain text.
    /// </summary>
    public const string UnsafeLink = "PUB1031";

    // Limits and places.

    /// <summary>Error: a chapter or <c>book.yml</c> larger than <see cref="Text.SourceText.MaxBytes"/>; it is not read.</summary>
    public const string FileTooLarge = "PUB1032";

    /// <summary>
    /// Error: a chapter or image path that leaves the manuscript folder (an absolute path, or <c>..</c> above it); it
    /// is not read, so a manuscript cannot pull other files of the machine into a book.
    /// </summary>
    public const string OutsideManuscript = "PUB1033";

    // Images.

    /// <summary>Error: an image file that does not exist.</summary>
    public const string MissingImage = "PUB1034";

    /// <summary>Error: an image file that cannot be read as a PNG, JPEG, GIF or WebP image (corrupt, truncated, or another format).</summary>
    public const string BadImage = "PUB1035";

    /// <summary>Error: an image that would decode to more pixels than the limit, or a file over the size limit.</summary>
    public const string ImageTooLarge = "PUB1036";

    /// <summary>Warning: an image with a remote (http, https...) URL; it is never fetched, and its alt text is kept.</summary>
    public const string RemoteImage = "PUB1037";

    /// <summary>Warning: an emphasis marker (<c>*</c> or <c>_</c>) that opens or closes nothing; it is printed as written.</summary>
    public const string StrayEmphasisMarker = "PUB1038";

    // Chapters.

    /// <summary>
    /// Warning: a chapter file with nothing to print (empty, blank, or only comments and definitions). It is kept, so
    /// the chapters after it keep their numbers; reported at line 1.
    /// </summary>
    public const string EmptyChapter = "PUB1039";

    /// <summary>
    /// Warning: a body chapter with text but no title (no level-1 heading). It is listed in the contents and the
    /// EPUB's navigation by its number line ("Chapter 3"), as its first page prints it; reported at line 1. Front and
    /// back matter may have no title (a dedication, an epigraph, a colophon) and are then left out of the contents.
    /// </summary>
    public const string UntitledChapter = "PUB1040";

    /// <summary>
    /// Warning: a generated page (half-title, title page, contents) listed among the body chapters, where it is paged
    /// as a chapter, with arabic folios (before the first chapter, page 1 goes to it). (In a plain list, the generated
    /// pages before the first file are front matter.)
    /// </summary>
    public const string GeneratedPageInBody = "PUB1041";
}
