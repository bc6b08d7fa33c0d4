using System.Globalization;
using Publisher.Model;
using Publisher.Styles;

namespace Publisher.Epub.Xhtml;

/// <summary>
/// Writes one XHTML content document (EPUB 3.3 §6.1) per division: a chapter, a copyright page or the title page.
/// The navigation document, which stands in for the contents page, is written by <c>Package/NavDocumentWriter</c>.
/// </summary>
internal static class ContentDocumentWriter
{
    /// <summary>The document's bytes.</summary>
    public static byte[] Write(BookDocument book, PackageMetadata metadata, StyleSheet style, BookPlan plan, PlannedDocument doc, DiagnosticBag diagnostics, IReadOnlyList<PageMarker>? markers = null)
    {
        var division = doc.Division ?? throw new InvalidOperationException("A content document needs a division.");
        // An untitled chapter's document is named as its heading reads ("Chapter 3") rather than after the book.
        var title = division.Plain().Trim();
        using var o = new XhtmlWriter(metadata.Language, title.Length > 0 ? title : Semantics.NumberLine(division, style, metadata.Labels) ?? metadata.Title, EpubPaths.StylesheetFromText);
        var ctx = new RenderContext(book, style, plan, doc, o, diagnostics) { Span = division.Source, Markers = markers ?? [] };

        o.Open("body");
        o.EpubType(Semantics.Partition(division.Matter));
        o.Line();
        ctx.WriteStartMarkers();
        switch (doc.Role)
        {
            case DocumentRole.TitlePage:
                WriteTitlePage(o, metadata);
                break;
            case DocumentRole.Text when division.Kind == DivisionKind.Copyright:
                WriteSection(ctx, division, new Semantic("copyright-page", null), "copyright");
                break;
            default:
                WriteSection(ctx, division, Semantics.ForChapter(division), "chapter");
                break;
        }

        ctx.WriteRemainingMarkers();
        o.Close();
        o.Line();
        var bytes = o.Finish();
        if (o.RemovedInvalidCharacters)
        {
            diagnostics.Warning("PUB4004", $"'{division.Id}' has characters that XML cannot hold (control characters); they were removed.", division.Source);
        }

        return bytes;
    }

    /// <summary>The title page from the metadata (EPUB SSV <c>titlepage</c>); its division has no text of its own.</summary>
    private static void WriteTitlePage(XhtmlWriter o, PackageMetadata m)
    {
        o.Open("section");
        o.EpubType("titlepage");
        o.Attr("class", "titlepage");
        o.Line();
        o.Element("h1", m.Title, "title");
        o.Line();
        if (m.Subtitle is not null)
        {
            o.Element("p", m.Subtitle, "subtitle");
            o.Line();
        }

        if (m.Authors.Length > 0)
        {
            o.Element("p", m.Labels.JoinNames(m.Authors), "author");
            o.Line();
        }

        var edition = m.EditionStatement ?? (m.Editors.Length > 0 ? m.Labels.EditedBy + " " + m.Labels.JoinNames(m.Editors) : null);
        if (edition is not null)
        {
            o.Element("p", edition, "edition");
            o.Line();
        }

        if (m.Publisher is not null)
        {
            o.Element("p", m.Publisher, "publisher");
            o.Line();
        }

        o.Close();
        o.Line();
    }

    private static void WriteSection(RenderContext ctx, Division division, Semantic semantic, string cssClass)
    {
        var o = ctx.Out;
        o.Open("section");
        o.EpubType(semantic.EpubType);
        o.Attr("role", semantic.Role);
        o.Attr("class", cssClass);
        o.Line();
        WriteTitle(ctx, division);
        BlockWriter.Write(ctx, division.Blocks);
        WriteFootnotes(ctx, division);
        o.Close();
        o.Line();
    }

    /// <summary>
    /// The division title as the document's h1. The number line sits inside the h1 as its own span, so the heading's
    /// accessible name reads "Chapter 1 The Beginning" and the stylesheet can still set it on a line of its own.
    /// </summary>
    private static void WriteTitle(RenderContext ctx, Division division)
    {
        var number = Semantics.NumberLine(division, ctx.Style, ctx.Book.Metadata.Labels);
        if (division.Title.IsDefaultOrEmpty && number is null)
        {
            return;
        }

        var o = ctx.Out;
        o.Open("h1");
        o.Attr("class", "chapter-heading");
        if (number is not null)
        {
            o.Element("span", number, "chapter-number");
            if (!division.Title.IsDefaultOrEmpty)
            {
                // The space keeps the two words apart for text extraction and screen readers when CSS is off.
                o.Text(" ");
            }
        }

        if (!division.Title.IsDefaultOrEmpty)
        {
            o.Open("span");
            o.Attr("class", "chapter-title");
            InlineWriter.Write(ctx, division.Title);
            o.Close();
        }

        o.Close();
        o.Line();
    }

    /// <summary>
    /// The division's notes at its end, as EPUB 3.3 §C.2 and the EPUB SSV 1.1 footnotes terms describe them: each an <c>aside epub:type="footnote"
    /// role="doc-footnote"</c>, which reading systems hide from the flow and show as a pop-up, with a
    /// <c>doc-backlink</c> to the first citation.
    /// </summary>
    private static void WriteFootnotes(RenderContext ctx, Division division)
    {
        var notes = division.Footnotes.OrEmpty();
        if (notes.Length == 0)
        {
            return;
        }

        // Note text is not part of the numbered leaves: the print edition sets it apart, at the foot of the page.
        ctx.Counting = false;
        var o = ctx.Out;
        o.Open("section");
        o.EpubType("footnotes");
        o.Attr("class", "footnotes");
        o.Line();
        foreach (var note in notes)
        {
            if (IdMap.Note(ctx.Document, note.Id) is not { } ids || !ReferenceEquals(FirstNote(division, note.Id), note))
            {
                continue; // a duplicate id the planner already warned about
            }

            ctx.Span = note.Source ?? ctx.Span;
            o.Open("aside");
            o.EpubType("footnote");
            o.Attr("role", "doc-footnote");
            o.Attr("id", ids.NoteId);
            o.Attr("class", "footnote");
            o.Line();
            var blocks = note.Blocks.OrEmpty();
            if (blocks.Length > 0 && blocks[0] is ParagraphBlock first)
            {
                o.Open("p");
                WriteNoteNumber(ctx, note, ids);
                o.Text(" ");
                InlineWriter.Write(ctx, first.Inlines);
                o.Close();
                o.Line();
                BlockWriter.Write(ctx, blocks.RemoveAt(0));
            }
            else
            {
                o.Open("p");
                WriteNoteNumber(ctx, note, ids);
                o.Close();
                o.Line();
                BlockWriter.Write(ctx, blocks);
            }

            o.Close();
            o.Line();
        }

        o.Close();
        o.Line();
    }

    private static Footnote? FirstNote(Division division, string id) => division.Footnotes.FirstOrDefault(f => f.Id == id);

    private static void WriteNoteNumber(RenderContext ctx, Footnote note, NoteIds ids)
    {
        var o = ctx.Out;
        var number = note.Number.ToString(CultureInfo.InvariantCulture);

        // Only a cited note can link back; an uncited one (or one cited only inside a link) shows its number alone.
        if (ctx.Citations.ContainsKey(note.Id))
        {
            o.Open("a");
            o.Attr("href", "#" + ids.RefId);
            o.Attr("role", "doc-backlink");
            o.Attr("class", "footnote-number");
            o.Text(number);
            o.Close();
        }
        else
        {
            o.Element("span", number, "footnote-number");
        }
    }
}
