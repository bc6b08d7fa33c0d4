using Publisher.Rendering.Finishing;
using Publisher.PageModel;
using SkiaSharp;

namespace Publisher.Rendering;

/// <summary>Options for the PDF.</summary>
public sealed record PdfOptions
{
    /// <summary>The producer string written into the document information.</summary>
    public string Producer { get; init; } = "Publisher";
}

/// <summary>Writes the page model as a PDF through Skia's PDF back end (fonts embedded and subset by Skia).</summary>
public static class PdfRenderer
{
    /// <summary>Renders every page into <paramref name="output"/>.</summary>
    public static void Render(PagedBook book, PdfOptions options, Stream output)
    {
        var m = book.Metadata;
        var when = m.Modified.UtcDateTime;
        var metadata = new SKDocumentPdfMetadata
        {
            Title = m.Title,
            Author = string.Join(", ", m.Authors),
            Subject = m.Subtitle ?? m.Description ?? "",
            Keywords = string.Join(", ", m.Subjects),
            Creator = "Publisher",
            Producer = options.Producer,
            Creation = when,
            Modified = when,
            RasterDpi = 300,
            EncodingQuality = 101,
        };
        using var drawer = new PageDrawer(book, subset: true);

        // Skia writes into memory; the finishing step then appends the outline, page labels, /Lang and XMP as an
        // incremental update (ISO 32000-1 §7.5.6) and writes both to the output.
        using var skia = new MemoryStream();
        using var wstream = new SKManagedWStream(skia);
        using (var document = SKDocument.CreatePdf(wstream, metadata))
        {
            foreach (var page in book.Pages)
            {
                var canvas = document.BeginPage((float)page.Width.Points, (float)page.Height.Points);
                drawer.Draw(canvas, page, annotations: true);
                document.EndPage();
            }

            document.Close();
        }

        wstream.Flush();
        PdfFinisher.Finish(skia.ToArray(), book, options.Producer, output);
    }
}
