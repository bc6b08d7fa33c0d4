using Publisher.Epub.Xhtml;
using Publisher.Model;

namespace Publisher.Epub;

/// <summary>The cover image as the EPUB holds it: checked bytes, a file name for its media type, and its alt text.</summary>
internal sealed record CoverImage(byte[] Data, string MediaType, string FileName, string AltText)
{
    /// <summary>The cover image's manifest id.</summary>
    public const string ManifestId = "cover-image";

    /// <summary>The cover to embed, or null (with a warning when one was given but cannot be used).</summary>
    public static CoverImage? From(EpubCover? cover, PackageMetadata metadata, DiagnosticBag diagnostics)
    {
        if (cover is null)
        {
            return null;
        }

        if (cover.Image is not { Length: > 0 })
        {
            diagnostics.Warning("PUB4040", "The cover image is empty; the EPUB has no cover.");
            return null;
        }

        // EPUB 3.3 §3.2 core media types for raster images; SVG is left out because a cover page holding an SVG needs
        // the "svg" manifest property and a different page.
        var extension = (cover.MediaType ?? "").Trim().ToLowerInvariant() switch
        {
            "image/png" => ".png",
            "image/jpeg" => ".jpg",
            "image/gif" => ".gif",
            "image/webp" => ".webp",
            _ => null,
        };
        if (extension is null)
        {
            diagnostics.Warning("PUB4041", $"The cover image's media type '{cover.MediaType}' is not PNG, JPEG, GIF or WebP; the EPUB has no cover.");
            return null;
        }

        var alt = XmlText.Clean(cover.AltText, out _).Trim();
        return new CoverImage(cover.Image, cover.MediaType!.Trim().ToLowerInvariant(), "cover" + extension,
            alt.Length > 0 ? alt : CoverDocumentWriter.DefaultAltText(metadata));
    }
}
