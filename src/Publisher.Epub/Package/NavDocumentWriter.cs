using System.Collections.Immutable;
using Publisher.Epub.Xhtml;
using Publisher.Model;

namespace Publisher.Epub.Package;

/// <summary>
/// Writes the EPUB navigation document (EPUB 3.3 §7): the <c>toc</c> nav (§7.4.2), visible, since the document
/// stands in the spine where the printed contents would be; and the <c>landmarks</c> nav (§7.4.4), hidden (§7.3
/// allows <c>hidden</c>), because it is for the reading system's menus.
/// </summary>
internal static class NavDocumentWriter
{
    /// <summary>The document's bytes.</summary>
    public static byte[] Write(PackageMetadata metadata, BookPlan plan, ImmutableArray<TocEntry> toc, ImmutableArray<Landmark> landmarks, DiagnosticBag diagnostics,
        IReadOnlyList<PageMarker>? markers = null, ImmutableArray<PageListEntry> pageList = default)
    {
        var heading = plan.Navigation.Division?.Plain().Trim() is { Length: > 0 } t ? t : metadata.Labels.Contents;
        using var o = new XhtmlWriter(metadata.Language, heading, EpubPaths.StylesheetFromText);
        o.Open("body");
        o.EpubType(Semantics.Partition(plan.Navigation.Division?.Matter ?? Matter.Front));
        o.Line();

        // The print contents pages begin here, where the nav stands in for them.
        foreach (var marker in markers ?? [])
        {
            PageMarkers.Write(o, marker);
        }

        o.Open("nav");
        o.EpubType("toc");
        o.Attr("role", "doc-toc");
        o.Attr("id", "toc");
        o.Attr("class", "toc");
        o.Line();
        o.Element("h1", heading, "toc-title");
        o.Line();
        WriteList(o, toc);
        o.Close();
        o.Line();

        if (landmarks.Length > 0)
        {
            HiddenList(o, "landmarks", metadata.Labels.Landmarks, landmarks.Select(l => (l.Label, l.Href, (string?)l.EpubType)));
        }

        if (!pageList.IsDefaultOrEmpty)
        {
            // EPUB 3.3 §7.4.3: the page-list nav, an entry per print page, linking to its page-break marker. Always
            // with the file name, even for markers in the nav itself: Ace resolves page-list targets by file.
            HiddenList(o, "page-list", "Pages", pageList.Select(e => (e.Label, e.Document.FileName + "#" + e.Id, (string?)null)));
        }

        o.Close();
        o.Line();
        var bytes = o.Finish();
        if (o.RemovedInvalidCharacters)
        {
            diagnostics.Warning("PUB4004", "The contents has characters that XML cannot hold (control characters); they were removed.");
        }

        return bytes;
    }

    /// <summary>A hidden nav (landmarks, page-list): a heading and a flat list of links, each with an optional epub:type.</summary>
    private static void HiddenList(XhtmlWriter o, string type, string heading, IEnumerable<(string Label, string Href, string? EpubType)> entries)
    {
        o.Open("nav");
        o.EpubType(type);
        o.Attr("id", type);
        o.Attr("hidden", "hidden");
        o.Line();
        o.Element("h2", heading);
        o.Line();
        o.Open("ol");
        o.Line();
        foreach (var (label, href, epubType) in entries)
        {
            o.Open("li");
            o.Open("a");
            o.EpubType(epubType);
            o.Attr("href", href);
            o.Text(label);
            o.Close();
            o.Close();
            o.Line();
        }

        o.Close();
        o.Line();
        o.Close();
        o.Line();
    }

    private static void WriteList(XhtmlWriter o, ImmutableArray<TocEntry> entries)
    {
        o.Open("ol");
        o.Line();
        foreach (var e in entries)
        {
            o.Open("li");
            o.Open("a");
            o.Attr("href", e.Href);
            o.Text(e.Label);
            o.Close();

            // §7.3: a nested ol only when it has entries; an empty one is invalid.
            if (e.Children.Length > 0)
            {
                o.Line();
                WriteList(o, e.Children);
            }

            o.Close();
            o.Line();
        }

        o.Close();
        o.Line();
    }
}
