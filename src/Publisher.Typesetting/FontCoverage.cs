using System.Text;
using Publisher.Model;
using Publisher.Styles;
using Publisher.Typesetting.Fonts;

namespace Publisher.Typesetting;

/// <summary>A character of the book that no font of the style can show, and the block (or file) it is in.</summary>
/// <param name="Character">The character.</param>
/// <param name="Block">Where its block begins; null for the book's metadata (title, subtitle, authors in book.yml).</param>
public sealed record UncoveredCharacter(Rune Character, SourceSpan? Block);

/// <summary>
/// Which characters of a book the style's fonts lack, found without setting the book: every text of the model is
/// checked against the body, display and fallback fonts' character maps. The linter's counterpart of the layout's
/// missing-glyph warning (PUB3004), which names only the paragraph.
/// </summary>
public static class FontCoverage
{
    /// <summary>Each character no font has, once per block it appears in, in book order.</summary>
    public static IReadOnlyList<UncoveredCharacter> Uncovered(BookDocument book, StyleSheet style)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(style);
        using var fonts = new FontSet(style);
        FontFace[] faces = [fonts.Body[0], fonts.Display[0], .. fonts.Body[0].Fallback is { } f ? new[] { f } : []];
        var result = new List<UncoveredCharacter>();

        void Check(string text, SourceSpan? where)
        {
            var seen = new HashSet<int>();
            foreach (var rune in text.EnumerateRunes())
            {
                if (!Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune) && seen.Add(rune.Value) && !faces.Any(face => face.Covers(rune.Value)))
                {
                    result.Add(new UncoveredCharacter(rune, where));
                }
            }
        }

        void Blocks(IEnumerable<Block> blocks)
        {
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case ParagraphBlock p:
                        Check(Model.Inline.ToPlainText(p.Inlines), p.Source);
                        break;
                    case HeadingBlock h:
                        Check(Model.Inline.ToPlainText(h.Inlines), h.Source);
                        break;
                    case CodeBlock c:
                        Check(c.Text, c.Source);
                        break;
                    case QuoteBlock q:
                        Blocks(q.Blocks);
                        break;
                    case ListBlock l:
                        foreach (var item in l.Items)
                        {
                            Blocks(item.Blocks);
                        }

                        break;
                    case TableBlock t:
                        Check(string.Join(' ', t.Header.Concat(t.Body).SelectMany(r => r.Cells).Select(c => Model.Inline.ToPlainText(c))), t.Source);
                        break;
                }
            }
        }

        var m = book.Metadata;
        Check(string.Join(' ', new[] { m.Title, m.Subtitle ?? "" }.Concat(m.Authors)), null);
        foreach (var division in book.Divisions)
        {
            Check(division.PlainTitle, division.Source);
            Blocks(division.Blocks);
            foreach (var note in division.Footnotes)
            {
                Blocks(note.Blocks);
            }
        }

        return result;
    }
}
