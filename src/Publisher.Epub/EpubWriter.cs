using System.Collections.Immutable;
using System.Text;
using Publisher.Epub.Css;
using Publisher.Epub.Package;
using Publisher.Epub.Xhtml;
using Publisher.Epub.Zip;
using Publisher.Model;
using Publisher.Styles;

namespace Publisher.Epub;

/// <summary>
/// Writes a book as an EPUB 3 (EPUB 3.3, W3C Recommendation 2023): BookDocument + StyleSheet → .epub.
/// </summary>
/// <remarks>
/// Steps: <c>Metadata → Cover → Plan (files and ids) → Fonts → Stylesheet → Content documents → Navigation → NCX →
/// Accessibility metadata → Package document → Container</c>. The output depends only on the inputs: no clock, no random ids, a fixed ZIP
/// timestamp, so the same book gives the same bytes (house style 8.4.8).
/// </remarks>
public static class EpubWriter
{
    /// <summary>Writes the book as an EPUB 3 to <paramref name="output"/>. Returns warnings and errors found on the way; never throws for content problems.</summary>
    public static ImmutableArray<Diagnostic> Write(BookDocument book, StyleSheet style, EpubOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(style);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);

        var diagnostics = new DiagnosticBag();
        var metadata = PackageMetadata.From(book.Metadata, diagnostics);
        var cover = CoverImage.From(options.Cover, metadata, diagnostics);
        var plan = BookPlan.Create(book, cover is not null, diagnostics);
        var fonts = FontResources.Collect(style, diagnostics, FontResources.HasCode(book));
        var css = StylesheetGenerator.Generate(style, fonts);

        var manifest = ImmutableArray.CreateBuilder<ManifestItem>();
        var spine = ImmutableArray.CreateBuilder<string>();
        var toc = TableOfContents.Build(plan, style, metadata.Labels);
        var landmarks = TableOfContents.Landmarks(plan, metadata.Labels);
        var (markers, pageList) = options.PageMap is { } map ? PageMarkers.Place(map, plan) : ([], []);
        foreach (var doc in plan.Documents)
        {
            var docMarkers = markers.GetValueOrDefault(doc);
            var bytes = doc.Role switch
            {
                DocumentRole.Navigation => NavDocumentWriter.Write(metadata, plan, toc, landmarks, diagnostics, docMarkers, pageList),
                DocumentRole.Cover => CoverDocumentWriter.Write(metadata, EpubPaths.ImageFolderFromText + cover!.FileName, cover.AltText),
                _ => ContentDocumentWriter.Write(book, metadata, style, plan, doc, diagnostics, docMarkers),
            };

            // EPUB 3.3 §D.6.3: exactly one manifest item, the navigation document, has the "nav" property.
            var properties = doc.Role == DocumentRole.Navigation ? "nav" : null;
            manifest.Add(new ManifestItem(doc.ManifestId, doc.PackageHref, "application/xhtml+xml", properties, bytes));
            if (doc.InSpine)
            {
                spine.Add(doc.ManifestId);
            }
        }

        const string ncxId = "ncx";
        manifest.Add(new ManifestItem(ncxId, EpubPaths.Ncx, "application/x-dtbncx+xml", null, NcxWriter.Write(metadata, toc)));
        manifest.Add(new ManifestItem("css", EpubPaths.Stylesheet, "text/css", null, new UTF8Encoding(false).GetBytes(css)));
        if (cover is not null)
        {
            // EPUB 3.3 §D.6.1: the cover-image property marks the one image reading systems show in the library.
            // PNG and JPEG are already compressed, so the file is stored.
            manifest.Add(new ManifestItem(CoverImage.ManifestId, EpubPaths.ImageFolder + cover.FileName, cover.MediaType, "cover-image", cover.Data, Compress: false));
        }

        var codePoints = options.SubsetFont is null ? null : TextCodePoints(manifest, css);
        var fontNumber = 0;
        foreach (var font in fonts.DistinctBy(f => f.FileName))
        {
            fontNumber++;

            // Font files are already compressed (glyf tables compress a little; WOFF fully), but Deflate still saves a
            // third on TrueType, so they go through the same path; the ZIP writer stores anything that would grow.
            var data = codePoints is null ? font.Data : options.SubsetFont!(font.Data, codePoints) ?? font.Data;
            manifest.Add(new ManifestItem(FormattableString.Invariant($"font-{fontNumber}"), font.PackageHref, font.MediaType, null, data));
        }

        var images = cover is null ? 0 : 1;
        var facts = new AccessibilityFacts(images, ImagesWithAlt: images, PageList: !pageList.IsDefaultOrEmpty, AccessibilityMetadata.ConformanceBlockers(style, metadata));
        var accessibility = AccessibilityMetadata.Properties(facts);

        var package = PackageDocumentWriter.Write(metadata, manifest.ToImmutable(), spine.ToImmutable(), ncxId, accessibility,
            cover is null ? null : CoverImage.ManifestId, landmarks, pageList.IsDefaultOrEmpty ? null : options.PageMap!.Edition);
        WriteContainer(output, metadata, package, manifest.ToImmutable());
        return diagnostics.ToImmutable();
    }

    /// <summary>
    /// Every character the book's documents and stylesheet hold (markup included, which costs only ASCII), plus a
    /// base a reading system may draw with the book's fonts without it being in the text: printable ASCII, Latin-1
    /// and General Punctuation (hyphens for its own hyphenation, quotes, dashes, ellipsis, bullets).
    /// </summary>
    private static SortedSet<int> TextCodePoints(ImmutableArray<ManifestItem>.Builder manifest, string css)
    {
        var set = new SortedSet<int>();
        void AddRange(int from, int to)
        {
            for (var c = from; c <= to; c++)
            {
                set.Add(c);
            }
        }

        AddRange(0x20, 0x7E);
        AddRange(0xA0, 0xFF);
        AddRange(0x2000, 0x206F);
        set.Add(0x2212); // minus sign
        foreach (var text in manifest.Where(m => m.MediaType == "application/xhtml+xml").Select(m => Encoding.UTF8.GetString(m.Data)).Append(css))
        {
            foreach (var rune in text.EnumerateRunes())
            {
                set.Add(rune.Value);
            }
        }

        return set;
    }

    /// <summary>
    /// The OCF ZIP container (EPUB 3.3 §4.3): <c>mimetype</c> first and stored, then every other file deflated, in
    /// ordinal order of their paths, each with the book's modification time.
    /// </summary>
    private static void WriteContainer(Stream output, PackageMetadata metadata, byte[] package, ImmutableArray<ManifestItem> manifest)
    {
        var zip = new DeterministicZipWriter(metadata.Modified);
        zip.Add("mimetype", Encoding.ASCII.GetBytes("application/epub+zip"), compress: false);

        var files = new List<(string Path, byte[] Data, bool Compress)>
        {
            ("META-INF/container.xml", PackageDocumentWriter.Container(), true),
            (EpubPaths.Package, package, true),
        };
        files.AddRange(manifest.Select(m => (EpubPaths.Root + m.Href, m.Data, m.Compress)));
        foreach (var (path, data, compress) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            zip.Add(path, data, compress);
        }

        zip.WriteTo(output);
    }
}
