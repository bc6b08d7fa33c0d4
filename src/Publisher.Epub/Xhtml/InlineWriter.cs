using System.Collections.Immutable;
using Publisher.Model;

namespace Publisher.Epub.Xhtml;

/// <summary>Writes the model's inlines as XHTML phrasing content.</summary>
internal static class InlineWriter
{
    // Schemes that make sense in a book's hyperlinks. Anything else (file:, javascript:, a relative path that points
    // at nothing in the container) is written as plain text with a warning rather than as a broken link (epubcheck
    // RSC-007/RSC-020).
    private static readonly HashSet<string> AllowedSchemes = new(StringComparer.OrdinalIgnoreCase)
    {
        "http", "https", "mailto", "ftp", "tel", "urn", "doi",
    };

    /// <summary>Writes <paramref name="inlines"/>: the whole content of a paragraph, heading, caption or cell.</summary>
    public static void Write(RenderContext ctx, ImmutableArray<Inline> inlines)
    {
        ctx.AfterNoteRef = false;
        WriteInlines(ctx, inlines);
    }

    private static void WriteInlines(RenderContext ctx, ImmutableArray<Inline> inlines)
    {
        foreach (var inline in inlines.OrEmpty())
        {
            if (ctx.AfterNoteRef && inline is NoteRefInline)
            {
                // Marks side by side ("text¹²") would read as note 12: a raised comma sets them apart, as in print.
                // Side by side is across the close of emphasis too (*this[^a]*[^b]), as the print typesetter has it.
                ctx.Out.Element("sup", ",", "noteref-separator");
            }

            Write(ctx, inline);
            if (inline is not ContainerInline || inline is CrossRefInline { IsPageReference: true })
            {
                ctx.AfterNoteRef = inline is NoteRefInline;
            }
        }
    }

    private static void Write(RenderContext ctx, Inline inline)
    {
        var o = ctx.Out;
        switch (inline)
        {
            case TextInline t:
                ctx.WriteText(t.Text);
                break;
            case LineBreakInline:
                o.Open("br");
                o.CloseVoid();
                break;
            case CodeInline c:
                o.Open("code");
                ctx.WriteText(c.Text);
                o.Close();
                break;
            case AnchorInline a:
                // An empty span carries the id: valid XHTML, invisible, and it keeps the anchor at its exact point
                // in the text for links with a fragment.
                o.Open("span");
                o.Attr("id", ctx.Plan.Ids.Claim(a, a.Id));
                o.Close();
                break;
            case NoteRefInline n:
                WriteNoteRef(ctx, n);
                break;
            case CrossRefInline x:
                WriteCrossRef(ctx, x);
                break;
            case ContainerInline c when Element(c) is var (element, cssClass):
                Container(ctx, element, cssClass, c.Children);
                break;
            case LinkInline l:
                WriteLink(ctx, l);
                break;
            case ContainerInline c:
                // A container this writer does not know yet: keep its text.
                WriteInlines(ctx, c.Children);
                break;
            default:
                ctx.Diagnostics.Warning("PUB4010", $"The EPUB writer does not support '{inline.GetType().Name}'; it was left out.", ctx.Span);
                break;
        }
    }

    /// <summary>The element (and class) a formatting container is written as; null for links and the like, which need more.</summary>
    private static (string Element, string? Class)? Element(ContainerInline c) => c switch
    {
        EmphasisInline => ("em", null),
        StrongInline => ("strong", null),
        SmallCapsInline => ("span", "smallcaps"),
        StrikeInline => ("del", null),
        SubscriptInline => ("sub", null),
        SuperscriptInline => ("sup", null),
        _ => null,
    };

    private static void Container(RenderContext ctx, string element, string? cssClass, ImmutableArray<Inline> children)
    {
        ctx.Out.Open(element);
        ctx.Out.Attr("class", cssClass);
        WriteInlines(ctx, children);
        ctx.Out.Close();
    }

    /// <summary>
    /// A note citation as the EPUB SSV 1.1 (noteref, via EPUB 3.3 §C.2) and DPUB-ARIA 1.0 (doc-noteref) describe it, so that reading systems
    /// can show the note as a pop-up: <c>&lt;a epub:type="noteref" role="doc-noteref" href="#fn-…"
    /// id="fnref-…"&gt;&lt;sup&gt;1&lt;/sup&gt;&lt;/a&gt;</c>.
    /// </summary>
    private static void WriteNoteRef(RenderContext ctx, NoteRefInline n)
    {
        var o = ctx.Out;
        var ids = IdMap.Note(ctx.Document, n.NoteId);
        var note = ctx.Document.Division?.Footnotes.OrEmpty().FirstOrDefault(f => f.Id == n.NoteId);
        var number = (note?.Number ?? n.Number).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (ids is null || ctx.LinkDepth > 0)
        {
            if (ids is null)
            {
                ctx.Diagnostics.Warning("PUB4006", $"The note '{n.NoteId}' is cited but this chapter has no such note.", ctx.Span);
            }

            o.Element("sup", number, "noteref");
            return;
        }

        var count = ctx.Citations[n.NoteId] = ctx.Citations.GetValueOrDefault(n.NoteId) + 1;
        var refId = count == 1 ? ids.RefId : ctx.Plan.Ids.Reserve(FormattableString.Invariant($"{ids.RefId}-{count}"));
        o.Open("a");
        o.EpubType("noteref");
        o.Attr("role", "doc-noteref");
        o.Attr("id", refId);
        o.Attr("href", "#" + ids.NoteId);
        o.Attr("class", "noteref");
        o.Element("sup", number);
        o.Close();
    }

    /// <summary>
    /// A cross-reference becomes a link to the file that holds the target. A page reference (no text) cannot show a
    /// page number in reflowable text, so it shows the target's label (its chapter or section title) instead.
    /// </summary>
    private static void WriteCrossRef(RenderContext ctx, CrossRefInline x)
    {
        var target = ctx.Book.FindTarget(x.TargetId);
        var location = Resolve(ctx, x.TargetId, target);
        var label = target?.Label?.Trim();
        if (string.IsNullOrWhiteSpace(label))
        {
            label = location?.Label;
        }

        if (string.IsNullOrWhiteSpace(label))
        {
            label = x.TargetId;
        }

        var isPageRef = x.Children.IsDefaultOrEmpty;
        if (location is null || ctx.LinkDepth > 0)
        {
            if (location is null)
            {
                ctx.Diagnostics.Warning("PUB4001", $"The cross-reference target '{x.TargetId}' is not in the EPUB; it is written as plain text.", ctx.Span);
            }

            if (isPageRef)
            {
                ctx.Out.Text(label);
            }
            else
            {
                WriteInlines(ctx, x.Children);
            }

            return;
        }

        ctx.Out.Open("a");
        ctx.Out.Attr("href", ctx.HrefTo(location));
        ctx.Out.Attr("class", isPageRef ? "xref page-ref" : "xref");
        ctx.LinkDepth++;
        if (isPageRef)
        {
            ctx.Out.Text(label);
        }
        else
        {
            WriteInlines(ctx, x.Children);
        }

        ctx.LinkDepth--;
        ctx.Out.Close();
    }

    /// <summary>
    /// Finds where an id landed: first where the planner saw it in the content (the file and element that really
    /// carry it), then through <see cref="BookDocument.Targets"/> to the division's file, for ids the content does not
    /// carry as an element.
    /// </summary>
    private static IdLocation? Resolve(RenderContext ctx, string id, AnchorTarget? target)
    {
        var found = ctx.Plan.Ids.Locate(id);
        if (found is not null)
        {
            return found;
        }

        if (target is not null && ctx.Plan.DocumentFor(target.DivisionId) is { } doc)
        {
            return new IdLocation(doc, null, target.Label);
        }

        return null;
    }

    private static void WriteLink(RenderContext ctx, LinkInline l)
    {
        var url = (l.Url ?? "").Trim();
        if (url.StartsWith('#'))
        {
            // "[text](#id)" that reached the model as a plain link is still a link inside the book.
            WriteCrossRef(ctx, new CrossRefInline(url[1..], l.Children.IsDefaultOrEmpty ? [new TextInline(url)] : l.Children));
            return;
        }

        var href = SafeUrl(url);
        if (href is null || ctx.LinkDepth > 0)
        {
            if (href is null)
            {
                ctx.Diagnostics.Warning("PUB4002", $"The link '{url}' does not point outside the book (http, https, mailto...); it is written as plain text.", ctx.Span);
            }

            WriteInlines(ctx, l.Children);
            return;
        }

        ctx.Out.Open("a");
        ctx.Out.Attr("href", href);
        ctx.Out.Attr("class", "link");
        ctx.LinkDepth++;
        if (l.Children.IsDefaultOrEmpty)
        {
            ctx.Out.Text(url);
        }
        else
        {
            WriteInlines(ctx, l.Children);
        }

        ctx.LinkDepth--;
        ctx.Out.Close();
    }

    /// <summary>An absolute URL in a form epubcheck accepts (spaces and non-ASCII percent-encoded), or null.</summary>
    internal static string? SafeUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !AllowedSchemes.Contains(uri.Scheme))
        {
            return null;
        }

        return uri.AbsoluteUri;
    }
}
