using System.Buffers.Binary;
using System.Collections.Immutable;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Publisher.TestKit.Epub;

/// <summary>
/// Reads an EPUB for tests: the container, the package document, the navigation document, the NCX, and every
/// content document as XHTML and as plain text. <see cref="Validate"/> lists the structural problems it can see.
/// It is deliberately independent of Publisher.Epub (it reads the ZIP with <see cref="ZipArchive"/> and its own
/// header parser), so a bug in the writer is not mirrored here.
/// </summary>
public sealed class EpubReader
{
    /// <summary>The OPF namespace.</summary>
    public static readonly XNamespace Opf = "http://www.idpf.org/2007/opf";

    /// <summary>The Dublin Core elements namespace.</summary>
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    /// <summary>The XHTML namespace.</summary>
    public static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    /// <summary>The EPUB structural semantics namespace (<c>epub:type</c>).</summary>
    public static readonly XNamespace Ops = "http://www.idpf.org/2007/ops";

    /// <summary>The NCX namespace.</summary>
    public static readonly XNamespace Ncx = "http://www.daisy.org/z3986/2005/ncx/";

    private static readonly XNamespace ContainerNs = "urn:oasis:names:tc:opendocument:xmlns:container";

    private readonly Dictionary<string, byte[]> _files;
    private readonly List<EpubProblem> _loadProblems = [];
    private readonly Dictionary<string, XDocument?> _xml = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _xmlErrors = new(StringComparer.Ordinal);

    private EpubReader(byte[] bytes)
    {
        Bytes = bytes;
        _files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var s = entry.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                _files[entry.FullName] = m.ToArray();
            }
        }

        Entries = ZipHeaders.Read(bytes, _loadProblems);
        CheckMimetype();
        PackagePath = ReadContainer();
        Package = PackagePath is null ? null : LoadXml(PackagePath);
        if (PackagePath is not null && Package is null)
        {
            _loadProblems.Add(new EpubProblem(PackagePath, "the package document is missing or not well-formed: " + _xmlErrors.GetValueOrDefault(PackagePath)));
        }

        if (Package?.Root is { } root)
        {
            Manifest = ReadManifest(root);
            Spine = ReadSpine(root);
            Metadata = ReadMetadata(root);
            NavItem = Manifest.FirstOrDefault(m => m.Properties.Contains("nav"));
            var tocId = root.Element(Opf + "spine")?.Attribute("toc")?.Value;
            NcxPath = Manifest.FirstOrDefault(m => m.Id == tocId)?.Path
                ?? Manifest.FirstOrDefault(m => m.MediaType == "application/x-dtbncx+xml")?.Path;
        }

        if (NavItem is not null && LoadXml(NavItem.Path) is { } nav)
        {
            Toc = ReadNavList(nav, NavItem.Path, "toc");
            Landmarks = ReadNavList(nav, NavItem.Path, "landmarks");
            PageList = ReadNavList(nav, NavItem.Path, "page-list");
        }

        if (NcxPath is not null && LoadXml(NcxPath) is { } ncx)
        {
            NcxDocument = ncx;
            NcxNavPoints = ReadNavPoints(ncx.Root?.Element(Ncx + "navMap"), NcxPath);
        }
    }

    /// <summary>The whole file.</summary>
    public byte[] Bytes { get; }

    /// <summary>The ZIP entries in the order they are stored.</summary>
    public ImmutableArray<ZipEntryInfo> Entries { get; }

    /// <summary>Every file's path in the container.</summary>
    public IEnumerable<string> Paths => _files.Keys.Order(StringComparer.Ordinal);

    /// <summary>The package document's path from <c>META-INF/container.xml</c>.</summary>
    public string? PackagePath { get; }

    /// <summary>The package document.</summary>
    public XDocument? Package { get; }

    /// <summary>The package metadata.</summary>
    public EpubMetadata Metadata { get; } = new();

    /// <summary>The manifest, in document order.</summary>
    public ImmutableArray<ManifestEntry> Manifest { get; } = [];

    /// <summary>The spine, in reading order.</summary>
    public ImmutableArray<SpineEntry> Spine { get; } = [];

    /// <summary>The manifest item with the <c>nav</c> property.</summary>
    public ManifestEntry? NavItem { get; }

    /// <summary>The NCX's path, from the spine's <c>toc</c> attribute.</summary>
    public string? NcxPath { get; }

    /// <summary>The NCX document.</summary>
    public XDocument? NcxDocument { get; }

    /// <summary>The nav document's <c>toc</c> entries, nested.</summary>
    public ImmutableArray<NavEntry> Toc { get; } = [];

    /// <summary>The nav document's <c>landmarks</c> entries.</summary>
    public ImmutableArray<NavEntry> Landmarks { get; } = [];

    /// <summary>The nav document's <c>page-list</c> entries, if any.</summary>
    public ImmutableArray<NavEntry> PageList { get; } = [];

    /// <summary>The NCX navMap's navPoints, nested.</summary>
    public ImmutableArray<NavEntry> NcxNavPoints { get; } = [];

    /// <summary>Reads an EPUB from bytes.</summary>
    public static EpubReader Read(byte[] epub) => new(epub);

    /// <summary>Reads an EPUB from a stream (from its current position to the end).</summary>
    public static EpubReader Read(Stream epub)
    {
        using var m = new MemoryStream();
        epub.CopyTo(m);
        return new EpubReader(m.ToArray());
    }

    /// <summary>Reads an EPUB file.</summary>
    public static EpubReader ReadFile(string path) => new(File.ReadAllBytes(path));

    /// <summary>True when the container holds <paramref name="path"/>.</summary>
    public bool Exists(string path) => _files.ContainsKey(path);

    /// <summary>A file's bytes.</summary>
    public byte[] GetBytes(string path) =>
        _files.TryGetValue(path, out var b) ? b : throw new FileNotFoundException($"The EPUB has no '{path}'.", path);

    /// <summary>A file as UTF-8 text.</summary>
    public string GetString(string path) => Encoding.UTF8.GetString(GetBytes(path));

    /// <summary>A content document's XHTML; throws when it is missing or not well-formed.</summary>
    public XDocument GetXhtml(string path) =>
        LoadXml(path) ?? throw new InvalidDataException($"'{path}' is missing or not well-formed XML: {_xmlErrors.GetValueOrDefault(path)}");

    /// <summary>The visible text of a content document's body (see <see cref="XhtmlText"/>).</summary>
    public string GetText(string path) => XhtmlText.Of(GetXhtml(path));

    /// <summary>The spine's content documents in reading order.</summary>
    public IEnumerable<ContentDocument> ContentDocuments =>
        Spine.Where(s => s.Path is not null).Select(s => new ContentDocument(s.Path!, GetXhtml(s.Path!), GetText(s.Path!)));

    /// <summary>The text of the whole book, spine documents joined by blank lines.</summary>
    public string AllText => string.Join("\n\n", ContentDocuments.Select(d => d.Text));

    /// <summary>
    /// Structural problems: the container rules (mimetype first, stored, no extra field), manifest hrefs that do not
    /// exist, files that are not in the manifest, spine idrefs not in the manifest, nav and NCX hrefs whose file or
    /// fragment does not exist, content documents that are not well-formed, duplicate ids, and internal links that
    /// go nowhere. Empty when all is well.
    /// </summary>
    public IReadOnlyList<EpubProblem> Validate()
    {
        var problems = new List<EpubProblem>(_loadProblems);
        if (Package?.Root is not { } root)
        {
            return problems;
        }

        var uid = root.Attribute("unique-identifier")?.Value;
        if (uid is null || root.Descendants(Dc + "identifier").All(e => e.Attribute("id")?.Value != uid))
        {
            problems.Add(new(PackagePath!, $"unique-identifier '{uid}' names no dc:identifier"));
        }

        foreach (var item in Manifest.Where(i => !Exists(i.Path)))
        {
            problems.Add(new(PackagePath!, $"manifest item '{item.Id}' points at '{item.Href}', which is not in the container"));
        }

        var manifestPaths = Manifest.Select(m => m.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var path in Paths.Where(p => p != "mimetype" && !p.StartsWith("META-INF/", StringComparison.Ordinal) && p != PackagePath && !manifestPaths.Contains(p)))
        {
            problems.Add(new(path, "the file is not in the manifest"));
        }

        foreach (var dup in Manifest.GroupBy(m => m.Id).Where(g => g.Count() > 1))
        {
            problems.Add(new(PackagePath!, $"manifest id '{dup.Key}' is used more than once"));
        }

        if (Spine.IsEmpty)
        {
            problems.Add(new(PackagePath!, "the spine is empty"));
        }

        foreach (var s in Spine.Where(s => s.Path is null))
        {
            problems.Add(new(PackagePath!, $"spine itemref '{s.IdRef}' is not in the manifest"));
        }

        if (Manifest.Count(m => m.Properties.Contains("nav")) != 1)
        {
            problems.Add(new(PackagePath!, "there must be exactly one manifest item with properties=\"nav\""));
        }

        foreach (var item in Manifest.Where(m => m.MediaType == "application/xhtml+xml"))
        {
            if (Exists(item.Path) && LoadXml(item.Path) is null)
            {
                problems.Add(new(item.Path, "not well-formed XML: " + _xmlErrors.GetValueOrDefault(item.Path)));
            }
        }

        if (NavItem is not null)
        {
            if (Toc.IsEmpty)
            {
                problems.Add(new(NavItem.Path, "the nav document has no toc entries"));
            }

            CheckTargets(problems, NavItem.Path, "toc", Toc.SelectMany(e => e.SelfAndDescendants()));
            CheckTargets(problems, NavItem.Path, "landmarks", Landmarks);
            CheckTargets(problems, NavItem.Path, "page-list", PageList);
        }

        if (NcxPath is not null)
        {
            var ncxUid = NcxDocument?.Root?.Element(Ncx + "head")?.Elements(Ncx + "meta")
                .FirstOrDefault(m => m.Attribute("name")?.Value == "dtb:uid")?.Attribute("content")?.Value;
            if (NcxDocument is not null && ncxUid != Metadata.Identifier)
            {
                problems.Add(new(NcxPath, $"dtb:uid '{ncxUid}' differs from the package identifier '{Metadata.Identifier}'"));
            }

            CheckTargets(problems, NcxPath, "navMap", NcxNavPoints.SelectMany(e => e.SelfAndDescendants()));
        }

        foreach (var item in Manifest.Where(m => m.MediaType == "application/xhtml+xml" && Exists(m.Path)))
        {
            if (LoadXml(item.Path) is not { } doc)
            {
                continue;
            }

            foreach (var dup in doc.Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>().GroupBy(i => i).Where(g => g.Count() > 1))
            {
                problems.Add(new(item.Path, $"the id '{dup.Key}' is used more than once"));
            }

            foreach (var a in doc.Descendants(Xhtml + "a"))
            {
                var href = a.Attribute("href")?.Value;
                if (href is null || IsExternal(href))
                {
                    continue;
                }

                var (path, fragment) = ResolveHref(item.Path, href);
                CheckTarget(problems, item.Path, $"link '{href}'", path, fragment);
            }
        }

        return problems;
    }

    /// <summary>Resolves <paramref name="href"/> written in <paramref name="baseFile"/> to a container path and a fragment.</summary>
    public static (string Path, string? Fragment) ResolveHref(string baseFile, string href)
    {
        string? fragment = null;
        var hash = href.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = Uri.UnescapeDataString(href[(hash + 1)..]);
            href = href[..hash];
        }

        if (href.Length == 0)
        {
            return (baseFile, fragment);
        }

        var segments = new List<string>(baseFile.Split('/')[..^1]);
        foreach (var part in Uri.UnescapeDataString(href).Split('/'))
        {
            if (part == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (part is not ("." or ""))
            {
                segments.Add(part);
            }
        }

        return (string.Join('/', segments), fragment);
    }

    private static bool IsExternal(string href) =>
        href.Contains(':', StringComparison.Ordinal) && Uri.TryCreate(href, UriKind.Absolute, out var u) && u.Scheme != "file";

    private void CheckTargets(List<EpubProblem> problems, string where, string list, IEnumerable<NavEntry> entries)
    {
        foreach (var e in entries)
        {
            if (e.Href is null)
            {
                continue; // a heading-only entry (span) has no target
            }

            CheckTarget(problems, where, $"{list} entry '{e.Label}' ({e.Href})", e.Path!, e.Fragment);
        }
    }

    private void CheckTarget(List<EpubProblem> problems, string where, string what, string path, string? fragment)
    {
        if (!Exists(path))
        {
            problems.Add(new(where, $"{what} points at '{path}', which is not in the container"));
            return;
        }

        if (fragment is null || fragment.Length == 0)
        {
            return;
        }

        if (LoadXml(path) is not { } doc || !doc.Descendants().Any(e => e.Attribute("id")?.Value == fragment))
        {
            problems.Add(new(where, $"{what} points at '#{fragment}', which '{path}' does not have"));
        }
    }

    private XDocument? LoadXml(string path)
    {
        if (_xml.TryGetValue(path, out var cached))
        {
            return cached;
        }

        XDocument? doc = null;
        if (_files.TryGetValue(path, out var bytes))
        {
            try
            {
                // DTDs are ignored, not fetched: content documents declare <!DOCTYPE html> and NCX files may name a DTD.
                var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
                using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
                doc = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
            }
            catch (XmlException e)
            {
                _xmlErrors[path] = e.Message;
            }
        }
        else
        {
            _xmlErrors[path] = "no such file";
        }

        _xml[path] = doc;
        return doc;
    }

    private void CheckMimetype()
    {
        if (Entries.IsEmpty)
        {
            _loadProblems.Add(new("(zip)", "the container has no entries"));
            return;
        }

        var first = Entries[0];
        if (first.Name != "mimetype")
        {
            _loadProblems.Add(new("mimetype", $"the first entry is '{first.Name}', not 'mimetype' (EPUB 3.3 §4.3.3)"));
        }

        if (Entries.FirstOrDefault(e => e.Name == "mimetype") is not { } m)
        {
            _loadProblems.Add(new("mimetype", "there is no mimetype entry"));
            return;
        }

        if (m.Method != 0)
        {
            _loadProblems.Add(new("mimetype", "the mimetype entry is compressed; it must be stored"));
        }

        if (m.LocalExtraLength != 0 || m.CentralExtraLength != 0)
        {
            _loadProblems.Add(new("mimetype", "the mimetype entry has an extra field"));
        }

        if (m.HasDataDescriptor)
        {
            _loadProblems.Add(new("mimetype", "the mimetype entry has a data descriptor"));
        }

        if (_files.TryGetValue("mimetype", out var data) && Encoding.ASCII.GetString(data) != "application/epub+zip")
        {
            _loadProblems.Add(new("mimetype", $"the mimetype entry reads '{Encoding.ASCII.GetString(data)}'"));
        }
    }

    private string? ReadContainer()
    {
        const string path = "META-INF/container.xml";
        var doc = LoadXml(path);
        var rootfile = doc?.Root?.Element(ContainerNs + "rootfiles")?.Elements(ContainerNs + "rootfile")
            .FirstOrDefault(r => r.Attribute("media-type")?.Value == "application/oebps-package+xml");
        var fullPath = rootfile?.Attribute("full-path")?.Value;
        if (fullPath is null)
        {
            _loadProblems.Add(new(path, "missing, not well-formed, or names no package document"));
        }

        return fullPath;
    }

    private ImmutableArray<ManifestEntry> ReadManifest(XElement root) =>
    [
        .. root.Element(Opf + "manifest")?.Elements(Opf + "item").Select(i =>
        {
            var href = i.Attribute("href")?.Value ?? "";
            return new ManifestEntry(
                i.Attribute("id")?.Value ?? "",
                href,
                ResolveHref(PackagePath!, href).Path,
                i.Attribute("media-type")?.Value ?? "",
                [.. (i.Attribute("properties")?.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        }) ?? [],
    ];

    private ImmutableArray<SpineEntry> ReadSpine(XElement root) =>
    [
        .. root.Element(Opf + "spine")?.Elements(Opf + "itemref").Select(r =>
        {
            var idref = r.Attribute("idref")?.Value ?? "";
            return new SpineEntry(idref, Manifest.FirstOrDefault(m => m.Id == idref)?.Path, r.Attribute("linear")?.Value != "no");
        }) ?? [],
    ];

    private static EpubMetadata ReadMetadata(XElement root)
    {
        var metadata = root.Element(Opf + "metadata");
        if (metadata is null)
        {
            return new EpubMetadata();
        }

        var metas = metadata.Elements(Opf + "meta")
            .Where(m => m.Attribute("property") is not null)
            .Select(m => new EpubMeta(m.Attribute("property")!.Value, m.Attribute("refines")?.Value, m.Attribute("scheme")?.Value, m.Value))
            .ToImmutableArray();

        string? Refinement(XElement e, string property)
        {
            var id = e.Attribute("id")?.Value;
            return id is null ? null : metas.FirstOrDefault(m => m.Refines == "#" + id && m.Property == property)?.Value;
        }

        string? One(string name) => metadata.Element(Dc + name)?.Value;
        ImmutableArray<string> All(string name) => [.. metadata.Elements(Dc + name).Select(e => e.Value)];

        var titles = metadata.Elements(Dc + "title").ToList();
        var uid = root.Attribute("unique-identifier")?.Value;
        return new EpubMetadata
        {
            Identifier = metadata.Elements(Dc + "identifier").FirstOrDefault(e => e.Attribute("id")?.Value == uid)?.Value,
            Titles = [.. titles.Select(t => t.Value)],
            Title = (titles.FirstOrDefault(t => Refinement(t, "title-type") == "main") ?? titles.FirstOrDefault())?.Value,
            Subtitle = titles.FirstOrDefault(t => Refinement(t, "title-type") == "subtitle")?.Value,
            Creators = [.. metadata.Elements(Dc + "creator").Select(e => new EpubContributor(e.Value, Refinement(e, "role")))],
            Contributors = [.. metadata.Elements(Dc + "contributor").Select(e => new EpubContributor(e.Value, Refinement(e, "role")))],
            Languages = All("language"),
            Modified = metas.FirstOrDefault(m => m.Property == "dcterms:modified" && m.Refines is null)?.Value,
            Date = One("date"),
            Publisher = One("publisher"),
            Rights = One("rights"),
            Description = One("description"),
            Subjects = All("subject"),
            Source = One("source"),
            Metas = metas,
        };
    }

    private static ImmutableArray<NavEntry> ReadNavList(XDocument nav, string navPath, string type)
    {
        var element = nav.Descendants(Xhtml + "nav").FirstOrDefault(n => EpubTypes(n).Contains(type));
        return element?.Element(Xhtml + "ol") is { } ol ? ReadOl(ol, navPath) : [];
    }

    private static ImmutableArray<NavEntry> ReadOl(XElement ol, string navPath) =>
    [
        .. ol.Elements(Xhtml + "li").Select(li =>
        {
            var label = li.Elements().FirstOrDefault(e => e.Name == Xhtml + "a" || e.Name == Xhtml + "span");
            var href = label?.Name == Xhtml + "a" ? label.Attribute("href")?.Value : null;
            var (path, fragment) = href is null ? (null, null) : ResolveHref(navPath, href);
            var children = li.Element(Xhtml + "ol") is { } nested ? ReadOl(nested, navPath) : [];
            return new NavEntry(XhtmlText.Collapse(label?.Value ?? ""), href, path, fragment, label?.Attribute(Ops + "type")?.Value, children);
        }),
    ];

    private static ImmutableArray<NavEntry> ReadNavPoints(XElement? parent, string ncxPath) =>
    [
        .. parent?.Elements(Ncx + "navPoint").Select(p =>
        {
            var src = p.Element(Ncx + "content")?.Attribute("src")?.Value;
            var (path, fragment) = src is null ? (null, null) : ResolveHref(ncxPath, src);
            var label = p.Element(Ncx + "navLabel")?.Element(Ncx + "text")?.Value ?? "";
            return new NavEntry(XhtmlText.Collapse(label), src, path, fragment, null, ReadNavPoints(p, ncxPath));
        }) ?? [],
    ];

    /// <summary>The whitespace-separated <c>epub:type</c> values of an element.</summary>
    public static ImmutableArray<string> EpubTypes(XElement e) =>
        [.. (e.Attribute(Ops + "type")?.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Reads the local and central headers straight from the bytes, which ZipArchive does not expose.</summary>
    private static class ZipHeaders
    {
        public static ImmutableArray<ZipEntryInfo> Read(byte[] zip, List<EpubProblem> problems)
        {
            var span = zip.AsSpan();

            // The end of central directory record is the last 22 bytes when there is no comment; search back for it.
            var eocd = -1;
            for (var i = zip.Length - 22; i >= Math.Max(0, zip.Length - 22 - 65535); i--)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(span[i..]) == 0x06054b50)
                {
                    eocd = i;
                    break;
                }
            }

            if (eocd < 0)
            {
                problems.Add(new("(zip)", "no end of central directory record"));
                return [];
            }

            var count = BinaryPrimitives.ReadUInt16LittleEndian(span[(eocd + 10)..]);
            var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(eocd + 16)..]);
            var entries = ImmutableArray.CreateBuilder<ZipEntryInfo>(count);
            for (var n = 0; n < count; n++)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(span[offset..]) != 0x02014b50)
                {
                    problems.Add(new("(zip)", "bad central directory header"));
                    break;
                }

                var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 28)..]);
                var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 30)..]);
                var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 32)..]);
                var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(offset + 42)..]);
                var name = Encoding.UTF8.GetString(span.Slice(offset + 46, nameLength));
                var localFlags = BinaryPrimitives.ReadUInt16LittleEndian(span[(local + 6)..]);
                var localMethod = BinaryPrimitives.ReadUInt16LittleEndian(span[(local + 8)..]);
                var localExtra = BinaryPrimitives.ReadUInt16LittleEndian(span[(local + 28)..]);
                entries.Add(new ZipEntryInfo(name, localMethod, localFlags, localExtra, extraLength, local));
                offset += 46 + nameLength + extraLength + commentLength;
            }

            // Storage order is what "first" means for mimetype (EPUB 3.3 §4.3.3), not central directory order.
            return [.. entries.OrderBy(e => e.LocalHeaderOffset)];
        }
    }
}
