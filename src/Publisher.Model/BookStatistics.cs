namespace Publisher.Model;

/// <summary>Counts an author wants after a build: chapters and words of the manuscript's own text.</summary>
public static class BookStatistics
{
    /// <summary>Chapters: divisions made from a Markdown file (front, body and back), not generated pages.</summary>
    public static int Chapters(BookDocument book) => book.Divisions.Count(d => d.Kind == DivisionKind.Chapter);

    /// <summary>
    /// Words of the manuscript's text: titles, headings, paragraphs, lists, quotes, tables, code and footnotes of
    /// every division made from a file. Generated pages (title page, contents) repeat text and are left out, so the
    /// count is what the author wrote. A word is a run of non-space characters holding a letter or a digit, so a
    /// dash or an ellipsis standing alone is not one.
    /// </summary>
    public static int Words(BookDocument book)
    {
        var count = 0;
        foreach (var d in book.TextDivisions)
        {
            count += Count(Inline.ToPlainText(d.Title));
            count += Blocks(d.Blocks);
            foreach (var note in d.Footnotes)
            {
                count += Blocks(note.Blocks);
            }
        }

        return count;
    }

    private static int Blocks(IEnumerable<Block> blocks)
    {
        var count = 0;
        foreach (var block in blocks)
        {
            count += block switch
            {
                ParagraphBlock p => Count(Inline.ToPlainText(p.Inlines)),
                HeadingBlock h => Count(Inline.ToPlainText(h.Inlines)),
                QuoteBlock q => Blocks(q.Blocks),
                ListBlock l => l.Items.Sum(i => Blocks(i.Blocks)),
                CodeBlock c => Count(c.Text),
                TableBlock t => Count(Inline.ToPlainText(t.Caption))
                    + t.Header.Concat(t.Body).SelectMany(r => r.Cells).Sum(cell => Count(Inline.ToPlainText(cell))),
                _ => 0,
            };
        }

        return count;
    }

    /// <summary>Words in a string: whitespace-separated runs with at least one letter or digit.</summary>
    public static int Count(string text)
    {
        var count = 0;
        var inWord = false;
        var hasLetter = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                count += inWord && hasLetter ? 1 : 0;
                inWord = hasLetter = false;
                continue;
            }

            inWord = true;
            hasLetter |= char.IsLetterOrDigit(c);
        }

        return count + (inWord && hasLetter ? 1 : 0);
    }
}
