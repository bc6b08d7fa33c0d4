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
/// quotations and list items by their blocks in order; a table by its cells, header rows first, row by row. Both
/// outputs number leaves by walking blocks in this order.
/// </summary>
public static class TextLeaves
{
    /// <summary>The leaves' inline contents in order (a code block's text as one text inline).</summary>
    public static IEnumerable<ImmutableArray<Inline>> Of(IEnumerable<Block> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    yield return p.Inlines;
                    break;
                case HeadingBlock h:
                    yield return h.Inlines;
                    break;
                case CodeBlock c:
                    yield return [new TextInline(c.Text)];
                    break;
                case QuoteBlock q:
                    foreach (var leaf in Of(q.Blocks))
                    {
                        yield return leaf;
                    }

                    break;
                case ListBlock l:
                    foreach (var leaf in l.Items.SelectMany(i => Of(i.Blocks)))
                    {
                        yield return leaf;
                    }

                    break;
                case TableBlock t:
                    foreach (var cell in t.Header.Concat(t.Body).SelectMany(r => r.Cells))
                    {
                        yield return cell;
                    }

                    break;
            }
        }
    }

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
