using System.Collections.Immutable;

namespace Publisher.Model;

/// <summary>
/// A place in the book's text that both outputs can find: a division, a leaf text block in it (see
/// <see cref="TextLeaves"/>; −1 is the division's start, before its title), and how many non-space characters of the
/// manuscript's own text come before the place in that leaf. Generated text (note numbers, "p. 23", list markers) is
/// not counted, since the two outputs print it differently. The typesetter records where each print page begins;
/// the EPUB writer puts its page-break markers there.
/// </summary>
public sealed record TextPosition(string DivisionId, int Leaf, int Offset);

/// <summary>
/// The leaf text blocks of a division, in reading order, numbered from 0: paragraphs, headings and code blocks;
/// quotations and list items by their blocks in order; a table by its cells, header rows first, row by row. This walk
/// is the only place leaves are numbered: both outputs ask <see cref="LeafNumbering"/> for a leaf's number rather than
/// counting leaves as they write them, so a block kind one of them sets differently cannot shift the other's numbers.
/// </summary>
public static class TextLeaves
{
    /// <summary>The leaves' inline contents in order (a code block's text as one text inline).</summary>
    public static IEnumerable<ImmutableArray<Inline>> Of(IEnumerable<Block> blocks) => Walk(blocks).Select(l => l.Inlines);

    /// <summary>The leaves in order, each with the block (or table row and cell) it is.</summary>
    public static IEnumerable<TextLeaf> Walk(IEnumerable<Block> blocks)
    {
        // A model built in code may leave arrays unset (default); the writers read those as empty, and so does this.
        foreach (var block in blocks is ImmutableArray<Block> { IsDefault: true } ? [] : blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    yield return new TextLeaf(p, null, 0, p.Inlines);
                    break;
                case HeadingBlock h:
                    yield return new TextLeaf(h, null, 0, h.Inlines);
                    break;
                case CodeBlock c:
                    yield return new TextLeaf(c, null, 0, [new TextInline(c.Text)]);
                    break;
                case QuoteBlock q:
                    foreach (var leaf in Walk(q.Blocks))
                    {
                        yield return leaf;
                    }

                    break;
                case ListBlock l:
                    foreach (var leaf in Walk(Set(l.Items).SelectMany(i => Set(i.Blocks))))
                    {
                        yield return leaf;
                    }

                    break;
                case TableBlock t:
                    foreach (var row in Set(t.Header).Concat(Set(t.Body)))
                    {
                        var cells = Set(row.Cells);
                        for (var c = 0; c < cells.Length; c++)
                        {
                            yield return new TextLeaf(t, row, c, cells[c]);
                        }
                    }

                    break;
            }
        }
    }

    private static ImmutableArray<T> Set<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;

    /// <summary>How many characters of <paramref name="text"/> count towards an offset: all but white space.</summary>
    public static int Counted(ReadOnlySpan<char> text)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                n++;
            }
        }

        return n;
    }
}

/// <summary>A leaf text block: <paramref name="Block"/> itself, or for a table the cell <paramref name="Cell"/> of <paramref name="Row"/>.</summary>
public sealed record TextLeaf(Block Block, TableRow? Row, int Cell, ImmutableArray<Inline> Inlines);

/// <summary>
/// The numbers of a division's leaves (see <see cref="TextLeaves"/>), found by the model object a writer is setting.
/// Objects are told apart by reference: two paragraphs with the same text are two leaves.
/// </summary>
public sealed class LeafNumbering
{
    private readonly Dictionary<object, int> _numbers = new(ReferenceEqualityComparer.Instance);

    private LeafNumbering(IEnumerable<Block> blocks)
    {
        foreach (var leaf in TextLeaves.Walk(blocks))
        {
            // A table row's cells are numbered from its first cell's number.
            if (leaf.Row is null || leaf.Cell == 0)
            {
                _numbers.TryAdd((object?)leaf.Row ?? leaf.Block, Count);
            }

            Count++;
        }
    }

    /// <summary>No leaves: for a division set without numbered text (a title page).</summary>
    public static LeafNumbering None { get; } = new([]);

    /// <summary>How many leaves the division has.</summary>
    public int Count { get; }

    /// <summary>Numbers the leaves of <paramref name="blocks"/> (a division's blocks).</summary>
    public static LeafNumbering Of(IEnumerable<Block> blocks) => new(blocks);

    /// <summary>The number of a paragraph, heading or code block; null for a block that is not a leaf of the division.</summary>
    public int? Of(Block block) => block is ParagraphBlock or HeadingBlock or CodeBlock && _numbers.TryGetValue(block, out var n) ? n : null;

    /// <summary>The number of cell <paramref name="cell"/> of a table row; null past the row's last cell.</summary>
    public int? Of(TableRow row, int cell) => cell >= 0 && _numbers.TryGetValue(row, out var n) && cell < row.Cells.Length ? n + cell : null;
}
