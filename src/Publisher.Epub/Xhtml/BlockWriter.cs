using System.Collections.Immutable;
using System.Globalization;
using Publisher.Model;

namespace Publisher.Epub.Xhtml;

/// <summary>Writes the model's blocks as XHTML flow content.</summary>
internal static class BlockWriter
{
    /// <summary>Writes <paramref name="blocks"/>, one per line.</summary>
    public static void Write(RenderContext ctx, ImmutableArray<Block> blocks)
    {
        foreach (var block in blocks.OrEmpty())
        {
            Write(ctx, block);
            ctx.Out.Line();
        }
    }

    private static void Write(RenderContext ctx, Block block)
    {
        var o = ctx.Out;
        ctx.Span = block.Source ?? ctx.Span;
        switch (block)
        {
            case ParagraphBlock p:
                o.Open("p");
                ctx.BeginLeaf(p);
                InlineWriter.Write(ctx, p.Inlines);
                ctx.EndLeaf();
                o.Close();
                break;
            case HeadingBlock h:
                WriteHeading(ctx, h);
                break;
            case QuoteBlock q:
                o.Open("blockquote");
                o.Line();
                Write(ctx, q.Blocks);
                o.Close();
                break;
            case ListBlock l:
                WriteList(ctx, l);
                break;
            case SceneBreakBlock:
                // The class lets the stylesheet draw it as space or an ornament; hr keeps its "separator" role for
                // assistive technology.
                o.Open("hr");
                o.Attr("class", "scene-break");
                o.CloseVoid();
                break;
            case CodeBlock c:
                WriteCode(ctx, c);
                break;
            case TableBlock t:
                WriteTable(ctx, t);
                break;
            default:
                ctx.Diagnostics.Warning("PUB4010", $"The EPUB writer does not support '{block.GetType().Name}'; it was left out.", block.Source);
                break;
        }
    }

    private static void WriteHeading(RenderContext ctx, HeadingBlock h)
    {
        // Level 1 is the division's title (the h1 we write ourselves); HTML has no level past 6.
        var level = Math.Clamp(h.Level, 2, 6);
        if (level != h.Level)
        {
            ctx.Diagnostics.Warning("PUB4011", FormattableString.Invariant($"A level-{h.Level} heading inside a chapter is written as level {level}."), h.Source);
        }

        ctx.Out.Open("h" + level.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(h.Id))
        {
            ctx.Out.Attr("id", ctx.Plan.Ids.Claim(h, h.Id));
        }

        ctx.BeginLeaf(h);
        InlineWriter.Write(ctx, h.Inlines);
        ctx.EndLeaf();
        ctx.Out.Close();
    }

    private static void WriteList(RenderContext ctx, ListBlock l)
    {
        var o = ctx.Out;
        o.Open(l.Ordered ? "ol" : "ul");
        if (l.Ordered && l.Start != 1)
        {
            o.Attr("start", l.Start.ToString(CultureInfo.InvariantCulture));
        }

        o.Line();
        foreach (var item in l.Items.OrEmpty())
        {
            o.Open("li");
            var blocks = item.Blocks.OrEmpty();

            // A tight list's items are not paragraphs (CommonMark §5.3); writing the first paragraph's inlines straight
            // into the li keeps the rendering compact, as HTML renderers of Markdown do.
            if (l.Tight && blocks.Length > 0 && blocks[0] is ParagraphBlock first)
            {
                ctx.Span = first.Source ?? ctx.Span;
                ctx.BeginLeaf(first);
                InlineWriter.Write(ctx, first.Inlines);
                ctx.EndLeaf();
                blocks = blocks.RemoveAt(0);
                if (blocks.Length > 0)
                {
                    o.Line();
                }
            }
            else if (blocks.Length > 0)
            {
                o.Line();
            }

            Write(ctx, blocks);
            o.Close();
            o.Line();
        }

        o.Close();
    }

    private static void WriteCode(RenderContext ctx, CodeBlock c)
    {
        var o = ctx.Out;
        o.Open("pre");
        o.Open("code");
        if (!string.IsNullOrWhiteSpace(c.Language))
        {
            o.Attr("class", "language-" + Names.ToXmlId(c.Language.Trim()));
        }

        // The final newline of a fenced block is a line terminator, not a blank line to show.
        ctx.BeginLeaf(c);
        ctx.WriteText((c.Text ?? "").TrimEnd('\r', '\n'));
        ctx.EndLeaf();
        o.Close();
        o.Close();
    }

    /// <summary>
    /// A table with a header row group of <c>th scope="col"</c> cells and alignment as classes, so that the stylesheet
    /// (and a reader's overrides) decides the look; no inline style. Column widths are left to the reading system,
    /// because a width fixed for the print measure is wrong on a phone.
    /// </summary>
    private static void WriteTable(RenderContext ctx, TableBlock t)
    {
        var o = ctx.Out;
        var alignments = t.Alignments.OrEmpty();
        o.Open("table");
        if (!string.IsNullOrEmpty(t.Id))
        {
            o.Attr("id", ctx.Plan.Ids.Claim(t, t.Id));
        }

        o.Line();
        if (!t.Caption.IsDefaultOrEmpty)
        {
            o.Open("caption");
            InlineWriter.Write(ctx, t.Caption);
            o.Close();
            o.Line();
        }

        if (!t.Header.IsDefaultOrEmpty)
        {
            o.Open("thead");
            o.Line();
            foreach (var row in t.Header)
            {
                WriteRow(ctx, row, alignments, header: true);
            }

            o.Close();
            o.Line();
        }

        if (!t.Body.IsDefaultOrEmpty)
        {
            o.Open("tbody");
            o.Line();
            foreach (var row in t.Body)
            {
                WriteRow(ctx, row, alignments, header: false);
            }

            o.Close();
            o.Line();
        }

        o.Close();
    }

    private static void WriteRow(RenderContext ctx, TableRow row, ImmutableArray<ColumnAlignment> alignments, bool header)
    {
        var o = ctx.Out;
        o.Open("tr");
        var cells = row.Cells.OrEmpty();
        for (var i = 0; i < cells.Length; i++)
        {
            o.Open(header ? "th" : "td");
            if (header)
            {
                o.Attr("scope", "col");
            }

            var align = i < alignments.Length ? alignments[i] : ColumnAlignment.Default;
            o.Attr("class", align switch
            {
                ColumnAlignment.Left => "align-left",
                ColumnAlignment.Center => "align-center",
                ColumnAlignment.Right => "align-right",
                _ => null,
            });
            ctx.BeginLeaf(row, i);
            InlineWriter.Write(ctx, cells[i]);
            ctx.EndLeaf();
            o.Close();
        }

        o.Close();
        o.Line();
    }
}
