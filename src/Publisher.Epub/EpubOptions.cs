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

    // Room for the print page map (issue 4, item 3): when it is given, the nav gets a page-list and the package
    // metadata claims printPageNumbers (see Package/AccessibilityMetadata).
}

/// <summary>A cover image for the EPUB: its bytes, media type and text alternative.</summary>
/// <param name="Image">The image file's bytes.</param>
/// <param name="MediaType">A core media type for images (EPUB 3.3 §3.2): <c>image/png</c>, <c>image/jpeg</c>, <c>image/gif</c> or <c>image/webp</c>.</param>
public sealed record EpubCover(byte[] Image, string MediaType)
{
    /// <summary>The alt text. Null or blank: made from the title, subtitle and authors ("Cover: Title: Subtitle, by Author").</summary>
    public string? AltText { get; init; }
}
