using System.Collections.Immutable;
using Publisher.Model;
using Publisher.Styles;
using Publisher.Typesetting.Fonts;
using Publisher.Typesetting.Frames;
using Publisher.Typesetting.Inline;

namespace Publisher.Typesetting.Flow;

/// <summary>
/// Sets a table as rows of ragged cells with booktabs-style rules (a heavy rule above and below, a light one under
/// the header, no vertical rules). A page may break between body rows; the header repeats on the new page.
/// </summary>
internal sealed class TableBuilder(StyleSheet style, FontSet fonts, IInlineContext context, FlowBuilder flow)
{
    private const double CellPadX = 4;
    private const double CellPadY = 2.5;
    private const double HeavyRule = 0.7;
    private const double LightRule = 0.35;

    public void Build(TableBlock table, List<VItem> output)
    {
        var measure = style.Page.Measure.Points;
        var columns = table.Alignments.Length;
        var widths = ColumnWidths(table, measure);

        var header = table.Header.Select((row, i) => Row(row, widths, table.Alignments, bold: true, topRule: i == 0, bottomRule: i == table.Header.Length - 1 ? LightRule : 0)).ToList();
        for (var i = 0; i < header.Count; i++)
        {
            if (i > 0)
            {
                output.Add(new VPenalty(VPenalty.Forbid));
            }

            output.Add(header[i]);
        }

        for (var i = 0; i < table.Body.Length; i++)
        {
            var last = i == table.Body.Length - 1;
            var row = Row(table.Body[i], widths, table.Alignments, bold: false, topRule: false, bottomRule: last ? HeavyRule : 0);

            // Never leave the header alone at a page foot, nor a single row at the top of the next page.
            output.Add(new VPenalty(i == 0 || last ? VPenalty.Forbid : 0));
            output.Add(i == 0 || header.Count == 0 ? row : row with { RepeatHeader = header });
        }
    }

    /// <summary>
    /// Column widths by the automatic table layout of CSS 2.1 §17.5.2.2: each column gets at least its longest word
    /// and at most its longest cell set on one line; what is left over goes to the columns that can use it, in
    /// proportion to how much more they could take. The manuscript's relative widths only break ties.
    /// </summary>
    private double[] ColumnWidths(TableBlock table, double measure)
    {
        var columns = table.Alignments.Length;
        var min = new double[columns];
        var max = new double[columns];
        var size = style.Table.Size.Points;
        foreach (var (row, bold) in table.Header.Select(r => (r, true)).Concat(table.Body.Select(r => (r, false))))
        {
            for (var c = 0; c < columns && c < row.Cells.Length; c++)
            {
                var (widest, total) = ParagraphLayout.NaturalWidths(Collect.Runs(row.Cells[c], fonts.Body, size, context, bold: bold));
                max[c] = Math.Max(max[c], total + (2 * CellPadX));
                min[c] = Math.Max(min[c], widest + (2 * CellPadX));
            }
        }

        var sumMax = max.Sum();
        if (sumMax <= measure)
        {
            // Everything fits on one line: spread the spare space in proportion to the content.
            return [.. max.Select(m => m / sumMax * measure)];
        }

        var sumMin = min.Sum();
        if (sumMin >= measure)
        {
            return [.. min.Select(m => m / sumMin * measure)];
        }

        var spare = measure - sumMin;
        var want = max.Zip(min, (a, b) => a - b).ToArray();
        var sumWant = want.Sum();
        return [.. min.Select((m, i) => m + (sumWant > 0 ? spare * want[i] / sumWant : spare / columns))];
    }

    private VBox Row(TableRow row, double[] widths, ImmutableArray<ColumnAlignment> alignments, bool bold, bool topRule, double bottomRule)
    {
        var ts = style.Table;
        var items = new List<FrameItem>();
        var notes = new List<string>();
        var anchors = new List<string>();
        var x = 0.0;
        var maxLines = 1;
        var cellBoxes = new List<(double X, List<VBox> Lines)>();
        for (var c = 0; c < widths.Length; c++)
        {
            var cell = c < row.Cells.Length ? row.Cells[c] : [];
            var align = c < alignments.Length ? alignments[c] switch
            {
                ColumnAlignment.Center => TextAlign.Center,
                ColumnAlignment.Right => TextAlign.Right,
                _ => TextAlign.Left,
            } : TextAlign.Left;
            var lines = flow.Paragraph(cell, null, fonts.Body, ts.Size.Points, ts.Leading.Points, 0, align, false, 0, null, bold: bold,
                measure: Math.Max(12, widths[c] - (2 * CellPadX)), leaf: c < row.Cells.Length ? flow.NextLeaf() : null);
            cellBoxes.Add((x + CellPadX, lines));
            maxLines = Math.Max(maxLines, lines.Count);
            x += widths[c];
        }

        var top = topRule ? HeavyRule + CellPadY : CellPadY;
        foreach (var (cx, lines) in cellBoxes)
        {
            var y = top;
            foreach (var line in lines)
            {
                items.AddRange(line.Items.Select(i => Translate(i, cx, y)));
                notes.AddRange(line.Notes);
                anchors.AddRange(line.Anchors);
                y += line.Height;
            }
        }

        var height = top + (maxLines * ts.Leading.Points) + CellPadY + bottomRule;
        var total = widths.Sum();
        if (topRule)
        {
            items.Add(new RuleItem(Length.Zero, Length.Pt(HeavyRule / 2), Length.Pt(total), Length.Pt(HeavyRule / 2), Length.Pt(HeavyRule), style.AccentColor));
        }

        if (bottomRule > 0)
        {
            var y = height - (bottomRule / 2);
            items.Add(new RuleItem(Length.Zero, Length.Pt(y), Length.Pt(total), Length.Pt(y), Length.Pt(bottomRule), style.AccentColor));
        }

        _ = context;
        // A row starts where its first cell with text starts.
        var start = cellBoxes.SelectMany(c => c.Lines).Select(l => l.Start).FirstOrDefault(p => p is not null);
        return new VBox(height, items) { Notes = notes, Anchors = anchors, Start = start };
    }

    /// <summary>Moves a frame item by (dx, dy).</summary>
    public static FrameItem Translate(FrameItem item, double dx, double dy) => item switch
    {
        GlyphRunItem g => g with { X = g.X + Length.Pt(dx), Y = g.Y + Length.Pt(dy) },
        RuleItem r => r with { X1 = r.X1 + Length.Pt(dx), Y1 = r.Y1 + Length.Pt(dy), X2 = r.X2 + Length.Pt(dx), Y2 = r.Y2 + Length.Pt(dy) },
        LinkItem l => l with { X = l.X + Length.Pt(dx), Y = l.Y + Length.Pt(dy) },
        AnchorItem a => a with { Y = a.Y + Length.Pt(dy) },
        _ => item,
    };
}
