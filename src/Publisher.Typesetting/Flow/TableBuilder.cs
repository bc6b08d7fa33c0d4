using System.Collections.Immutable;
using Publisher.Model;
using Publisher.Styles;
using Publisher.Typesetting.Fonts;
using Publisher.PageModel;
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

    // Where the table's left edge stands: inside a list item or a quote, the table is indented with the text (at
    // the text block's edge it overprinted the item's number, found by the fuzzer).
    private double _left;

    public void Build(TableBlock table, List<VItem> output, double leftIndent = 0)
    {
        // Never narrower than an inch, however deep the nesting: cells then break their words rather than vanish.
        _left = Math.Max(0, Math.Min(leftIndent, style.Page.Measure.Points - 72));
        var measure = style.Page.Measure.Points - _left;
        var columns = table.Alignments.Length;
        var widths = ColumnWidths(table, measure);

        // Header rows are not sliced: a header taller than a page is the author's to shorten (it warns as too tall).
        var header = table.Header.SelectMany((row, i) => Row(row, widths, table.Alignments, table.Source, bold: true, topRule: i == 0, bottomRule: i == table.Header.Length - 1 ? LightRule : 0)).ToList();
        var headerHeight = header.Sum(h => h.Height);
        for (var i = 0; i < header.Count; i++)
        {
            if (i > 0)
            {
                output.Add(new VPenalty(VPenalty.Forbid));
            }

            output.Add(header[i]);
        }

        var placed = 0;
        for (var i = 0; i < table.Body.Length; i++)
        {
            var last = i == table.Body.Length - 1;
            var slices = Row(table.Body[i], widths, table.Alignments, table.Source, bold: false, topRule: false, bottomRule: last ? HeavyRule : 0, headerHeight);
            for (var s = 0; s < slices.Count; s++)
            {
                // Never leave the header alone at a page foot, nor a single row at the top of the next page; the
                // slices of one row may part.
                var lastBox = last && s == slices.Count - 1;
                output.Add(new VPenalty(s > 0 ? 0 : placed == 0 || (lastBox && slices.Count == 1) ? VPenalty.Forbid : 0));
                output.Add(placed == 0 || header.Count == 0 ? slices[s] : slices[s] with { RepeatHeader = header });
                placed++;
            }
        }
    }

    /// <summary>
    /// Column widths by the automatic table layout of CSS 2.1 §17.5.2.2: each column gets at least its longest word
    /// and at most its longest cell set on one line; what is left over goes first to the columns that want little,
    /// then to the others in proportion to how much more they could take. The manuscript's relative widths only break
    /// ties.
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

        // Water-filling (max-min fairness): a column that wants less than an equal share of what is left gets all it
        // wants, so a short cell ("2s 11d") is set on one line instead of losing a sliver to a column of prose that
        // wraps anyway; the rest is shared among the wide columns in proportion to what each could still take.
        var spare = measure - sumMin;
        var want = max.Zip(min, (a, b) => a - b).ToArray();
        var widths = min.ToArray();
        var open = Enumerable.Range(0, columns).Where(i => want[i] > 0).ToList();
        while (open.Count > 0)
        {
            var share = spare / open.Count;
            var satisfied = open.Where(i => want[i] <= share).ToList();
            if (satisfied.Count == 0)
            {
                var sumWant = open.Sum(i => want[i]);
                foreach (var i in open)
                {
                    widths[i] += spare * want[i] / sumWant;
                }

                return widths;
            }

            foreach (var i in satisfied)
            {
                widths[i] = max[i];
                spare -= want[i];
                open.Remove(i);
            }
        }

        // Every column has all it wants and space is left: spread it as when everything fits.
        return [.. widths.Select(w => w + (spare * w / widths.Sum()))];
    }

    /// <summary>
    /// A row as one box, or as several when it is taller than a page: the page builder cannot break inside a box, so
    /// a row of long cells is cut into slices of whole lines that each fit a page under the repeated header, and the
    /// page may turn between slices (the rules go above the first slice and below the last). Cells have no place of
    /// their own in the model, so a warning about a cell's text names the table (<paramref name="source"/>).
    /// </summary>
    private List<VBox> Row(TableRow row, double[] widths, ImmutableArray<ColumnAlignment> alignments, SourceSpan? source, bool bold, bool topRule, double bottomRule, double headerHeight = 0)
    {
        var ts = style.Table;
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
            var settings = new ParagraphSettings(ts.Size.Points, ts.Leading.Points) { Align = align, Bold = bold, Measure = Math.Max(12, widths[c] - (2 * CellPadX)) };
            var lines = flow.Paragraph(cell, null, settings, source, leaf: flow.LeafOf(row, c));
            cellBoxes.Add((x + CellPadX, lines));
            maxLines = Math.Max(maxLines, lines.Count);
            x += widths[c];
        }

        // Lines per slice: what a page holds under the repeated header, the rules and the padding, less two lines
        // of room for what the page builder sets beside it (a note's first lines, the space before the table).
        var room = style.Page.TextHeight.Points - headerHeight - (2 * (HeavyRule + CellPadY));
        var perSlice = Math.Max(1, (int)(room / ts.Leading.Points) - 2);
        var slices = new List<VBox>();
        for (var first = 0; first < maxLines; first += perSlice)
        {
            var count = Math.Min(perSlice, maxLines - first);
            var isFirst = first == 0;
            var isLast = first + count >= maxLines;
            slices.Add(Slice(cellBoxes, first, count, widths.Sum(), isFirst && topRule, isLast ? bottomRule : 0) with { Source = source });
        }

        return slices;
    }

    /// <summary>Lines [<paramref name="first"/>, first + count) of every cell as one box.</summary>
    private VBox Slice(List<(double X, List<VBox> Lines)> cellBoxes, int first, int count, double total, bool topRule, double bottomRule)
    {
        var ts = style.Table;
        var items = new List<FrameItem>();
        var notes = new List<string>();
        var anchors = new List<string>();
        var top = topRule ? HeavyRule + CellPadY : CellPadY;
        foreach (var (cx, lines) in cellBoxes)
        {
            var y = top;
            foreach (var line in lines.Skip(first).Take(count))
            {
                items.AddRange(line.Items.Select(i => Translate(i, cx, y)));
                notes.AddRange(line.Notes);
                anchors.AddRange(line.Anchors);
                y += line.Height;
            }
        }

        var height = top + (count * ts.Leading.Points) + CellPadY + bottomRule;
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
        // A slice starts where its first cell with text starts.
        var start = cellBoxes.SelectMany(c => c.Lines.Skip(first).Take(count)).Select(l => l.Start).FirstOrDefault(p => p is not null);
        return new VBox(height, [.. items.Select(i => Translate(i, _left, 0))]) { Notes = notes, Anchors = anchors, Start = start };
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
