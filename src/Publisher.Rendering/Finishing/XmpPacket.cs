using System.Globalization;
using System.Text;
using System.Xml;
using Publisher.Model;

namespace Publisher.Rendering.Finishing;

/// <summary>The document-information values the PDF carries twice: in the /Info dictionary (Skia) and in XMP (us).</summary>
/// <param name="Title">/Title and dc:title.</param>
/// <param name="Authors">dc:creator, one per author; /Author is them joined with ", ".</param>
/// <param name="Subject">/Subject and dc:description: the subtitle, else the description.</param>
/// <param name="Keywords">dc:subject, one per keyword; /Keywords and pdf:Keywords are them joined with ", ".</param>
/// <param name="Creator">/Creator and xmp:CreatorTool.</param>
/// <param name="Producer">/Producer and pdf:Producer.</param>
/// <param name="Modified">/CreationDate, /ModDate and the three XMP dates: the build's one timestamp.</param>
internal sealed record DocumentInfo(
    string Title,
    IReadOnlyList<string> Authors,
    string Subject,
    IReadOnlyList<string> Keywords,
    string Creator,
    string Producer,
    DateTimeOffset Modified)
{
    /// <summary>
    /// The values <see cref="PdfRenderer"/> hands Skia for /Info, from the same metadata the same way, so the XMP
    /// and /Info agree (ISO 32000-1 §14.3.2 wants them to; PDF/A requires it).
    /// </summary>
    public static DocumentInfo From(BookMetadata m, string producer) => new(
        m.Title,
        [.. m.Authors],
        m.Subtitle ?? m.Description ?? "",
        [.. m.Subjects],
        "Publisher",
        producer,
        m.Modified);

    /// <summary>The /Info /Author value.</summary>
    public string Author => string.Join(", ", Authors);

    /// <summary>The /Info /Keywords value.</summary>
    public string KeywordList => string.Join(", ", Keywords);
}

/// <summary>
/// Writes the document's XMP metadata packet (ISO 32000-1 §14.3.2; XMP, ISO 16684-1): Dublin Core, XMP basic, the
/// PDF schema and media-management IDs. Written as UTF-8 with the standard packet wrapper, uncompressed, so tools that
/// scan files for XMP find it.
/// </summary>
internal static class XmpPacket
{
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Dc = "http://purl.org/dc/elements/1.1/";
    private const string Xmp = "http://ns.adobe.com/xap/1.0/";
    private const string Pdf = "http://ns.adobe.com/pdf/1.3/";
    private const string XmpMM = "http://ns.adobe.com/xap/1.0/mm/";

    /// <summary>
    /// The packet's bytes. <paramref name="documentId"/> and <paramref name="instanceId"/> are <c>uuid:</c> URIs,
    /// or null to leave the IDs out (the form the content hash is taken over, before the IDs exist).
    /// </summary>
    public static byte[] Write(DocumentInfo info, BookMetadata m, string? documentId, string? instanceId)
    {
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = " ",
            NewLineChars = "\n",
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, settings))
        {
            // XMP §7.3.2: the begin attribute holds U+FEFF, which tells a scanner the packet's encoding.
            w.WriteProcessingInstruction("xpacket", "begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"");
            w.WriteStartElement("x", "xmpmeta", "adobe:ns:meta/");
            w.WriteStartElement("rdf", "RDF", Rdf);
            w.WriteStartElement("rdf", "Description", Rdf);
            w.WriteAttributeString("rdf", "about", Rdf, "");
            w.WriteAttributeString("xmlns", "dc", null, Dc);
            w.WriteAttributeString("xmlns", "xmp", null, Xmp);
            w.WriteAttributeString("xmlns", "pdf", null, Pdf);
            w.WriteAttributeString("xmlns", "xmpMM", null, XmpMM);

            w.WriteElementString("dc", "format", Dc, "application/pdf");
            Alt(w, "title", info.Title);
            List(w, "creator", "Seq", info.Authors);
            if (info.Subject.Length > 0)
            {
                Alt(w, "description", info.Subject);
            }

            if (m.Language.Length > 0)
            {
                List(w, "language", "Bag", [m.Language]);
            }
            if (m.Rights is { Length: > 0 } rights)
            {
                Alt(w, "rights", rights);
            }

            List(w, "subject", "Bag", info.Keywords);
            if (m.Publisher is { Length: > 0 } publisher)
            {
                List(w, "publisher", "Bag", [publisher]);
            }

            w.WriteElementString("dc", "identifier", Dc, m.Identifier);

            // The same instant as /CreationDate and /ModDate, which Skia writes to the second in UTC.
            var date = Date(info.Modified);
            w.WriteElementString("xmp", "CreateDate", Xmp, date);
            w.WriteElementString("xmp", "ModifyDate", Xmp, date);
            w.WriteElementString("xmp", "MetadataDate", Xmp, date);
            w.WriteElementString("xmp", "CreatorTool", Xmp, info.Creator);
            w.WriteElementString("pdf", "Producer", Pdf, info.Producer);
            if (info.Keywords.Count > 0)
            {
                w.WriteElementString("pdf", "Keywords", Pdf, info.KeywordList);
            }

            if (documentId is not null)
            {
                w.WriteElementString("xmpMM", "DocumentID", XmpMM, documentId);
            }

            if (instanceId is not null)
            {
                w.WriteElementString("xmpMM", "InstanceID", XmpMM, instanceId);
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteWhitespace("\n");

            // "w": the packet may be edited in place (XMP §7.3.2); there is no padding, so an editor that grows it
            // rewrites the stream, which any PDF editor does anyway.
            w.WriteProcessingInstruction("xpacket", "end=\"w\"");
        }

        return buffer.ToArray();
    }

    /// <summary>An ISO 8601 UTC timestamp to the second, as XMP dates are written (XMP §8.2.1.2).</summary>
    public static string Date(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Alt(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("dc", name, Dc);
        w.WriteStartElement("rdf", "Alt", Rdf);
        w.WriteStartElement("rdf", "li", Rdf);
        w.WriteAttributeString("xml", "lang", null, "x-default");
        w.WriteString(value);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void List(XmlWriter w, string name, string kind, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartElement("dc", name, Dc);
        w.WriteStartElement("rdf", kind, Rdf);
        foreach (var v in values)
        {
            w.WriteElementString("rdf", "li", Rdf, v);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }
}
