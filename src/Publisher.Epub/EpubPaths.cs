namespace Publisher.Epub;

/// <summary>
/// Where everything sits inside the container. Every content document, the navigation document included, lives in
/// one folder, so links between them are bare file names (<c>ch01.xhtml#id</c>).
/// </summary>
/// <remarks>
/// <code>
/// mimetype                      stored, first (EPUB 3.3 §4.3.3)
/// META-INF/container.xml        points at the package document (EPUB 3.3 §4.2.6.3.1)
/// EPUB/package.opf              package document (EPUB 3.3 §5)
/// EPUB/toc.ncx                  EPUB 2 NCX for old reading systems (EPUB 3.3 §5.9.5, a legacy feature)
/// EPUB/styles/book.css          generated from the StyleSheet
/// EPUB/fonts/*.ttf|otf          the style's faces
/// EPUB/images/cover.png|jpg     the cover image (when the caller gives one)
/// EPUB/text/*.xhtml             one XHTML content document per division; nav.xhtml is the navigation document,
///                               cover.xhtml the cover page
/// </code>
/// </remarks>
internal static class EpubPaths
{
    /// <summary>The folder holding the package.</summary>
    public const string Root = "EPUB/";

    /// <summary>The package document's path in the container.</summary>
    public const string Package = Root + "package.opf";

    /// <summary>The NCX, relative to the package.</summary>
    public const string Ncx = "toc.ncx";

    /// <summary>The stylesheet, relative to the package.</summary>
    public const string Stylesheet = "styles/book.css";

    /// <summary>The content documents' folder, relative to the package.</summary>
    public const string TextFolder = "text/";

    /// <summary>The fonts' folder, relative to the package.</summary>
    public const string FontFolder = "fonts/";

    /// <summary>The navigation document's file name inside <see cref="TextFolder"/>.</summary>
    public const string NavFileName = "nav.xhtml";

    /// <summary>The cover page's file name inside <see cref="TextFolder"/>.</summary>
    public const string CoverPageFileName = "cover.xhtml";

    /// <summary>The images' folder, relative to the package.</summary>
    public const string ImageFolder = "images/";

    /// <summary>The image folder as a content document refers to it.</summary>
    public const string ImageFolderFromText = "../" + ImageFolder;

    /// <summary>The stylesheet as a content document links to it.</summary>
    public const string StylesheetFromText = "../" + Stylesheet;

    /// <summary>The font folder as the stylesheet refers to it.</summary>
    public const string FontFolderFromStylesheet = "../" + FontFolder;
}
