using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using Publisher.Epub.Xhtml;

namespace Publisher.Epub.Package;

/// <summary>
/// Writes the package document (EPUB 3.3 §5): metadata (§5.5), manifest (§5.6) and spine (§5.7), plus the
/// OCF <c>META-INF/container.xml</c> that points at it (§4.2.6.3.1).
/// </summary>
internal static class PackageDocumentWriter
{
    private const string OpfNs = "http://www.idpf.org/2007/opf";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";
    private const string ContainerNs = "urn:oasis:names:tc:opendocument:xmlns:container";
    private const string IdentifierId = "pub-id";

    /// <summary>
    /// The package document's bytes. <paramref name="manifest"/> is in manifest order; <paramref name="spine"/> lists
    /// manifest ids; <paramref name="accessibility"/> are the accessibility <c>meta</c> properties;
    /// <paramref name="coverImageId"/> names the cover image's manifest item, if any; <paramref name="landmarks"/> are
    /// repeated in the OPF 2 <c>guide</c> where EPUB 2 has a type for them.
    /// </summary>
    public static byte[] Write(PackageMetadata m, ImmutableArray<ManifestItem> manifest, ImmutableArray<string> spine, string ncxId,
        ImmutableArray<(string Property, string Value)> accessibility, string? coverImageId, ImmutableArray<Landmark> landmarks, string? paginationSource = null)
    {
        using var buffer = new MemoryStream();
        using (var x = XmlWriter.Create(buffer, XhtmlWriter.Settings(indent: true)))
        {
            x.WriteStartDocument();
            x.WriteStartElement("package", OpfNs);
            x.WriteAttributeString("version", "3.0");
            x.WriteAttributeString("unique-identifier", IdentifierId);
            x.WriteAttributeString("xml", "lang", null, m.Language);
            WriteMetadata(x, m, accessibility, coverImageId, paginationSource);

            x.WriteStartElement("manifest", OpfNs);
            foreach (var item in manifest)
            {
                x.WriteStartElement("item", OpfNs);
                x.WriteAttributeString("id", item.Id);
                x.WriteAttributeString("href", item.Href);
                x.WriteAttributeString("media-type", item.MediaType);
                if (item.Properties is not null)
                {
                    x.WriteAttributeString("properties", item.Properties);
                }

                x.WriteEndElement();
            }

            x.WriteEndElement();

            // toc= names the NCX for EPUB 2 reading systems (OPF 2.0.1 §2.4; EPUB 3.3 §5.7.1 keeps the attribute as legacy).
            x.WriteStartElement("spine", OpfNs);
            x.WriteAttributeString("toc", ncxId);
            foreach (var idref in spine)
            {
                x.WriteStartElement("itemref", OpfNs);
                x.WriteAttributeString("idref", idref);
                x.WriteEndElement();
            }

            x.WriteEndElement();
            WriteGuide(x, landmarks);
            x.WriteEndElement();
            x.WriteEndDocument();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>
    /// The OPF 2 guide (OPF 2.0.1 §2.6; EPUB 3.3 §5.8.1 keeps it as a legacy feature): the landmarks again, for EPUB 2
    /// reading systems, which look there for the cover and where the text starts.
    /// </summary>
    private static void WriteGuide(XmlWriter x, ImmutableArray<Landmark> landmarks)
    {
        var references = landmarks.Where(l => l.GuideType is not null).ToList();
        if (references.Count == 0)
        {
            return;
        }

        x.WriteStartElement("guide", OpfNs);
        foreach (var l in references)
        {
            x.WriteStartElement("reference", OpfNs);
            x.WriteAttributeString("type", l.GuideType);
            x.WriteAttributeString("title", l.Label);
            x.WriteAttributeString("href", EpubPaths.TextFolder + l.Href);
            x.WriteEndElement();
        }

        x.WriteEndElement();
    }

    private static void WriteMetadata(XmlWriter x, PackageMetadata m, ImmutableArray<(string Property, string Value)> accessibility, string? coverImageId, string? paginationSource)
    {
        x.WriteStartElement("metadata", OpfNs);
        x.WriteAttributeString("xmlns", "dc", null, DcNs);

        Dc(x, "identifier", m.Identifier, IdentifierId);

        // §5.5.3.1.2: several dc:title elements are allowed; title-type tells a subtitle from the main title.
        Dc(x, "title", m.Title, "title");
        Meta(x, "title-type", "main", "#title");
        if (m.Subtitle is not null)
        {
            Dc(x, "title", m.Subtitle, "subtitle");
            Meta(x, "title-type", "subtitle", "#subtitle");
        }

        Dc(x, "language", m.Language);

        // §5.5.3.2.3 (dc:creator) and §5.5.3.2.2 (dc:contributor), with §D.3.10 role: MARC relator codes say who did what.
        for (var i = 0; i < m.Authors.Length; i++)
        {
            var id = Id("creator", i);
            Dc(x, "creator", m.Authors[i], id);
            Meta(x, "role", "aut", "#" + id, "marc:relators");
            Meta(x, "display-seq", (i + 1).ToString(CultureInfo.InvariantCulture), "#" + id);
        }

        for (var i = 0; i < m.Editors.Length; i++)
        {
            var id = Id("editor", i);
            Dc(x, "contributor", m.Editors[i], id);
            Meta(x, "role", "edt", "#" + id, "marc:relators");
        }

        if (m.Publisher is not null)
        {
            Dc(x, "publisher", m.Publisher);
        }

        if (m.Date is { } date)
        {
            Dc(x, "date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (m.Rights is not null)
        {
            Dc(x, "rights", m.Rights);
        }

        if (m.Description is not null)
        {
            Dc(x, "description", m.Description);
        }

        foreach (var subject in m.Subjects)
        {
            Dc(x, "subject", subject);
        }

        if (m.Source is not null)
        {
            Dc(x, "source", m.Source);
        }

        if (paginationSource is not null)
        {
            // The edition whose pages the page-break markers and page-list follow, by EPUB 3.3 §D.3's source-of
            // refinement. The pageBreakSource property meant to replace it after 3.3 is still incubating, and
            // epubcheck 4.2.6 rejects it (OPF-027), so it waits until the validators know it.
            Dc(x, "source", paginationSource, "print-edition");
            Meta(x, "source-of", "pagination", refines: "#print-edition");
        }

        // §5.5.5: the last-modified date, which with the identifier makes the release identifier.
        Meta(x, "dcterms:modified", m.ModifiedText);

        // Accessibility metadata (EPUB Accessibility 1.1), worked out by AccessibilityMetadata from what was written.
        foreach (var (property, value) in accessibility)
        {
            Meta(x, property, value);
        }

        // OPF 2's cover meta (OPF 2.0.1 §2.2; EPUB 3.3 §5.5.7 keeps meta with name/content as a legacy form), which
        // EPUB 2 reading systems and some stores read instead of the manifest's cover-image property.
        if (coverImageId is not null)
        {
            x.WriteStartElement("meta", OpfNs);
            x.WriteAttributeString("name", "cover");
            x.WriteAttributeString("content", coverImageId);
            x.WriteEndElement();
        }

        x.WriteEndElement();
    }

    /// <summary>The OCF container file (EPUB 3.3 §4.2.6.3.1), naming the one rendition.</summary>
    public static byte[] Container()
    {
        using var buffer = new MemoryStream();
        using (var x = XmlWriter.Create(buffer, XhtmlWriter.Settings(indent: true)))
        {
            x.WriteStartDocument();
            x.WriteStartElement("container", ContainerNs);
            x.WriteAttributeString("version", "1.0");
            x.WriteStartElement("rootfiles", ContainerNs);
            x.WriteStartElement("rootfile", ContainerNs);
            x.WriteAttributeString("full-path", EpubPaths.Package);
            x.WriteAttributeString("media-type", "application/oebps-package+xml");
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndDocument();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static string Id(string prefix, int index) => FormattableString.Invariant($"{prefix}-{index + 1}");

    private static void Dc(XmlWriter x, string name, string value, string? id = null)
    {
        x.WriteStartElement("dc", name, DcNs);
        if (id is not null)
        {
            x.WriteAttributeString("id", id);
        }

        x.WriteString(value);
        x.WriteEndElement();
    }

    private static void Meta(XmlWriter x, string property, string value, string? refines = null, string? scheme = null)
    {
        x.WriteStartElement("meta", OpfNs);
        if (refines is not null)
        {
            x.WriteAttributeString("refines", refines);
        }

        x.WriteAttributeString("property", property);
        if (scheme is not null)
        {
            x.WriteAttributeString("scheme", scheme);
        }

        x.WriteString(value);
        x.WriteEndElement();
    }
}
