using System.Collections.Immutable;
using Publisher.Epub.Xhtml;
using Publisher.Model;
using Publisher.Styles;

namespace Publisher.Epub.Package;

/// <summary>One entry of the contents: a label, where it points (relative to the text folder), and nested entries.</summary>
internal sealed record TocEntry(string Label, string Href, ImmutableArray<TocEntry> Children);

/// <summary>A landmark (EPUB 3.3 §7.4.4): an <c>epub:type</c>, a label and an href relative to the text folder.</summary>
internal sealed record Landmark(string EpubType, string Label, string Href)
{
    /// <summary>
    /// The OPF 2 <c>guide</c> reference type for this landmark (OPF 2.0.1 §2.6), or null when EPUB 2 has none: old
    /// reading systems (and some stores) find the cover and the start of the text only there.
    /// </summary>
    public string? GuideType => EpubType switch
    {
        "cover" => "cover",
        "titlepage" => "title-page",
        "toc" => "toc",
        "bodymatter" => "text",
        _ => null,
    };
}

/// <summary>
/// The contents and landmarks, built once and written twice: into the EPUB 3 navigation document and the EPUB 2 NCX,
/// which must agree.
/// </summary>
internal static class TableOfContents
{
    /// <summary>
    /// Every division that belongs in the contents (<see cref="Division.InContents"/>), with its level-2 headings
    /// nested under it, in reading order.
    /// </summary>
    public static ImmutableArray<TocEntry> Build(BookPlan plan, StyleSheet style, Labels labels)
    {
        var entries = ImmutableArray.CreateBuilder<TocEntry>();
        foreach (var doc in plan.Documents)
        {
            if (doc.Division is not { InContents: true } division || doc.Role != DocumentRole.Text)
            {
                continue;
            }

            var label = XmlText.Clean(Semantics.ContentsLabel(division, style, labels), out _);
            if (label.Length == 0)
            {
                continue;
            }

            var children = ImmutableArray.CreateBuilder<TocEntry>();
            foreach (var h in division.Blocks.OrEmpty().OfType<HeadingBlock>())
            {
                var text = XmlText.Clean(h.Inlines.Plain(), out _).Trim();
                if (h.Level != 2 || text.Length == 0 || string.IsNullOrEmpty(h.Id))
                {
                    continue;
                }

                var id = plan.Ids.PlannedId(h);
                var href = id is null ? doc.FileName : doc.FileName + "#" + id;
                children.Add(new TocEntry(text, href, []));
            }

            entries.Add(new TocEntry(label, doc.FileName, children.ToImmutable()));
        }

        if (entries.Count == 0)
        {
            // EPUB 3.3 §7.3 and §7.4.2 require at least one entry (an ol with li children), as does the NCX's navMap: fall back
            // to every document in reading order.
            foreach (var doc in plan.Documents.Where(d => d.InSpine))
            {
                entries.Add(new TocEntry(FallbackLabel(doc, labels), doc.FileName, []));
            }
        }

        if (entries.Count == 0)
        {
            entries.Add(new TocEntry(labels.Contents, plan.Navigation.FileName + "#toc", []));
        }

        return entries.ToImmutable();
    }

    /// <summary>
    /// The landmarks EPUB 3.3 §7.4.4 and the EPUB Accessibility techniques recommend: cover, title page, contents,
    /// start of the body, start of the back matter.
    /// </summary>
    public static ImmutableArray<Landmark> Landmarks(BookPlan plan, Labels labels)
    {
        var landmarks = ImmutableArray.CreateBuilder<Landmark>();
        var spine = plan.Documents.Where(d => d.InSpine).ToList();
        if (plan.Cover is { } cover)
        {
            landmarks.Add(new Landmark("cover", labels.Cover, cover.FileName));
        }

        if (spine.FirstOrDefault(d => d.Role == DocumentRole.TitlePage) is { } title)
        {
            landmarks.Add(new Landmark("titlepage", labels.TitlePage, title.FileName));
        }

        if (plan.Navigation.InSpine)
        {
            landmarks.Add(new Landmark("toc", labels.Contents, plan.Navigation.FileName + "#toc"));
        }

        if (spine.FirstOrDefault(d => d.Role == DocumentRole.Text && d.Division!.Matter == Matter.Body) is { } body)
        {
            landmarks.Add(new Landmark("bodymatter", labels.StartOfContent, body.FileName));
        }

        if (spine.FirstOrDefault(d => d.Role == DocumentRole.Text && d.Division!.Matter == Matter.Back) is { } back)
        {
            landmarks.Add(new Landmark("backmatter", "Back Matter", back.FileName));
        }

        return landmarks.ToImmutable();
    }

    private static string FallbackLabel(PlannedDocument doc, Labels labels) => doc.Role switch
    {
        DocumentRole.TitlePage => labels.TitlePage,
        DocumentRole.Navigation => labels.Contents,
        DocumentRole.Cover => labels.Cover,
        _ when XmlText.Clean(doc.Division!.Plain(), out _).Trim() is { Length: > 0 } t => t,
        _ when doc.Division!.Kind == DivisionKind.Copyright => labels.Copyright,
        _ => doc.Division!.Id,
    };
}
