using System.Collections.Immutable;
using Publisher.Model;

namespace Publisher.Epub;

/// <summary>Options for <see cref="EpubWriter.Write"/>: what the EPUB takes from outside the book model.</summary>
public sealed record EpubOptions
{
    /// <summary>The defaults: no cover image.</summary>
    public static EpubOptions Default { get; } = new();

    /// <summary>
    /// The cover image, made by the caller (the CLI renders one from the title with <c>Publisher.Rendering</c>, which
    /// this project does not reference). Null writes no cover page.
    /// </summary>
    public EpubCover? Cover { get; init; }

    /// <summary>
    /// Where the print edition's pages begin, from the typesetter. Given, each content document carries a page-break
    /// marker at each page start, the nav gets a page-list, and the package names the print edition as the source of
    /// the pagination and claims printPageNumbers.
    /// </summary>
    public PrintPageMap? PageMap { get; init; }

    /// <summary>
    /// Subsets a font file to the given code points (the CLI passes HarfBuzz's subsetter from
    /// <c>Publisher.Rendering</c>), returning null when it cannot. Given, each embedded font holds only what the book's
    /// text (and a base of Latin-1 and general punctuation, for what a reading system may add) needs: a tenth of the
    /// size. Null embeds the font files whole.
    /// </summary>
    public Func<byte[], IReadOnlyCollection<int>, byte[]?>? SubsetFont { get; init; }
}

/// <summary>The print edition's pages, in order, and a name for the edition they come from.</summary>
/// <param name="Edition">How the package names the print edition (its title and identifier, say).</param>
/// <param name="Pages">Every page of the print edition, in order: its printed label and where it begins in the text.</param>
public sealed record PrintPageMap(string Edition, ImmutableArray<PrintPage> Pages);

/// <summary>One print page: its label (the folio, printed or not) and its start; null for a page with no text (a blank verso).</summary>
public sealed record PrintPage(string Label, TextPosition? Start);

/// <summary>A cover image for the EPUB: its bytes, media type and text alternative.</summary>
/// <param name="Image">The image file's bytes.</param>
/// <param name="MediaType">A core media type for images (EPUB 3.3 §3.2): <c>image/png</c>, <c>image/jpeg</c>, <c>image/gif</c> or <c>image/webp</c>.</param>
public sealed record EpubCover(byte[] Image, string MediaType)
{
    /// <summary>The alt text. Null or blank: made from the title, subtitle and authors ("Cover: Title: Subtitle, by Author").</summary>
    public string? AltText { get; init; }
}
