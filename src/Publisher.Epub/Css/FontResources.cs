using System.Collections.Immutable;
using Publisher.Model;
using Publisher.Styles;

namespace Publisher.Epub.Css;

/// <summary>One embedded face: its family, CSS weight and style, and where the file sits in the package.</summary>
internal sealed record EmbeddedFont(string Family, string Weight, string Style, string FileName, string MediaType, byte[] Data)
{
    /// <summary>The path relative to the package document.</summary>
    public string PackageHref => EpubPaths.FontFolder + FileName;
}

/// <summary>Collects the style's font files for embedding (EPUB 3.3 §3.2: TrueType and OpenType are core media types).</summary>
internal static class FontResources
{
    /// <summary>
    /// The faces of the body family, then of the display family when it is a different one, then of the fallback font,
    /// then of the mono font when <paramref name="withCode"/> (a book without code does not carry a font for it).
    /// </summary>
    public static ImmutableArray<EmbeddedFont> Collect(StyleSheet style, DiagnosticBag diagnostics, bool withCode = false)
    {
        var fonts = ImmutableArray.CreateBuilder<EmbeddedFont>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var byData = new Dictionary<StyleFile, string>();
        Add(style.BodyFont);
        if (!SameFamily(style.BodyFont, style.DisplayFont))
        {
            Add(style.DisplayFont);
        }

        if (style.FallbackFont is { } fallback)
        {
            Add(fallback);
        }

        if (withCode && style.MonoFont is { } mono)
        {
            Add(mono);
        }

        return fonts.ToImmutable();

        void Add(FontFamily family)
        {
            (StyleFile File, string Weight, string Style)[] faces =
            [
                (family.Regular, "normal", "normal"),
                (family.Italic, "normal", "italic"),
                (family.Bold, "bold", "normal"),
                (family.BoldItalic, "bold", "italic"),
            ];
            foreach (var (file, weight, fontStyle) in faces)
            {
                if (file is null || file.Data is null || file.Data.Length == 0)
                {
                    diagnostics.Warning("PUB4030", $"The font '{file?.Path}' of '{family.Name}' is empty; the EPUB does not embed it.");
                    continue;
                }

                var mediaType = MediaType(file.FileName);
                if (mediaType is null)
                {
                    diagnostics.Warning("PUB4031", $"The font '{file.FileName}' is not TrueType, OpenType or WOFF; the EPUB does not embed it.",
                        null, "EPUB 3.3 §3.2 lists the font types every reading system supports: .ttf, .otf, .woff, .woff2.");
                    continue;
                }

                // A family whose styles reuse one file (a style without an italic) embeds it once and points every
                // @font-face at it.
                if (!byData.TryGetValue(file, out var name))
                {
                    var ext = Path.GetExtension(file.FileName).ToLowerInvariant();
                    var stem = Names.ToFileStem(Path.GetFileNameWithoutExtension(file.FileName));
                    name = Names.Unique(stem.Length == 0 ? "font" : stem, usedNames) + ext;
                    byData[file] = name;
                }

                fonts.Add(new EmbeddedFont(family.Name, weight, fontStyle, name, mediaType, file.Data));
            }
        }
    }

    private static bool SameFamily(FontFamily a, FontFamily b) =>
        ReferenceEquals(a, b) || (a.Name == b.Name && a.Faces.Zip(b.Faces).All(p => p.First.Data.AsSpan().SequenceEqual(p.Second.Data)));

    /// <summary>
    /// EPUB 3.3 §3.2's font media types. epubcheck 4.2.6 (EPUB 3.2) accepts <c>font/ttf</c> and <c>font/otf</c>,
    /// the registered types since RFC 8081, so we use those rather than the older <c>application/font-sfnt</c>.
    /// </summary>
    internal static string? MediaType(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".ttf" => "font/ttf",
        ".otf" => "font/otf",
        ".woff" => "font/woff",
        ".woff2" => "font/woff2",
        _ => null,
    };

    /// <summary>Whether any text of the book is code: a code block, or inline code in a title, block or note.</summary>
    public static bool HasCode(BookDocument book) =>
        book.Divisions.Any(d => Code(Or(d.Title)) || Blocks(Or(d.Blocks)) || Or(d.Footnotes).Any(n => Blocks(Or(n.Blocks))));

    // A model built in code (tests, tools) may leave an array unset: nothing there.
    private static ImmutableArray<T> Or<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;

    private static bool Blocks(IEnumerable<Block> blocks) =>
        blocks.Any(b => b switch
        {
            CodeBlock => true,
            QuoteBlock q => Blocks(Or(q.Blocks)),
            ListBlock l => Or(l.Items).Any(i => Blocks(Or(i.Blocks))),
            _ => false,
        }) || TextLeaves.Of(blocks).Any(leaf => Code(leaf));

    private static bool Code(IEnumerable<Inline> inlines) =>
        inlines.Any(i => i is CodeInline || (i is ContainerInline c && Code(Or(c.Children))));
}
