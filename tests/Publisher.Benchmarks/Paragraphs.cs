using System.Collections.Immutable;
using System.Text;
using Publisher.Model;
using Publisher.Styles;
using Publisher.Typesetting.Hyphenation;
using Publisher.Typesetting.LineBreaking;

namespace Publisher.Benchmarks;

/// <summary>
/// What the public API allows of the typesetter's insides: the book's paragraphs as plain words, hyphenated with the
/// public <see cref="Hyphenator"/> and broken with the public <see cref="KnuthPlass"/>. Shaping (HarfBuzz), the
/// typesetter's own item building and pagination are internal to Publisher.Typesetting (visible only to the test
/// projects), so the widths here are an approximation (a fixed advance per character at 10.5 pt), not the shaped
/// widths; the breaker's work per paragraph is of the same size as in the real build.
/// </summary>
public static class Paragraphs
{
    private const double CharWidth = 5.1;      // Charis SIL 10.5 pt, an average advance
    private const double SpaceWidth = 2.9;
    private const double HyphenWidth = 3.5;
    private const double Measure = 4.5 * 72;  // 6 in trim − 0.875 in − 0.625 in margins

    /// <summary>The hyphenator of the style's English patterns.</summary>
    public static Hyphenator Hyphenator(StyleSheet style) =>
        new(Encoding.UTF8.GetString(style.Hyphenation["en"].Data));

    /// <summary>Every paragraph of the book (chapters, quotes, list items, notes) as its words.</summary>
    public static List<string[]> Words(BookDocument book)
    {
        var result = new List<string[]>();
        foreach (var division in book.Divisions)
        {
            Collect(division.Blocks, result);
            foreach (var note in division.Footnotes)
            {
                Collect(note.Blocks, result);
            }
        }

        return result;
    }

    /// <summary>Hyphenation points of every word, as the item builder asks for them.</summary>
    public static int HyphenateAll(Hyphenator hyphenator, List<string[]> paragraphs)
    {
        var points = 0;
        foreach (var words in paragraphs)
        {
            foreach (var word in words)
            {
                points += hyphenator.Points(Letters(word)).Count;
            }
        }

        return points;
    }

    /// <summary>Knuth–Plass items of every paragraph (hyphenation points included).</summary>
    public static List<Item[]> Items(Hyphenator hyphenator, List<string[]> paragraphs)
    {
        var result = new List<Item[]>(paragraphs.Count);
        foreach (var words in paragraphs)
        {
            var items = new List<Item> { Item.Box(1.25 * 10.5) };
            for (var w = 0; w < words.Length; w++)
            {
                if (w > 0)
                {
                    items.Add(Item.Glue(SpaceWidth, SpaceWidth / 2, SpaceWidth / 3));
                }

                var word = words[w];
                var last = 0;
                foreach (var p in hyphenator.Points(Letters(word)))
                {
                    items.Add(Item.Box((p - last) * CharWidth));
                    items.Add(Item.PenaltyItem(HyphenWidth, 50, true));
                    last = p;
                }

                items.Add(Item.Box((word.Length - last) * CharWidth));
            }

            items.Add(Item.PenaltyItem(0, Item.Infinity, false));
            items.Add(Item.Glue(0, Item.FillStretch, 0));
            items.Add(Item.PenaltyItem(0, -Item.Infinity, true));
            result.Add([.. items]);
        }

        return result;
    }

    /// <summary>Breaks every paragraph into lines of the trade measure; returns the number of lines.</summary>
    public static int BreakAll(List<Item[]> paragraphs)
    {
        var lines = 0;
        foreach (var items in paragraphs)
        {
            lines += KnuthPlass.Break(items, _ => Measure).Lines.Count;
        }

        return lines;
    }

    private static string Letters(string word)
    {
        var start = 0;
        var end = word.Length;
        while (start < end && !char.IsLetter(word[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetter(word[end - 1]))
        {
            end--;
        }

        return word[start..end];
    }

    private static void Collect(ImmutableArray<Block> blocks, List<string[]> into)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    into.Add(Text(p.Inlines).Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case QuoteBlock q:
                    Collect(q.Blocks, into);
                    break;
                case ListBlock l:
                    foreach (var item in l.Items)
                    {
                        Collect(item.Blocks, into);
                    }

                    break;
            }
        }
    }

    private static string Text(ImmutableArray<Inline> inlines)
    {
        var sb = new StringBuilder();
        Append(inlines, sb);
        return sb.ToString();
    }

    private static void Append(ImmutableArray<Inline> inlines, StringBuilder sb)
    {
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case TextInline t:
                    sb.Append(t.Text);
                    break;
                case CodeInline c:
                    sb.Append(c.Text);
                    break;
                case LineBreakInline:
                    sb.Append(' ');
                    break;
                case ContainerInline c:
                    Append(c.Children, sb);
                    break;
            }
        }
    }
}
