using System.Security.Cryptography;
using Publisher.PageModel;

namespace Publisher.Rendering.Finishing;

// The finishing step: Skia's PDF in, the same PDF with document-level structure added out.
//
// Skia's PDF back end draws pages, fonts, links and named destinations, but writes no outline, no page labels, no
// /Lang and no XMP. This step adds them as one incremental update (ISO 32000-1 §7.5.6) appended to Skia's bytes:
//
//   read   the trailer, the xref table and the page tree of Skia's file (PdfFileReader)
//   build  the outline (OutlineWriter), the page-label number tree (PageLabelWriter), the XMP packet (XmpPacket)
//          and a newer definition of the Catalog that keeps every key Skia wrote (/Pages, /Dests) and adds ours
//   write  those objects, an xref section for them and a trailer with /Prev and a content-derived /ID
//          (IncrementalUpdate)
//
// Skia's bytes stay an exact prefix of the result, so nothing Skia wrote can be damaged, and the update is a few
// kilobytes whatever the book's size. Everything is a function of Skia's bytes and the page model: no clock, no
// random IDs, so two builds are byte-identical.

/// <summary>Adds the outline, page labels, language and XMP metadata to a PDF written by Skia.</summary>
internal static class PdfFinisher
{
    /// <summary>
    /// Writes <paramref name="skiaPdf"/> followed by an incremental update for <paramref name="book"/> to
    /// <paramref name="output"/>.
    /// </summary>
    /// <param name="skiaPdf">The complete file Skia wrote for <paramref name="book"/>.</param>
    /// <param name="book">The page model the file was drawn from.</param>
    /// <param name="producer">The producer written in /Info, repeated in the XMP.</param>
    /// <param name="output">Where the finished file goes.</param>
    public static void Finish(byte[] skiaPdf, PagedBook book, string producer, Stream output)
    {
        var update = Update(skiaPdf, book, producer);
        output.Write(skiaPdf);
        output.Write(update);
    }

    /// <summary>The incremental update's bytes, to append to <paramref name="skiaPdf"/>.</summary>
    public static byte[] Update(byte[] skiaPdf, PagedBook book, string producer)
    {
        if (skiaPdf.Length == 0)
        {
            throw new InvalidDataException("PDF finishing: Skia wrote an empty file");
        }

        var file = new PdfFileReader(skiaPdf);
        if (file.Trailer["Encrypt"] is not null)
        {
            // Strings in an encrypted file must be encrypted too (§7.6); Skia never encrypts, so this is a misuse.
            throw new InvalidDataException("PDF finishing: the file is encrypted");
        }

        var pages = file.Pages();
        if (pages.Count != book.Pages.Length)
        {
            throw new InvalidDataException($"PDF finishing: the file has {pages.Count} pages but the book has {book.Pages.Length}");
        }

        var rootRef = file.Root;
        var catalog = file.ReadDictionary(rootRef, "the Catalog");
        var infoDict = file.Trailer["Info"] is { } infoRef ? file.ReadDictionary(infoRef, "the /Info dictionary") : null;
        var info = Agree(DocumentInfo.From(book.Metadata, producer), infoDict);

        // New objects take the numbers from the old /Size up (§7.5.6: an update may add objects), in file order.
        var next = file.Size;
        var outline = OutlineWriter.Build(book.Outline, pages, [.. book.Pages.Select(p => p.Height.Points)], next);
        next += outline.Length;
        var labelsNumber = next++;
        var labels = PageLabelWriter.NumberTree(PageLabelWriter.Ranges([.. book.Pages.Select(p => p.Folio)]));
        var metadataNumber = next++;

        // §7.7.2 Table 28. Keys Skia wrote are kept in place (/Type, /Pages, /Dests: its named destinations for our
        // anchors, a PDF 1.1 name dictionary that links inside the pages point at); ours are set or added.
        if (outline.Length > 0)
        {
            catalog = catalog.With("Outlines", PdfReference.To(outline[0].Number));
        }

        catalog = catalog
            .With("PageLabels", PdfReference.To(labelsNumber))
            .With("Metadata", PdfReference.To(metadataNumber))
            .With("Lang", PdfString.Text(book.Metadata.Language));
        if (outline.Length > 0)
        {
            // §12.2: open with the bookmarks panel showing; only worth it when there are bookmarks.
            catalog = catalog.With("PageMode", new PdfName("UseOutlines"));
        }

        // §12.2 Table 150: show /Title (not the file name) in the window's title bar.
        catalog = catalog.With("ViewerPreferences", PdfDictionary.Of(("DisplayDocTitle", new PdfBoolean(true))));

        var metadataDict = PdfDictionary.Of(("Type", new PdfName("Metadata")), ("Subtype", new PdfName("XML")));
        var ids = Identify(skiaPdf, catalog, outline, labels, XmpPacket.Write(info, book.Metadata, null, null));
        var xmp = XmpPacket.Write(info, book.Metadata, Uuid(ids.Document), Uuid(ids.Instance));

        using var update = new IncrementalUpdate(skiaPdf.Length, skiaPdf[^1]);
        update.Add(rootRef.Number, rootRef.Generation, catalog);
        foreach (var (number, value) in outline)
        {
            update.Add(number, 0, value);
        }

        update.Add(labelsNumber, 0, labels);
        update.AddStream(metadataNumber, 0, metadataDict, xmp);

        // §7.5.6: the update's trailer repeats the previous one's entries (Root, Info) and adds /Prev. §14.4: the
        // first /ID element is permanent, so one an earlier writer set is kept; Skia sets none unless asked for PDF/A.
        var firstId = file.Trailer["ID"] is PdfArray { Items: [PdfString first, _] } ? first : PdfString.Binary(ids.Document);
        var trailer = file.Trailer
            .With("Size", PdfNumber.Of(next))
            .With("ID", new PdfArray([firstId, PdfString.Binary(ids.Instance)]))
            .With("Prev", PdfNumber.Of(file.StartXref));
        return update.Finish(trailer);
    }

    /// <summary>
    /// Takes the /Info values Skia actually wrote where it wrote them, so the XMP repeats them exactly (§14.3.2 asks
    /// that the two agree); the metadata fills any that are missing.
    /// </summary>
    private static DocumentInfo Agree(DocumentInfo info, PdfDictionary? dict)
    {
        string Text(string key, string fallback) => dict?[key] is PdfString s ? s.AsText() : fallback;
        return info with
        {
            Title = Text("Title", info.Title),
            Subject = Text("Subject", info.Subject),
            Creator = Text("Creator", info.Creator),
            Producer = Text("Producer", info.Producer),
        };
    }

    /// <summary>
    /// Two 16-byte identifiers from a SHA-256 of everything the file will hold except the identifiers themselves:
    /// Skia's bytes, our objects, and the XMP without its IDs. The same book gives the same IDs (§14.4 asks only that
    /// they be unique to the file's content, which a hash of that content is), and any change gives new ones.
    /// </summary>
    private static (byte[] Document, byte[] Instance) Identify(byte[] skiaPdf, PdfDictionary catalog,
        IEnumerable<(int Number, PdfObject Value)> outline, PdfDictionary labels, byte[] xmpWithoutIds)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(skiaPdf);
        using var objects = new MemoryStream();
        PdfSerializer.Write(catalog, objects);
        foreach (var (_, value) in outline)
        {
            PdfSerializer.Write(value, objects);
        }

        PdfSerializer.Write(labels, objects);
        hash.AppendData(objects.ToArray());
        hash.AppendData(xmpWithoutIds);
        var digest = hash.GetHashAndReset();
        return (digest[..16], digest[16..]);
    }

    /// <summary>
    /// A <c>uuid:</c> URI (the form XMP media management uses) from 16 bytes, marked as an RFC 9562 version 8
    /// ("custom") UUID so it is well-formed without claiming to be random or name-based.
    /// </summary>
    internal static string Uuid(byte[] bytes)
    {
        var b = (byte[])bytes.Clone();
        b[6] = (byte)((b[6] & 0x0F) | 0x80);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(b);
        return $"uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
