using Publisher.Model;

namespace Publisher.Epub;

/// <summary>Where a model id ends up: a document and, unless it names the whole division, a fragment id.</summary>
internal sealed record IdLocation(PlannedDocument Document, string? Fragment, string Label);

/// <summary>
/// Maps the model's ids (headings, anchors, tables, notes, divisions) to XHTML ids that are valid, unique in the whole
/// book, and known before writing starts, so that a link can point forward into a later file.
/// </summary>
/// <remarks>
/// The planner assigns an XHTML id to every id-bearing node (by reference, since records compare by value); the
/// first node with a given model id is where links to that id go. The writers then <see cref="Claim"/> the planned
/// id as they meet each node. A node met twice (one instance reused in the model) gets a fresh id the second time,
/// because HTML ids must be unique within a document and we keep them unique across the book.
/// </remarks>
internal sealed class IdMap
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly HashSet<string> _emitted = new(StringComparer.Ordinal);
    private readonly Dictionary<object, string> _planned = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, IdLocation> _elements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdLocation> _notes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdLocation> _divisions = new(StringComparer.Ordinal);

    /// <summary>Takes <paramref name="wanted"/> (or a numbered variant) as an XHTML id and returns it.</summary>
    public string Reserve(string wanted) => Names.Unique(wanted, _used);

    /// <summary>
    /// Plans the id of a heading, table or anchor <paramref name="node"/>. False when the model id was already
    /// defined: the node still gets an id of its own, but links go to the first.
    /// </summary>
    public bool DefineElement(object node, string modelId, PlannedDocument document, string label)
    {
        if (_planned.ContainsKey(node))
        {
            return false;
        }

        var xhtmlId = Reserve(Names.ToXmlId(modelId));
        _planned[node] = xhtmlId;
        return _elements.TryAdd(modelId, new IdLocation(document, xhtmlId, label.Trim()));
    }

    /// <summary>Defines a footnote's id, whose XHTML id was reserved by the planner.</summary>
    public void DefineNote(string modelId, PlannedDocument document, string xhtmlId, string label) =>
        _notes.TryAdd(modelId, new IdLocation(document, xhtmlId, label.Trim()));

    /// <summary>Defines a division id: a link to it opens its document at the top.</summary>
    public void DefineDivision(string modelId, PlannedDocument document, string label) =>
        _divisions.TryAdd(modelId, new IdLocation(document, null, label.Trim()));

    /// <summary>The XHTML id planned for <paramref name="node"/>, if it has one.</summary>
    public string? PlannedId(object node) => _planned.GetValueOrDefault(node);

    /// <summary>The XHTML id to write on <paramref name="node"/>, which carries <paramref name="modelId"/>.</summary>
    public string Claim(object node, string modelId)
    {
        if (_planned.TryGetValue(node, out var planned) && _emitted.Add(planned))
        {
            return planned;
        }

        var fresh = Reserve(Names.ToXmlId(modelId));
        _emitted.Add(fresh);
        return fresh;
    }

    /// <summary>Where <paramref name="modelId"/> was found in the book's content, if it was.</summary>
    public IdLocation? Locate(string modelId) =>
        _elements.GetValueOrDefault(modelId) ?? _notes.GetValueOrDefault(modelId) ?? _divisions.GetValueOrDefault(modelId);

    /// <summary>Where the note <paramref name="modelId"/> of <paramref name="document"/> is.</summary>
    public static NoteIds? Note(PlannedDocument document, string modelId) => document.Notes.GetValueOrDefault(modelId);
}

/// <summary>Lists the linkable ids of a division in document order, with a label for each.</summary>
internal static class ModelIds
{
    /// <summary>Heading, table and anchor ids of <paramref name="division"/>, its title and notes included.</summary>
    public static IEnumerable<(object Node, string Id, string Label, SourceSpan? Span)> Of(Division division)
    {
        var label = division.Plain();
        foreach (var (node, id) in Anchors(division.Title.OrEmpty()))
        {
            yield return (node, id, label, division.Source);
        }

        foreach (var item in Blocks(division.Blocks.OrEmpty(), label))
        {
            yield return item;
        }

        foreach (var note in division.Footnotes.OrEmpty())
        {
            foreach (var item in Blocks(note.Blocks.OrEmpty(), label))
            {
                yield return item;
            }
        }
    }

    private static IEnumerable<(object, string, string, SourceSpan?)> Blocks(IEnumerable<Block> blocks, string label)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    label = h.Inlines.Plain();
                    if (!string.IsNullOrEmpty(h.Id))
                    {
                        yield return (h, h.Id, label, h.Source);
                    }

                    foreach (var (node, id) in Anchors(h.Inlines.OrEmpty()))
                    {
                        yield return (node, id, label, h.Source);
                    }

                    break;
                case ParagraphBlock p:
                    foreach (var (node, id) in Anchors(p.Inlines.OrEmpty()))
                    {
                        yield return (node, id, label, p.Source);
                    }

                    break;
                case QuoteBlock q:
                    foreach (var item in Blocks(q.Blocks.OrEmpty(), label))
                    {
                        yield return item;
                    }

                    break;
                case ListBlock l:
                    foreach (var item in l.Items.OrEmpty().SelectMany(i => Blocks(i.Blocks.OrEmpty(), label)))
                    {
                        yield return item;
                    }

                    break;
                case TableBlock t:
                    if (!string.IsNullOrEmpty(t.Id))
                    {
                        yield return (t, t.Id, t.Caption.IsDefaultOrEmpty ? label : t.Caption.Plain(), t.Source);
                    }

                    var cells = t.Caption.OrEmpty()
                        .Concat(t.Header.OrEmpty().Concat(t.Body.OrEmpty()).SelectMany(r => r.Cells.OrEmpty()).SelectMany(c => c.OrEmpty()));
                    foreach (var (node, id) in Anchors(cells))
                    {
                        yield return (node, id, label, t.Source);
                    }

                    break;
            }
        }
    }

    private static IEnumerable<(object Node, string Id)> Anchors(IEnumerable<Inline> inlines)
    {
        foreach (var inline in inlines)
        {
            if (inline is AnchorInline a && !string.IsNullOrEmpty(a.Id))
            {
                yield return (a, a.Id);
            }
            else if (inline is ContainerInline c)
            {
                foreach (var item in Anchors(c.Children.OrEmpty()))
                {
                    yield return item;
                }
            }
        }
    }
}
