using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using Publisher.Epub.Xhtml;

namespace Publisher.Epub.Package;

/// <summary>
/// Writes the EPUB 2 NCX (OPF 2.0.1 §2.4.1; EPUB 3.3 §5.9.5 keeps it as a legacy feature) for reading systems
/// that predate the navigation document. Its navMap mirrors the nav's toc entry for entry.
/// </summary>
internal static class NcxWriter
{
    private const string NcxNs = "http://www.daisy.org/z3986/2005/ncx/";

    /// <summary>The NCX's bytes.</summary>
    public static byte[] Write(PackageMetadata metadata, ImmutableArray<TocEntry> toc)
    {
        using var buffer = new MemoryStream();
        using (var x = XmlWriter.Create(buffer, XhtmlWriter.Settings(indent: true)))
        {
            x.WriteStartDocument();
            x.WriteStartElement("ncx", NcxNs);
            x.WriteAttributeString("version", "2005-1");
            x.WriteAttributeString("xml", "lang", null, metadata.Language);
            x.WriteStartElement("head", NcxNs);

            // dtb:uid must equal the package's unique identifier (epubcheck NCX-001).
            Meta(x, "dtb:uid", metadata.Identifier);
            Meta(x, "dtb:depth", Depth(toc).ToString(CultureInfo.InvariantCulture));
            Meta(x, "dtb:totalPageCount", "0");
            Meta(x, "dtb:maxPageNumber", "0");
            x.WriteEndElement();
            x.WriteStartElement("docTitle", NcxNs);
            x.WriteElementString("text", NcxNs, metadata.Title);
            x.WriteEndElement();
            foreach (var author in metadata.Authors)
            {
                x.WriteStartElement("docAuthor", NcxNs);
                x.WriteElementString("text", NcxNs, author);
                x.WriteEndElement();
            }

            x.WriteStartElement("navMap", NcxNs);
            var order = 0;
            WritePoints(x, toc, ref order);
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndDocument();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WritePoints(XmlWriter x, ImmutableArray<TocEntry> entries, ref int order)
    {
        foreach (var e in entries)
        {
            // playOrder follows reading order; every entry has its own target, so each gets its own number.
            order++;
            var n = order.ToString(CultureInfo.InvariantCulture);
            x.WriteStartElement("navPoint", NcxNs);
            x.WriteAttributeString("id", "navpoint-" + n);
            x.WriteAttributeString("playOrder", n);
            x.WriteStartElement("navLabel", NcxNs);
            x.WriteElementString("text", NcxNs, e.Label);
            x.WriteEndElement();
            x.WriteStartElement("content", NcxNs);
            x.WriteAttributeString("src", EpubPaths.TextFolder + e.Href);
            x.WriteEndElement();
            WritePoints(x, e.Children, ref order);
            x.WriteEndElement();
        }
    }

    private static int Depth(ImmutableArray<TocEntry> entries) =>
        entries.Length == 0 ? 0 : 1 + entries.Max(e => Depth(e.Children));

    private static void Meta(XmlWriter x, string name, string content)
    {
        x.WriteStartElement("meta", NcxNs);
        x.WriteAttributeString("name", name);
        x.WriteAttributeString("content", content);
        x.WriteEndElement();
    }
}
