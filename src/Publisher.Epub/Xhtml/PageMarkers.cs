using System.Collections.Immutable;
using Publisher.Model;

namespace Publisher.Epub.Xhtml;

/// <summary>A print page-break marker to write into a content document, at a text position.</summary>
internal sealed record PageMarker(string Label, string Id, int Leaf, int Offset);

/// <summary>An entry of the nav's page-list: a label and the document holding its marker.</summary>
internal sealed record PageListEntry(string Label, PlannedDocument Document, string Id);

/// <summary>
/// Places the print edition's page starts in the EPUB (EPUB 3.3 §7.4.3, DPUB-ARIA doc-pagebreak): each page's marker
/// goes into the document of its division at its text position. A page with no text of its own (a blank verso) or
/// whose division the EPUB does not have (the half-title) shares the place of the next page that has one, so the
/// page-list stays in print order.
/// </summary>
internal static class PageMarkers
{
    public static (Dictionary<PlannedDocument, List<PageMarker>> ByDocument, ImmutableArray<PageListEntry> PageList) Place(PrintPageMap map, BookPlan plan)
    {
        var byDocument = new Dictionary<PlannedDocument, List<PageMarker>>();
        var list = ImmutableArray.CreateBuilder<PageListEntry>();
        var pending = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        (PlannedDocument Doc, TextPosition At)? last = null;

        foreach (var page in map.Pages)
        {
            var doc = page.Start is { } s ? plan.DocumentFor(s.DivisionId) : null;
            if (doc is null || page.Start is null)
            {
                pending.Add(page.Label);
                continue;
            }

            foreach (var label in pending.Append(page.Label))
            {
                Add(doc, page.Start, label);
            }

            pending.Clear();
            last = (doc, page.Start);
        }

        // Pages after the last page with text (trailing blanks) sit where the last one does.
        if (last is { } l)
        {
            foreach (var label in pending)
            {
                Add(l.Doc, l.At, label);
            }
        }

        return (byDocument, list.ToImmutable());

        void Add(PlannedDocument doc, TextPosition at, string label)
        {
            // "page-23", "page-iv": a folio of letters and digits is a valid id as it stands after the prefix.
            var safe = label.Length > 0 && label.All(char.IsAsciiLetterOrDigit) ? label : Names.ToXmlId(label);
            var id = "page-" + safe;
            for (var n = 2; !used.Add(id); n++)
            {
                id = FormattableString.Invariant($"page-{safe}-{n}");
            }

            if (!byDocument.TryGetValue(doc, out var markers))
            {
                markers = [];
                byDocument[doc] = markers;
            }

            markers.Add(new PageMarker(label, id, at.Leaf, at.Offset));
            list.Add(new PageListEntry(label, doc, id));
        }
    }

    /// <summary>Writes one marker: an empty span with the pagebreak semantics and the folio as its accessible name.</summary>
    public static void Write(XhtmlWriter o, PageMarker marker)
    {
        o.Open("span");
        o.EpubType("pagebreak");
        o.Attr("role", "doc-pagebreak");
        o.Attr("id", marker.Id);
        o.Attr("aria-label", marker.Label);
        o.Close();
    }
}
