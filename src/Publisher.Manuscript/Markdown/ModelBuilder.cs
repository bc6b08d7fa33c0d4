using System.Collections.Immutable;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Publisher.Manuscript.Markdown.Extensions.Anchors;
using Publisher.Manuscript.Text;
using Publisher.Model;
using ContainerInline = Markdig.Syntax.Inlines.ContainerInline;
using M = Markdig.Syntax;
using MarkdigFootnote = Markdig.Extensions.Footnotes.Footnote;
using MInlines = Markdig.Syntax.Inlines;
using ParagraphBlock = Publisher.Model.ParagraphBlock;
using SourceSpan = Publisher.Model.SourceSpan;

namespace Publisher.Manuscript.Markdown;

/// <summary>What a Markdown file became: a division, and whether its title asked not to be numbered.</summary>
internal sealed record BuiltDivision(Division Division, bool Unnumbered);

/// <summary>
/// Turns one file's Markdig syntax tree into a <see cref="Division"/>: the first level-1 heading becomes the title,
/// the rest becomes model blocks, and footnotes are numbered in order of first citation. Ids and cross-references
/// go to the shared <see cref="BookContext"/>, which checks them once the whole book is read.
/// </summary>
internal sealed partial class ModelBuilder
{
    private readonly BookContext _book;
    private readonly string _display;

    // The notes the file defines, as cited ("[^x]"): a citation left as text although its note exists stands where
    // Markdown is not read (raw HTML), and is reported as that rather than as undefined.
    private readonly HashSet<string> _definedNotes = new(StringComparer.Ordinal);

    // The chapter's folder relative to the manuscript folder: image paths are relative to it.
    private string _folder = "";
    private readonly Dictionary<MarkdigFootnote, NoteSlot> _notes = [];
    private readonly List<MarkdigFootnote> _noteOrder = [];

    // Anchors seen in the block being built; they are labelled with the heading they fall under once that heading's
    // text is known (an anchor inside a heading takes the heading's own text).
    private readonly List<string> _pendingAnchors = [];
    private string _divisionId = "";
    private string _sectionLabel = "";

    private ModelBuilder(BookContext book, string display)
    {
        _book = book;
        _display = display;
    }

    private DiagnosticBag Diagnostics => _book.Diagnostics;

    /// <summary>Builds the division for one Markdown file.</summary>
    /// <param name="document">The parsed file.</param>
    /// <param name="display">The file's path as diagnostics show it.</param>
    /// <param name="fileName">The file's name, for an id when the file has no title.</param>
    /// <param name="kind">Chapter or Copyright.</param>
    /// <param name="matter">Front, body or back.</param>
    /// <param name="book">Ids, targets and diagnostics shared by the book.</param>
    public static BuiltDivision Build(MarkdownDocument document, string display, string fileName, DivisionKind kind, Matter matter, BookContext book) =>
        new ModelBuilder(book, display).Build(document, fileName, kind, matter);

    private BuiltDivision Build(MarkdownDocument document, string fileName, DivisionKind kind, Matter matter)
    {
        _definedNotes.UnionWith(document.Descendants<FootnoteLinkReferenceDefinition>().Select(d => "[" + d.Footnote.Label + "]"));
        _folder = Path.GetDirectoryName(fileName) ?? "";
        var titleHeading = document.OfType<M.HeadingBlock>().FirstOrDefault(h => h.Level == 1);
        var title = ImmutableArray<Model.Inline>.Empty;
        var unnumbered = false;
        if (titleHeading is not null)
        {
            // The id comes first: notes cited in the title are named after it.
            var (id, skipMark) = ExplicitHeadingId(titleHeading);
            _divisionId = id ?? _book.Ids.Generate(NonEmpty(Slug.From(SlugText(titleHeading.Inline)), FileSlug(fileName)));
            title = Inlines(titleHeading.Inline, skipMark);
            unnumbered = titleHeading.TryGetAttributes()?.Classes?.Contains("unnumbered") == true;
        }
        else
        {
            _divisionId = _book.Ids.Generate(FileSlug(fileName));
        }

        // A division without a title is labelled with its id, which at least names the file. Anchors inside the
        // title are labelled with it.
        var divisionLabel = NonEmpty(Model.Inline.ToPlainText(title), _divisionId);
        _book.Targets.Add(_divisionId, _divisionId, divisionLabel);
        _sectionLabel = divisionLabel;
        FlushAnchors();

        var blocks = new List<Model.Block>();
        foreach (var block in document)
        {
            if (!ReferenceEquals(block, titleHeading))
            {
                AddBlock(block, blocks, topLevel: true);
            }
        }

        var footnotes = BuildFootnotes(divisionLabel);
        ReportUncitedFootnotes(document);

        var division = new Division
        {
            Id = _divisionId,
            Kind = kind,
            Matter = matter,
            Title = title,
            Blocks = [.. blocks],
            Footnotes = footnotes,
            Source = new SourceSpan(_display),
        };
        return new BuiltDivision(division, unnumbered);
    }

    private static string FileSlug(string fileName) => NonEmpty(Slug.From(Path.GetFileNameWithoutExtension(fileName)), "chapter");

    private static string NonEmpty(string value, string fallback) => value.Length > 0 ? value : fallback;

    private SourceSpan At(MarkdownObject node) => new(_display, node.Line + 1, node.Column + 1);

    /// <summary>An image named at <paramref name="span"/>: checked (and reported) once the book is read.</summary>
    private void Image(string? source, SourceSpan span) => _book.Images.Add(new Images.ImageReference(source ?? "", span, _folder));

    // Markdig records where "{...}" stood when its inline parser read it; attributes read with a heading line have
    // no position of their own, so the heading's is used.
    private SourceSpan AttributesAt(HtmlAttributes attributes, MarkdownObject owner) =>
        attributes.Span.IsEmpty ? At(owner) : At(attributes);

    // ---- Blocks -------------------------------------------------------------------------------------------------

    private ImmutableArray<Model.Block> Blocks(IEnumerable<M.Block> children)
    {
        var blocks = new List<Model.Block>();
        foreach (var child in children)
        {
            AddBlock(child, blocks, topLevel: false);
        }

        return [.. blocks];
    }

    private void AddBlock(M.Block block, List<Model.Block> into, bool topLevel)
    {
        switch (block)
        {
            case M.HeadingBlock heading:
                into.Add(Heading(heading, topLevel));
                break;
            case M.ParagraphBlock paragraph:
                // A paragraph that held only removed raw HTML (a script, an embed) has nothing left to show.
                if (Paragraph(paragraph) is { Inlines.Length: > 0 } kept)
                {
                    into.Add(kept);
                }

                break;
            case M.QuoteBlock quote:
                WarnIfId(quote, "a block quotation");
                into.Add(new Model.QuoteBlock(Blocks(quote), At(quote)));
                break;
            case M.ListBlock list:
                WarnIfId(list, "a list");
                into.Add(List(list));
                break;
            case M.ThematicBreakBlock thematicBreak:
                into.Add(new SceneBreakBlock(At(thematicBreak)));
                break;
            case M.FencedCodeBlock fenced:
                WarnIfId(fenced, "a code block");
                into.Add(new Model.CodeBlock(fenced.Lines.ToString(), string.IsNullOrWhiteSpace(fenced.Info) ? null : fenced.Info, At(fenced)));
                break;
            case M.CodeBlock code:
                into.Add(new Model.CodeBlock(code.Lines.ToString(), null, At(code)));
                break;
            case Table table:
                into.Add(Table(table));
                break;
            case M.HtmlBlock html:
                into.AddRange(HtmlBlock(html));
                break;
            case LinkReferenceDefinitionGroup or FootnoteGroup:
                // Definitions, not text: footnotes are built from their citations, link definitions are resolved.
                break;
            case ContainerBlock container:
                // Not produced by our pipeline; keep the text rather than lose it.
                foreach (var child in container)
                {
                    AddBlock(child, into, topLevel);
                }

                break;
            case LeafBlock { Inline: not null } leaf:
                into.Add(new ParagraphBlock(Inlines(leaf.Inline), At(leaf)));
                break;
        }

        if (topLevel)
        {
            FlushAnchors();
        }
    }

    private Model.HeadingBlock Heading(M.HeadingBlock heading, bool topLevel)
    {
        var level = heading.Level;
        if (level == 1)
        {
            Diagnostics.Warning(
                DiagnosticCodes.ExtraTitleHeading,
                "a file has one title (its first level-1 heading); this one is set as a level-2 heading",
                At(heading),
                "use '##' for a section, or move the text to a file of its own");
            level = 2;
        }

        var (id, skipMark) = ExplicitHeadingId(heading);
        var inlines = Inlines(heading.Inline, skipMark);
        var text = Model.Inline.ToPlainText(inlines);
        id ??= _book.Ids.Generate(NonEmpty(Slug.From(text), "section"));

        // A heading inside a quotation or list is still a heading, but it does not start a section of the division.
        if (topLevel)
        {
            _sectionLabel = text.Length > 0 ? text : _sectionLabel;
        }

        _book.Targets.Add(id, _divisionId, text.Length > 0 ? text : _sectionLabel);
        FlushAnchors(text.Length > 0 ? text : _sectionLabel);
        return new Model.HeadingBlock(level, inlines, id, At(heading));
    }

    /// <summary>
    /// The id the author gave a heading: <c>{#id}</c> after a space (generic attributes), or an anchor mark that
    /// ends the heading, which is then not also an anchor. Null when there is none or it cannot be claimed.
    /// </summary>
    private (string? Id, AnchorMarkInline? Mark) ExplicitHeadingId(M.HeadingBlock heading)
    {
        if (heading.TryGetAttributes() is { Id.Length: > 0 } attributes)
        {
            return (_book.Ids.ClaimExplicit(attributes.Id, AttributesAt(attributes, heading), Diagnostics), null);
        }

        if (LastMeaningfulInline(heading.Inline) is AnchorMarkInline mark)
        {
            return (_book.Ids.ClaimExplicit(mark.Id, At(mark), Diagnostics), mark);
        }

        return (null, null);
    }

    private static MInlines.Inline? LastMeaningfulInline(ContainerInline? container)
    {
        var last = container?.LastChild;
        while (last is LiteralInline literal && literal.Content.IsEmptyOrWhitespace())
        {
            last = last.PreviousSibling;
        }

        return last;
    }

    private ParagraphBlock Paragraph(M.ParagraphBlock paragraph)
    {
        var inlines = Inlines(paragraph.Inline);

        // "{#id} text" or "text {#id}" (with a space) is Markdig's generic attributes on the paragraph: keep the id as
        // an anchor where the paragraph starts rather than lose it.
        if (paragraph.TryGetAttributes() is { Id.Length: > 0 } attributes
            && _book.Ids.ClaimExplicit(attributes.Id, AttributesAt(attributes, paragraph), Diagnostics) is { } claimed)
        {
            _pendingAnchors.Add(claimed);
            inlines = inlines.Insert(0, new AnchorInline(claimed));
        }

        return new ParagraphBlock(inlines, At(paragraph));
    }

    private void WarnIfId(M.Block block, string what)
    {
        if (block.TryGetAttributes()?.Id is { Length: > 0 } id)
        {
            Diagnostics.Warning(
                DiagnosticCodes.IgnoredAttributes,
                $"an id on {what} is ignored ('{id}')",
                At(block),
                "put an anchor {#id} straight after a word instead");
        }
    }

    private Model.ListBlock List(M.ListBlock list)
    {
        var start = 1;
        if (list.IsOrdered && int.TryParse(list.OrderedStart, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            start = parsed;
        }

        var items = list.OfType<ListItemBlock>().Select(item => new ListItem(Blocks(item))).ToImmutableArray();
        return new Model.ListBlock(list.IsOrdered, start, items, !list.IsLoose, At(list));
    }

    private TableBlock Table(Table table)
    {
        var rows = table.OfType<M.Block>().OfType<Markdig.Extensions.Tables.TableRow>().ToList();
        var columns = Math.Max(table.ColumnDefinitions.Count, rows.Count == 0 ? 0 : rows.Max(r => r.Count));
        var longest = new int[columns];
        var header = ImmutableArray.CreateBuilder<Model.TableRow>();
        var body = ImmutableArray.CreateBuilder<Model.TableRow>();
        foreach (var row in rows)
        {
            var cells = ImmutableArray.CreateBuilder<ImmutableArray<Model.Inline>>(columns);
            for (var i = 0; i < columns; i++)
            {
                var cell = i < row.Count ? row[i] as TableCell : null;
                var inlines = cell is null ? [] : CellInlines(cell);
                longest[i] = Math.Max(longest[i], Model.Inline.ToPlainText(inlines).Length);
                cells.Add(inlines);
            }

            (row.IsHeader ? header : body).Add(new Model.TableRow(cells.MoveToImmutable()));
        }

        var alignments = Enumerable.Range(0, columns)
            .Select(i => i < table.ColumnDefinitions.Count ? Alignment(table.ColumnDefinitions[i].Alignment) : ColumnAlignment.Default)
            .ToImmutableArray();
        var given = table.ColumnDefinitions.Take(columns).Select(d => (double)d.Width).ToList();
        var widths = TableWidths.Compute(given, longest);

        string? id = null;
        if (table.TryGetAttributes()?.Id is { Length: > 0 } tableId)
        {
            id = _book.Ids.ClaimExplicit(tableId, At(table), Diagnostics);
            if (id is not null)
            {
                _pendingAnchors.Add(id);
            }
        }

        return new TableBlock(header.ToImmutable(), body.ToImmutable(), alignments, [.. widths], [], id, At(table));
    }

    private ImmutableArray<Model.Inline> CellInlines(TableCell cell)
    {
        var result = ImmutableArray.CreateBuilder<Model.Inline>();
        foreach (var leaf in cell.Descendants<LeafBlock>())
        {
            if (leaf.Inline is null)
            {
                continue;
            }

            if (result.Count > 0)
            {
                result.Add(new TextInline(" "));
            }

            result.AddRange(Inlines(leaf.Inline));
        }

        return result.ToImmutable();
    }

    private static ColumnAlignment Alignment(TableColumnAlign? align) => align switch
    {
        TableColumnAlign.Left => ColumnAlignment.Left,
        TableColumnAlign.Center => ColumnAlignment.Center,
        TableColumnAlign.Right => ColumnAlignment.Right,
        _ => ColumnAlignment.Default,
    };

    // ---- Footnotes ----------------------------------------------------------------------------------------------

    /// <summary>A cited footnote: its number and id, given at its first citation.</summary>
    private sealed record NoteSlot(string Id, int Number);

    private NoteSlot Cite(MarkdigFootnote footnote)
    {
        if (!_notes.TryGetValue(footnote, out var slot))
        {
            var number = _noteOrder.Count + 1;
            slot = new NoteSlot(_book.Ids.Generate($"{_divisionId}-note-{number}"), number);
            _notes[footnote] = slot;
            _noteOrder.Add(footnote);
        }

        return slot;
    }

    private ImmutableArray<Model.Footnote> BuildFootnotes(string label)
    {
        var notes = ImmutableArray.CreateBuilder<Model.Footnote>();

        // A note may cite another note, which then joins the end of the list: hence an index loop, not foreach.
        for (var i = 0; i < _noteOrder.Count; i++)
        {
            var footnote = _noteOrder[i];
            var slot = _notes[footnote];
            var blocks = Blocks(footnote);
            _book.Targets.Add(slot.Id, _divisionId, label);
            FlushAnchors(label);
            notes.Add(new Model.Footnote(slot.Id, slot.Number, blocks, At(footnote)));
        }

        return notes.ToImmutable();
    }

    private void ReportUncitedFootnotes(MarkdownDocument document)
    {
        foreach (var definition in document.Descendants<FootnoteLinkReferenceDefinition>())
        {
            if (!_notes.ContainsKey(definition.Footnote))
            {
                Diagnostics.Warning(
                    DiagnosticCodes.UnusedFootnote,
                    $"the footnote '[{definition.Footnote.Label}]' is never cited, so it is left out",
                    At(definition));
            }
        }
    }

    // ---- Anchors ------------------------------------------------------------------------------------------------

    private void FlushAnchors(string? label = null)
    {
        foreach (var id in _pendingAnchors)
        {
            _book.Targets.Add(id, _divisionId, label ?? _sectionLabel);
        }

        _pendingAnchors.Clear();
    }
}
