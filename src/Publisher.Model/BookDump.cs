using System.Globalization;
using System.Text;

namespace Publisher.Model;

/// <summary>
/// A stable, readable text form of the book model: one block a line, nested blocks indented, inlines in a compact
/// bracket form. It is what the text goldens under <c>tests/goldens</c> compare, so a change to loading shows up in a
/// review as a line diff instead of a failed assertion somewhere. Everything that reaches an output is printed; the
/// build timestamp (<see cref="BookMetadata.Modified"/>) is too, since it is an input of both outputs.
/// </summary>
/// <remarks>
/// The form is for people and diffs, not for parsing back: strings are quoted with C#-like escapes so that a stray
/// space or control character is visible. Keep it stable: every change rewrites every golden.
/// </remarks>
public static class BookDump
{
    /// <summary>The whole book: metadata, then each division with its blocks and notes.</summary>
    public static string Write(BookDocument book)
    {
        var w = new DumpWriter();
        var m = book.Metadata;
        w.Line($"title {Quote(m.Title)}");
        if (m.Subtitle is not null)
        {
            w.Line($"subtitle {Quote(m.Subtitle)}");
        }

        w.Line($"authors [{string.Join(", ", m.Authors.Select(Quote))}]");
        w.Line($"editors [{string.Join(", ", m.Editors.Select(Quote))}]");
        w.Line($"language {m.Language}");
        w.Line($"identifier {m.Identifier}");
        w.Line($"modified {m.Modified.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture)}");
        foreach (var (key, value) in new[]
                 {
                     ("publisher", m.Publisher), ("date", m.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                     ("rights", m.Rights), ("description", m.Description), ("source", m.Source),
                     ("edition", m.EditionStatement),
                 })
        {
            if (value is not null)
            {
                w.Line($"{key} {Quote(value)}");
            }
        }

        if (!m.Subjects.IsDefaultOrEmpty)
        {
            w.Line($"subjects [{string.Join(", ", m.Subjects.Select(Quote))}]");
        }

        if (book.Style is not null)
        {
            w.Line($"style {Quote(book.Style.NameOrPath)}");
        }

        foreach (var d in book.Divisions)
        {
            w.Line("");
            var number = d.Number is { } n ? $" {n.ToString(CultureInfo.InvariantCulture)}" : "";
            w.Line($"division #{d.Id} {d.Kind} {d.Matter}{number}{Where(d.Source)}");
            w.Indent++;
            if (!d.Title.IsDefaultOrEmpty)
            {
                w.Line($"title {Inlines(d.Title)}");
            }

            Blocks(w, d.Blocks);
            foreach (var note in d.Footnotes)
            {
                w.Line($"note {note.Number.ToString(CultureInfo.InvariantCulture)} #{note.Id}{Where(note.Source)}");
                w.Indent++;
                Blocks(w, note.Blocks);
                w.Indent--;
            }

            w.Indent--;
        }

        if (!book.Targets.IsEmpty)
        {
            w.Line("");
            foreach (var t in book.Targets.Values.OrderBy(t => t.Id, StringComparer.Ordinal))
            {
                w.Line($"target #{t.Id} in #{t.DivisionId} {Quote(t.Label)}");
            }
        }

        return w.ToString();
    }

    /// <summary>Inlines in the compact form: text quoted, containers as <c>name(children)</c>.</summary>
    public static string Inlines(IEnumerable<Inline> inlines) => string.Join(" ", inlines.Select(Inline));

    private static void Blocks(DumpWriter w, IEnumerable<Block> blocks)
    {
        foreach (var b in blocks)
        {
            switch (b)
            {
                case ParagraphBlock p:
                    w.Line($"p{Where(p.Source)} {Inlines(p.Inlines)}");
                    break;
                case HeadingBlock h:
                    w.Line($"h{h.Level.ToString(CultureInfo.InvariantCulture)} #{h.Id}{Where(h.Source)} {Inlines(h.Inlines)}");
                    break;
                case QuoteBlock q:
                    w.Line($"quote{Where(q.Source)}");
                    w.Indent++;
                    Blocks(w, q.Blocks);
                    w.Indent--;
                    break;
                case ListBlock l:
                    var kind = l.Ordered ? $"ordered from {l.Start.ToString(CultureInfo.InvariantCulture)}" : "bullets";
                    w.Line($"list {kind}{(l.Tight ? " tight" : " loose")}{Where(l.Source)}");
                    w.Indent++;
                    foreach (var item in l.Items)
                    {
                        w.Line("item");
                        w.Indent++;
                        Blocks(w, item.Blocks);
                        w.Indent--;
                    }

                    w.Indent--;
                    break;
                case SceneBreakBlock s:
                    w.Line($"scene-break{Where(s.Source)}");
                    break;
                case CodeBlock c:
                    w.Line($"code{(c.Language is null ? "" : " " + c.Language)}{Where(c.Source)}");
                    w.Indent++;
                    foreach (var line in c.Text.Split('\n'))
                    {
                        w.Line(Quote(line));
                    }

                    w.Indent--;
                    break;
                case TableBlock t:
                    var widths = string.Join(" ", t.ColumnWidths.Select(x => x.ToString("0.###", CultureInfo.InvariantCulture)));
                    w.Line($"table{(t.Id is null ? "" : " #" + t.Id)}{Where(t.Source)} align [{string.Join(" ", t.Alignments)}] widths [{widths}]");
                    w.Indent++;
                    if (!t.Caption.IsDefaultOrEmpty)
                    {
                        w.Line($"caption {Inlines(t.Caption)}");
                    }

                    foreach (var row in t.Header)
                    {
                        w.Line("head " + string.Join(" | ", row.Cells.Select(c => Inlines(c))));
                    }

                    foreach (var row in t.Body)
                    {
                        w.Line("row " + string.Join(" | ", row.Cells.Select(c => Inlines(c))));
                    }

                    w.Indent--;
                    break;
                default:
                    // A new block kind must be given a line here; failing loudly keeps the goldens honest.
                    throw new NotSupportedException($"BookDump has no form for {b.GetType().Name}");
            }
        }
    }

    private static string Inline(Inline inline) => inline switch
    {
        TextInline t => Quote(t.Text),
        CodeInline c => $"code({Quote(c.Text)})",
        LineBreakInline => "br",
        AnchorInline a => $"anchor(#{a.Id})",
        NoteRefInline n => $"note({n.NoteId},{n.Number.ToString(CultureInfo.InvariantCulture)})",
        CrossRefInline x => x.IsPageReference ? $"pageref(#{x.TargetId})" : $"xref(#{x.TargetId}: {Inlines(x.Children)})",
        LinkInline l => $"link({l.Url}: {Inlines(l.Children)})",
        EmphasisInline e => $"em({Inlines(e.Children)})",
        StrongInline s => $"strong({Inlines(s.Children)})",
        SmallCapsInline s => $"sc({Inlines(s.Children)})",
        StrikeInline s => $"del({Inlines(s.Children)})",
        SubscriptInline s => $"sub({Inlines(s.Children)})",
        SuperscriptInline s => $"sup({Inlines(s.Children)})",
        _ => throw new NotSupportedException($"BookDump has no form for {inline.GetType().Name}"),
    };

    /// <summary>The file's name only, so a golden does not depend on where the repository was cloned.</summary>
    private static string Where(SourceSpan? span) => span is null ? "" : $" @{span with { File = Path.GetFileName(span.File) }}";

    /// <summary>A string in double quotes with quotes, backslashes and control or invisible characters escaped.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    // Soft hyphens, no-break and zero-width spaces change layout but look like nothing: show them.
                    if (char.IsControl(c) || c is '\u00AD' or '\u00A0' or '\u200B' or '\u202F' or '\u2009' or '\uFEFF')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}

/// <summary>Lines with two-space indentation and '\n' endings whatever the platform, for stable goldens.</summary>
public sealed class DumpWriter
{
    private readonly StringBuilder _sb = new();

    /// <summary>The current nesting depth.</summary>
    public int Indent { get; set; }

    /// <summary>Writes one line at the current depth (an empty line has no indentation).</summary>
    public void Line(string text)
    {
        if (text.Length > 0)
        {
            _sb.Append(' ', Indent * 2).Append(text);
        }

        _sb.Append('\n');
    }

    /// <inheritdoc />
    public override string ToString() => _sb.ToString();
}
