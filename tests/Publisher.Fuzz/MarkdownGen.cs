using System.Text;
using CsCheck;

namespace Publisher.Fuzz;

// The generated manuscript is a small syntax tree, rendered to Markdown together with the words the outputs must show
// (every word of the text, footnotes that are cited, table cells, alt text, code) and the words they must not (inside
// <script> and <style>, which the book removes). Words are random lower-case strings, so finding one in an output
// means it came from its place in the input. Words in contexts the book legitimately drops (a footnote never cited,
// an HTML comment) count as neither.

/// <summary>An inline of the generated text.</summary>
public abstract record Inl;

/// <summary>A plain word.</summary>
public sealed record Word(string Text) : Inl;

/// <summary>Markdown emphasis (<c>*x*</c>, <c>_x_</c>) or strong (<c>**x**</c>).</summary>
public sealed record Emph(Inl[] Children, bool Strong, char Marker) : Inl;

/// <summary>A code span.</summary>
public sealed record CodeSpan(string[] Words) : Inl;

/// <summary>A link to a web address.</summary>
public sealed record WebLink(Inl[] Children) : Inl;

/// <summary>An inline HTML element, closed or left open.</summary>
public sealed record HtmlInline(string Tag, Inl[] Children, bool Closed) : Inl;

/// <summary><c>&lt;script&gt;</c> or <c>&lt;style&gt;</c> with words that must vanish.</summary>
public sealed record ActiveContent(string Tag, string[] Hidden) : Inl;

/// <summary>A footnote citation <c>[^nN]</c>.</summary>
public sealed record NoteRef(int Note) : Inl;

/// <summary>A word with an anchor mark after it: <c>word{#id}</c>.</summary>
public sealed record Anchored(string Text) : Inl;

/// <summary>A page reference to the chapter's title: <c>[](#top)</c>.</summary>
public sealed record PageRef : Inl;

/// <summary>A remote image (never fetched): its alt text stays.</summary>
public sealed record RemoteImage(string[] Alt) : Inl;

/// <summary>Punctuation and stray markers that Markdown leaves as text.</summary>
public sealed record Mark(string Text) : Inl;

/// <summary>A hard line break.</summary>
public sealed record HardBreak : Inl;

/// <summary>A block of the generated text.</summary>
public abstract record Blk;

/// <summary>A paragraph.</summary>
public sealed record Para(Inl[] Inlines) : Blk;

/// <summary>A heading (level 1 after the title is set as level 2, with a warning).</summary>
public sealed record Heading(int Level, Inl[] Inlines) : Blk;

/// <summary>A block quote.</summary>
public sealed record Quote(Blk[] Blocks) : Blk;

/// <summary>A bullet or ordered list.</summary>
public sealed record ListBlk(bool Ordered, bool Loose, Blk[][] Items) : Blk;

/// <summary>A fenced code block.</summary>
public sealed record Fence(string[] Words) : Blk;

/// <summary>A pipe table: rows of cells, the first row the header.</summary>
public sealed record Table(Inl[][][] Rows) : Blk;

/// <summary>A raw HTML block whose tags the book drops and whose text it keeps.</summary>
public sealed record HtmlBlock(string Tag, string[] Words) : Blk;

/// <summary>A block of active content that must vanish.</summary>
public sealed record ScriptBlock(string[] Hidden) : Blk;

/// <summary>An HTML comment: its words are dropped.</summary>
public sealed record Comment(string[] Words) : Blk;

/// <summary>A thematic break (a scene break).</summary>
public sealed record Rule : Blk;

/// <summary>A footnote definition.</summary>
public sealed record NoteDef(int Note, Inl[] Inlines, bool CitesItself);

/// <summary>A chapter: its title, blocks and footnote definitions.</summary>
public sealed record Chapter(string[] Title, Blk[] Blocks, NoteDef[] Notes);

/// <summary>A generated manuscript: its chapters as Markdown files, with the words the outputs must and must not show.</summary>
public sealed record Manuscript(IReadOnlyList<string> Files, IReadOnlySet<string> Expected, IReadOnlySet<string> Hidden)
{
    /// <summary>The chapters one after another, for a failure report.</summary>
    public override string ToString() => string.Join("\n", Files.Select((f, i) => $"===== chapter {i + 1} =====\n{f}"));
}

/// <summary>Generators of random manuscripts (CsCheck).</summary>
public static class MarkdownGen
{
    private const int Notes = 6;

    /// <summary>Hidden words start with this, which no visible word does.</summary>
    public const string HiddenPrefix = "zq";

    private static readonly Gen<string> Letters = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxy"], 2, 9];

    /// <summary>
    /// Words whose hyphenation points fall inside an ff, fi, fl, ffi or ffl ligature, which the line breaker must split
    /// and re-form (dif-fer-ent, of-fi-cial); random letters hardly ever make one.
    /// </summary>
    private static readonly string[] LigatureWords =
        ["different", "difficult", "office", "official", "effort", "sufficient", "affluent", "baffling", "offering", "afflicted", "efficiently", "indifferently", "suffixes", "scaffolding"];

    /// <summary>A visible word: lower-case ASCII mostly, sometimes with a Latin letter outside ASCII that the fonts have, or ligatures.</summary>
    public static readonly Gen<string> VisibleWord = Gen.Frequency(
        (12, Letters.Where(w => !w.StartsWith(HiddenPrefix, StringComparison.Ordinal))),
        (1, Gen.Select(Letters, Gen.Char["éøñüçåß"], (w, c) => w[..1] + c + w[1..])),
        (2, Gen.Int[0, LigatureWords.Length - 1].Select(i => LigatureWords[i])));

    private static readonly Gen<string> HiddenWord = Letters.Select(w => HiddenPrefix + w);

    private static readonly Gen<string> Punctuation = Gen.OneOf(Gen.Const("."), Gen.Const(","), Gen.Const(";"), Gen.Const("!"), Gen.Const("?"), Gen.Const("--"),
        Gen.Const("---"), Gen.Const("..."), Gen.Const("'"), Gen.Const("\""), Gen.Const("("), Gen.Const(")"), Gen.Const("*"), Gen.Const("_"), Gen.Const("**"),
        Gen.Const("&"), Gen.Const("<"), Gen.Const("\\*"));

    private static readonly string[] InlineTags = ["em", "i", "strong", "b", "code", "sup", "sub", "abbr", "u", "mark", "span class=\"smallcaps\"", "span", "a href=\"https://example.com/\"", "q onclick=\"alert(1)\""];

    private static Gen<Inl> Inline(int depth)
    {
        var leaves = new List<(int, IGen<Inl>)>
        {
            (30, VisibleWord.Select(w => (Inl)new Word(w))),
            (6, Punctuation.Select(p => (Inl)new Mark(p))),
            (2, VisibleWord.Array[1, 3].Select(w => (Inl)new CodeSpan(w))),
            (2, Gen.Int[0, Notes - 1].Select(n => (Inl)new NoteRef(n))),
            (1, VisibleWord.Select(w => (Inl)new Anchored(w))),
            (1, Gen.Const((Inl)new PageRef())),
            (1, VisibleWord.Array[1, 3].Select(a => (Inl)new RemoteImage(a))),
            (1, Gen.Select(Gen.OneOf(Gen.Const("script"), Gen.Const("style")), HiddenWord.Array[1, 3], (t, h) => (Inl)new ActiveContent(t, h))),
            (1, Gen.Const((Inl)new HardBreak())),
        };
        if (depth > 0)
        {
            var children = Inline(depth - 1).Array[1, 4];
            leaves.Add((3, Gen.Select(children, Gen.Bool, Gen.Bool, (c, strong, star) => (Inl)new Emph(c, strong, star ? '*' : '_'))));
            leaves.Add((2, children.Select(c => (Inl)new WebLink(c))));
            leaves.Add((3, Gen.Select(Gen.OneOf(InlineTags.Select(Gen.Const).ToArray()), children, Gen.Int[0, 5], (t, c, open) => (Inl)new HtmlInline(t, c, open != 0))));
        }

        return Gen.Frequency([.. leaves]);
    }

    private static Gen<Inl[]> Inlines(int min, int max) => Inline(2).Array[min, max];

    private static Gen<Blk> Block(int depth)
    {
        var leaves = new List<(int, IGen<Blk>)>
        {
            (20, Inlines(1, 14).Select(i => (Blk)new Para(i))),
            // A paragraph of a few hundred words, to cross pages.
            (1, VisibleWord.Array[150, 400].Select(w => (Blk)new Para([.. w.Select(x => (Inl)new Word(x))]))),
            (3, Gen.Select(Gen.Int[1, 4], Inlines(1, 5), (l, i) => (Blk)new Heading(l, i))),
            (2, VisibleWord.Array[1, 12].Select(w => (Blk)new Fence(w))),
            (2, Gen.Int[1, 4].SelectMany(cols => Gen.Int[1, 5].SelectMany(rows => Inline(1).Array[1, 3].Array[cols].Array[rows + 1]))
                .Select(r => (Blk)new Table(r))),
            (1, Gen.Select(Gen.OneOf(Gen.Const("div"), Gen.Const("p"), Gen.Const("section"), Gen.Const("table")), VisibleWord.Array[1, 6], (t, w) => (Blk)new HtmlBlock(t, w))),
            (1, HiddenWord.Array[1, 4].Select(h => (Blk)new ScriptBlock(h))),
            (1, VisibleWord.Array[1, 4].Select(w => (Blk)new Comment(w))),
            (1, Gen.Const((Blk)new Rule())),
        };
        if (depth > 0)
        {
            var inner = Block(depth - 1).Array[1, 3];
            leaves.Add((3, inner.Select(b => (Blk)new Quote(b))));
            leaves.Add((4, Gen.Select(Gen.Bool, Gen.Bool, inner.Array[1, 4], (o, l, items) => (Blk)new ListBlk(o, l, items))));
        }

        return Gen.Frequency([.. leaves]);
    }

    private static readonly Gen<NoteDef> Note = Gen.Select(Gen.Int[0, Notes - 1], Inlines(1, 10), Gen.Int[0, 4],
        (n, text, selfRef) => new NoteDef(n, [.. text.Where(i => !ContainsNoteRef(i))], selfRef == 0));

    private static readonly Gen<Chapter> ChapterGen = Gen.Select(VisibleWord.Array[1, 4], Block(3).Array[1, 10], Note.Array[0, 5],
        (title, blocks, notes) => new Chapter(title, blocks, [.. notes.DistinctBy(n => n.Note)]));

    /// <summary>A manuscript of one or two chapters.</summary>
    public static readonly Gen<Manuscript> Manuscripts = ChapterGen.Array[1, 2].Select(Render);

    private static bool ContainsNoteRef(Inl inline) => inline switch
    {
        NoteRef => true,
        Emph e => e.Children.Any(ContainsNoteRef),
        WebLink l => l.Children.Any(ContainsNoteRef),
        HtmlInline h => h.Children.Any(ContainsNoteRef),
        _ => false,
    };

    /// <summary>Renders chapters to Markdown, collecting the expected and hidden words.</summary>
    public static Manuscript Render(Chapter[] chapters)
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<string>();
        var anchor = 0;
        for (var c = 0; c < chapters.Length; c++)
        {
            var chapter = chapters[c];
            var cited = new HashSet<int>();
            var body = new Writer(expected, hidden, cited, () => anchor++);
            var sb = new StringBuilder();
            sb.Append("# ").Append(string.Join(' ', chapter.Title)).Append(c == 0 ? " {#top}" : "").Append("\n\n");
            expected.UnionWith(chapter.Title);
            foreach (var block in chapter.Blocks)
            {
                foreach (var line in body.Block(block))
                {
                    sb.Append(line).Append('\n');
                }

                sb.Append('\n');
            }

            // Definitions after the text: only those cited are printed, so only their words are expected.
            foreach (var note in chapter.Notes)
            {
                var sink = cited.Contains(note.Note) ? expected : new HashSet<string>(StringComparer.Ordinal);
                var w = new Writer(sink, hidden, [], () => anchor++);
                var text = w.Inlines(note.Inlines).Replace("\n", "\n    ", StringComparison.Ordinal);
                sb.Append($"[^n{note.Note}]: ").Append(text).Append(note.CitesItself ? $" again[^n{note.Note}]" : "").Append("\n\n");
                if (cited.Contains(note.Note) && note.CitesItself)
                {
                    expected.Add("again");
                }
            }

            files.Add(sb.ToString());
        }

        return new Manuscript(files, expected, hidden);
    }

    /// <summary>Writes blocks and inlines as Markdown lines, noting the words as it goes.</summary>
    private sealed class Writer(HashSet<string> expected, HashSet<string> hidden, HashSet<int> cited, Func<int> nextAnchor)
    {
        public IEnumerable<string> Block(Blk block) => block switch
        {
            // A hard break ends a line; the lines after it get the container's prefix like any other. A line that
            // begins with <script> or <style> is a raw HTML block, where Markdown (a note's citation) is not read:
            // a word in front keeps it a paragraph line.
            Para p => Inlines(p.Inlines).Split('\n').Select(l => l.TrimStart().StartsWith("<s", StringComparison.Ordinal) ? "lead " + l : l),
            Heading h => [new string('#', h.Level) + " " + Inlines(h.Inlines, oneLine: true)],
            Quote q => Join(q.Blocks).Select(l => l.Length == 0 ? ">" : "> " + l),
            ListBlk list => ListLines(list),
            Fence f => ["```", .. Words(f.Words, expected), "```"],
            Table t => TableLines(t),
            HtmlBlock h => [$"<{h.Tag}>", .. Words(h.Words, expected), $"</{h.Tag.Split(' ')[0]}>"],
            ScriptBlock s => ["<script>", .. Words(s.Hidden, hidden), "</script>"],
            Comment c => ["<!--", string.Join(' ', c.Words), "-->"],
            _ => ["* * *"],
        };

        private List<string> Join(IEnumerable<Blk> blocks)
        {
            var lines = new List<string>();
            foreach (var b in blocks)
            {
                if (lines.Count > 0)
                {
                    lines.Add("");
                }

                lines.AddRange(Block(b));
            }

            return lines;
        }

        private IEnumerable<string> ListLines(ListBlk list)
        {
            for (var i = 0; i < list.Items.Length; i++)
            {
                var marker = list.Ordered ? $"{i + 1}. " : "- ";
                var indent = new string(' ', marker.Length);
                var lines = Join(list.Items[i]);
                for (var k = 0; k < lines.Count; k++)
                {
                    yield return k == 0 ? marker + lines[k] : lines[k].Length == 0 ? "" : indent + lines[k];
                }

                if (list.Loose && i < list.Items.Length - 1)
                {
                    yield return "";
                }
            }
        }

        private IEnumerable<string> TableLines(Table table)
        {
            var columns = table.Rows[0].Length;
            yield return "| " + string.Join(" | ", table.Rows[0].Select(c => Inlines(c, oneLine: true))) + " |";
            yield return "|" + string.Concat(Enumerable.Repeat("---|", columns));
            foreach (var row in table.Rows.Skip(1))
            {
                yield return "| " + string.Join(" | ", row.Select(c => Inlines(c, oneLine: true))) + " |";
            }
        }

        private static IEnumerable<string> Words(string[] words, HashSet<string> into)
        {
            into.UnionWith(words);
            return [string.Join(' ', words)];
        }

        /// <summary>Inlines joined by spaces; <paramref name="oneLine"/> (headings, table cells) leaves out hard breaks, which would end them.</summary>
        public string Inlines(IEnumerable<Inl> inlines, bool oneLine = false)
        {
            _oneLine = oneLine;
            return string.Join(' ', inlines.Select(Inline));
        }

        private bool _oneLine;

        private string Inline(Inl inline)
        {
            switch (inline)
            {
                case Word w:
                    expected.Add(w.Text);
                    return w.Text;
                case Emph e:
                    var m = new string(e.Marker, e.Strong ? 2 : 1);
                    return m + Inlines(e.Children, _oneLine) + m;
                case CodeSpan c:
                    expected.UnionWith(c.Words);
                    return "`" + string.Join(' ', c.Words) + "`";
                case WebLink l:
                    return "[" + Inlines(l.Children, _oneLine) + "](https://example.com/page)";
                case HtmlInline h:
                    var name = h.Tag.Split(' ')[0];
                    return $"<{h.Tag}>" + Inlines(h.Children, _oneLine) + (h.Closed ? $"</{name}>" : "");
                case ActiveContent a:
                    hidden.UnionWith(a.Hidden);
                    return $"<{a.Tag}>" + string.Join(' ', a.Hidden) + $"</{a.Tag}>";
                case NoteRef n:
                    cited.Add(n.Note);
                    return $"[^n{n.Note}]";
                case Anchored a:
                    expected.Add(a.Text);
                    return a.Text + "{#a" + nextAnchor() + "}";
                case PageRef:
                    return "[](#top)";
                case RemoteImage i:
                    expected.UnionWith(i.Alt);
                    return "![" + string.Join(' ', i.Alt) + "](https://example.com/figure.png)";
                case Mark mark:
                    return mark.Text;
                default:
                    return _oneLine ? "" : "\\\n";
            }
        }
    }
}
