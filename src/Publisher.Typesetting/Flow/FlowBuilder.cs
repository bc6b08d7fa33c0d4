using System.Collections.Immutable;
using System.Globalization;
using Publisher.Model;
using Publisher.Styles;
using Publisher.Typesetting.Fonts;
using Publisher.PageModel;
using Publisher.Typesetting.Hyphenation;
using Publisher.Typesetting.Inline;

namespace Publisher.Typesetting.Flow;

/// <summary>
/// Turns a division's blocks into the vertical list: lines with their leading, space between blocks, and the
/// penalties that say where a page may break. Widow and orphan control and keep-with-next are written here as
/// forbidden breaks, so the page builder only has to honour penalties.
/// </summary>
internal sealed class FlowBuilder(StyleSheet style, FontSet fonts, Hyphenator? hyphenator, string language, IInlineContext context, Action<Diagnostic> report, ParagraphCache cache)
{
    /// <summary>
    /// The content of a paragraph's inlines as a string (kinds, text, targets), so a paragraph reloaded from an unchanged
    /// file in a later build (watch) finds its earlier layout, though its model objects are new.
    /// </summary>
    private static string Fingerprint(ImmutableArray<Model.Inline> inlines)
    {
        var sb = new System.Text.StringBuilder();
        Walk(inlines);
        return sb.ToString();

        void Walk(ImmutableArray<Model.Inline> items)
        {
            foreach (var i in items.IsDefault ? [] : items)
            {
                switch (i)
                {
                    case TextInline t: sb.Append('t').Append(t.Text).Append('\u0001'); break;
                    case CodeInline c: sb.Append('c').Append(c.Text).Append('\u0001'); break;
                    case LineBreakInline: sb.Append('b'); break;
                    case AnchorInline a: sb.Append('a').Append(a.Id).Append('\u0001'); break;
                    case NoteRefInline n: sb.Append('n').Append(n.NoteId).Append('\u0002').Append(n.Number).Append('\u0001'); break;
                    case CrossRefInline x: sb.Append('x').Append(x.TargetId).Append('\u0002'); Walk(x.Children); sb.Append('\u0003'); break;
                    case LinkInline l: sb.Append('l').Append(l.Url).Append('\u0002'); Walk(l.Children); sb.Append('\u0003'); break;
                    case ContainerInline c: sb.Append(c.GetType().Name).Append('('); Walk(c.Children); sb.Append(')'); break;
                }
            }
        }
    }

    /// <summary>The folios a paragraph's page references print, in order: part of what its layout depends on.</summary>
    private string? PageReferenceFolios(ImmutableArray<Model.Inline> inlines)
    {
        System.Text.StringBuilder? sb = null;
        Walk(inlines);
        return sb?.ToString();

        void Walk(ImmutableArray<Model.Inline> items)
        {
            foreach (var i in items.IsDefault ? [] : items)
            {
                if (i is CrossRefInline { IsPageReference: true } x)
                {
                    (sb ??= new()).Append(context.FolioOf(x.TargetId) ?? "?").Append('|');
                }
                else if (i is ContainerInline c)
                {
                    Walk(c.Children);
                }
            }
        }
    }

    private double Measure => style.Page.Measure.Points;

    private Colour Color => style.TextColor;

    private string _division = "";
    private LeafNumbering _leaves = LeafNumbering.None;

    /// <summary>Starts setting a division: its leaf text blocks are numbered once, in <see cref="TextLeaves"/> order.</summary>
    public void StartDivision(Division division)
    {
        _division = division.Id;
        _leaves = LeafNumbering.Of(division.Blocks);
    }

    /// <summary>The number of a leaf text block of the division (see <see cref="LeafNumbering"/>).</summary>
    public int? LeafOf(Block block) => _leaves.Of(block);

    /// <summary>The number of a table cell of the division (see <see cref="LeafNumbering"/>).</summary>
    public int? LeafOf(TableRow row, int cell) => _leaves.Of(row, cell);

    /// <summary>Lines of each footnote, keyed by note id, filled as the division's notes are set.</summary>
    public Dictionary<string, List<VBox>> NoteBoxes { get; } = new(StringComparer.Ordinal);

    /// <summary>Sets a division's text blocks (after its opening).</summary>
    public void Blocks(IEnumerable<Block> blocks, List<VItem> output, Division division)
    {
        var afterHeading = true;
        foreach (var block in blocks)
        {
            Block(block, output, division, ref afterHeading, 0, 0);
        }
    }

    private void Block(Block block, List<VItem> output, Division division, ref bool noIndent, double leftIndent, int depth)
    {
        var body = style.Body;
        switch (block)
        {
            case ParagraphBlock p:
                // Between two paragraphs the page may break. After a heading it may not: noIndent is set there, and
                // the heading's own lines forbid the break (keep with next).
                if (!noIndent)
                {
                    output.Add(new VPenalty(0));
                    if (body.ParagraphSpacing.Points > 0)
                    {
                        output.Add(new VSpace(body.ParagraphSpacing.Points));
                    }
                }

                Paragraph(p.Inlines, output, ParagraphSettings.Text(body) with { Indent = noIndent ? 0 : body.Indent.Points, LeftIndent = leftIndent }, p.Source, leaf: LeafOf(p));
                noIndent = false;
                break;
            case HeadingBlock h:
                Heading(h, output, leftIndent);
                noIndent = true;
                break;
            case QuoteBlock q:
                BlockGap(output, style.Quote.SpaceBefore.Points);
                var first = true;
                foreach (var inner in q.Blocks)
                {
                    if (inner is ParagraphBlock qp)
                    {
                        if (!first)
                        {
                            output.Add(new VPenalty(0));
                        }

                        var quote = ParagraphSettings.Text(body) with
                        {
                            Size = style.Quote.Size.Points, Leading = style.Quote.Leading.Points, Indent = first ? 0 : body.Indent.Points,
                            LeftIndent = leftIndent + style.Quote.IndentLeft.Points, RightIndent = style.Quote.IndentRight.Points, Italic = style.Quote.Italic,
                        };
                        Paragraph(qp.Inlines, output, quote, qp.Source, leaf: LeafOf(qp));
                        first = false;
                    }
                    else
                    {
                        var ni = true;
                        Block(inner, output, division, ref ni, leftIndent + style.Quote.IndentLeft.Points, depth + 1);
                    }
                }

                BlockGap(output, style.Quote.SpaceAfter.Points);
                noIndent = true;
                break;
            case ListBlock l:
                List(l, output, division, leftIndent, depth);
                noIndent = true;
                break;
            case TableBlock t:
                BlockGap(output, style.Table.SpaceBefore.Points);
                new TableBuilder(style, fonts, context, this).Build(t, output, leftIndent);
                BlockGap(output, style.Table.SpaceAfter.Points);
                noIndent = true;
                break;
            case SceneBreakBlock:
                SceneBreak(output);
                noIndent = true;
                break;
            case CodeBlock c:
                BlockGap(output, style.Code.SpaceAround.Points);
                var lines = c.Text.Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
                var inlines = new List<Model.Inline>();
                foreach (var (line, i) in lines.Select((l, i) => (l, i)))
                {
                    if (i > 0)
                    {
                        inlines.Add(new LineBreakInline());
                    }

                    inlines.Add(new CodeInline(line.Length == 0 ? "\u00A0" : CodeSpaces(line)));
                }

                // In the mono font, code is already scaled to the body's x-height; in the body font it is set a little smaller.
                var codeSize = ReferenceEquals(fonts.Mono, fonts.Body) ? body.Size.Points * style.Code.BodyFaceScale : body.Size.Points;
                // A code line too long for the measure wraps with its continuation indented by two characters (spaces, in a mono font).
                var hang = 2 * fonts.Mono[0].SpaceAdvance * codeSize * fonts.MonoScale;
                Paragraph([.. inlines], output, new ParagraphSettings(codeSize, body.Leading.Points) { LeftIndent = leftIndent + style.Code.Indent.Points, Hang = hang }, c.Source,
                    leaf: LeafOf(c));
                BlockGap(output, style.Code.SpaceAround.Points);
                noIndent = true;
                break;
        }
    }

    /// <summary>
    /// A code line's spaces as the line breaker should see them: every space keeps its width (no-break spaces, which
    /// are never collapsed), but the last space of each run between words stays an ordinary space, so a line too long
    /// for the measure wraps between words. With every space a no-break space, the whole line was one word, broken by
    /// force mid-word with no mark (found by the fuzzer).
    /// </summary>
    internal static string CodeSpaces(string line)
    {
        var chars = line.Replace("\t", "    ", StringComparison.Ordinal).ToCharArray();
        var lastText = Array.FindLastIndex(chars, c => c != ' ');
        var firstText = Array.FindIndex(chars, c => c != ' ');
        for (var i = 0; i < chars.Length; i++)
        {
            var breakable = chars[i] == ' ' && i > firstText && i < lastText && chars[i + 1] != ' ';
            if (chars[i] == ' ' && !breakable)
            {
                chars[i] = '\u00A0';
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// The space between two blocks, with a place to break. Gaps that meet collapse to the larger, as CSS's vertical
    /// margins do: a quote nested last in a quote, or a table after a quote, is followed by one gap, not their sum.
    /// </summary>
    private static void BlockGap(List<VItem> output, double space)
    {
        if (output.Count >= 2 && output[^2] is VPenalty { Cost: 0 } && output[^1] is VSpace { Discardable: true } gap)
        {
            output[^1] = gap with { Height = Math.Max(gap.Height, space) };
            return;
        }

        if (output.Count >= 1 && output[^1] is VPenalty { Cost: 0 })
        {
            if (space > 0)
            {
                output.Add(new VSpace(space));
            }

            return;
        }

        output.Add(new VPenalty(0));
        if (space > 0)
        {
            output.Add(new VSpace(space));
        }
    }

    private void SceneBreak(List<VItem> output)
    {
        var leading = style.Body.Leading.Points;
        output.Add(new VPenalty(0));
        // The mark was chosen once, from the body font's cmap, when the style was resolved (StyleResolver.SceneBreak):
        // the EPUB's CSS shows the same one, so print must not choose again here.
        var scene = style.SceneBreak;
        var runs = Collect.Runs([new TextInline(scene.Mark)], fonts.Body, style.Body.Size.Points, context);
        var (lines, _) = ParagraphLayout.Layout(runs, new ParagraphConfig(Measure, 0, TextAlign.Center, false, language, null));
        output.Add(new VSpace(scene.SpaceAround.Points));
        foreach (var line in lines)
        {
            output.Add(LineBox(line, leading, style.Body.Size.Points, 0));
        }

        output.Add(new VSpace(scene.SpaceAround.Points));
    }

    /// <summary>Sets a paragraph and appends its lines with widow and orphan control.</summary>
    public List<VBox> Paragraph(ImmutableArray<Model.Inline> inlines, List<VItem>? output, ParagraphSettings settings, SourceSpan? source, int? leaf = null)
    {
        // Later layout passes only change page numbers, so a paragraph whose inputs (including the folios its page
        // references print) are the same as in an earlier pass is not shaped and broken again.
        var key = new ParagraphKey(Fingerprint(inlines), settings, leaf, _division, PageReferenceFolios(inlines));
        var family = settings.Family == ParagraphFamily.Display ? fonts.Display : fonts.Body;
        if (!cache.TryGetValue(key, out var set))
        {
            var runs = Collect.Runs(inlines, family, settings.Size, context, settings.Italic, settings.Bold, settings.SmallCaps);
            var width = (settings.Measure > 0 ? settings.Measure : Measure) - settings.LeftIndent - settings.RightIndent;
            var config = new ParagraphConfig(width, settings.Indent, settings.Align, settings.Hyphenate, language, settings.Hyphenate ? hyphenator : null, settings.LeftIndent,
                Balance: settings.Balance, ContinuationIndent: settings.Hang);
            var (lines, warnings) = ParagraphLayout.Layout(runs, config);
            var laid = lines.Select(l =>
            {
                var box = LineBox(l, settings.Leading, settings.Size, 0);
                return leaf is { } n && l.StartOffset is { } o ? box with { Start = new TextPosition(_division, n, o) } : box;
            }).ToList();
            set = new SetParagraph(laid, warnings);

            cache.Add(key, set);
        }
        else
        {
            cache.Touch(key);
        }

        foreach (var w in set.Warnings)
        {
            var warning = w.Kind == LineWarningKind.MissingGlyph
                ? Diagnostic.Warning(LayoutCodes.MissingGlyph, w.Message, source, family[0].Fallback is null
                    ? "name a fallback font that has it in the style (fonts.fallback), or write the text without it"
                    : "give the style a fallback font that has it, or write the text without it")
                : w.Kind == LineWarningKind.LooseLine
                    ? Diagnostic.Warning(LayoutCodes.LooseLine, w.Message, source,
                        "a long word that may not be hyphenated (a name, a word with capitals) follows it: mark where it may break with a soft hyphen (&shy;), or rephrase")
                    : Diagnostic.Warning(LayoutCodes.OverlongWord, w.Message, source);
            report(warning with { Subject = w.Subject });
        }

        var boxes = new List<VBox>(set.Lines);
        if (output is not null)
        {
            AppendWithWidowControl(boxes, output);
        }

        return boxes;
    }

    /// <summary>
    /// Adds a paragraph's lines with the breaks between them allowed, except after the first line (an orphan would
    /// stay at the foot of the page) and before the last (a widow would go to the top of the next).
    /// </summary>
    public static void AppendWithWidowControl(IReadOnlyList<VBox> lines, List<VItem> output)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                var orphan = i == 1;
                var widow = i == lines.Count - 1;
                output.Add(new VPenalty(orphan || widow ? VPenalty.Forbid : lines[i - 1].Hyphenated ? VPenalty.Broken : 0));
            }

            output.Add(lines[i]);
        }
    }

    /// <summary>A line of text as a box <paramref name="leading"/> tall, its baseline placed as TeX's baselineskip would.</summary>
    public VBox LineBox(LaidLine line, double leading, double size, double x)
    {
        // Split the leading evenly above and below the body of the type, then drop to the baseline.
        var baseline = ((leading - size) / 2) + (size * 0.78);
        var items = new List<FrameItem>();
        foreach (var run in line.Runs)
        {
            items.Add(new GlyphRunItem(
                Length.Pt(x + run.X), Length.Pt(baseline - run.Rise), run.Face.Index, Length.Pt(run.Size),
                [.. run.Glyphs], [.. run.Offsets], run.Text, [.. run.Clusters], Color));
        }

        foreach (var strike in line.Strikes)
        {
            var y = Length.Pt(baseline - strike.Y);
            items.Add(new RuleItem(Length.Pt(x + strike.X), y, Length.Pt(x + strike.X + strike.Width), y, Length.Pt(strike.Thickness), Color));
        }

        foreach (var link in line.Links)
        {
            items.Add(new LinkItem(Length.Pt(x + link.X), Length.Pt(baseline - (size * 0.8)), Length.Pt(link.Width), Length.Pt(size * 1.05), link.Anchor, link.Url));
        }

        return new VBox(leading, items) { Notes = line.Notes, Anchors = line.Anchors, IsTextLine = true, Hyphenated = line.Hyphenated };
    }

    private void Heading(HeadingBlock h, List<VItem> output, double leftIndent = 0)
    {
        var hs = style.Headings[Math.Clamp(h.Level - 2, 0, style.Headings.Length - 1)];
        output.Add(new VPenalty(0));
        output.Add(new VSpace(hs.SpaceBefore.Points));
        var heading = new ParagraphSettings(hs.Size.Points, hs.Leading.Points)
        {
            Family = ParagraphFamily.Display, Align = hs.LineAlign, LeftIndent = leftIndent,
            Italic = hs.Italic, Bold = hs.Bold, SmallCaps = hs.SmallCaps, Balance = true,
        };
        var lines = Paragraph(h.Inlines, null, heading, h.Source, leaf: LeafOf(h));
        for (var i = 0; i < lines.Count; i++)
        {
            var box = i == 0
                ? lines[i] with { Anchors = [h.Id, .. lines[i].Anchors], Outline = (Collect.Plain(h.Inlines), h.Level, h.Id), IsTextLine = false, KeepWithNext = true }
                : lines[i] with { IsTextLine = false, KeepWithNext = true };
            output.Add(box);
        }

        // A heading keeps with what follows: no break between it and the first lines of its text.
        if (hs.SpaceAfter.Points > 0)
        {
            output.Add(new VSpace(hs.SpaceAfter.Points, Discardable: false));
        }
    }

    private void List(ListBlock l, List<VItem> output, Division division, double leftIndent, int depth)
    {
        var body = style.Body;
        BlockGap(output, (l.Tight ? style.ListSpacing.AroundTight : style.ListSpacing.Around).Points);
        var indent = leftIndent + style.ListIndent.Points;
        for (var i = 0; i < l.Items.Length; i++)
        {
            if (i > 0)
            {
                output.Add(new VPenalty(0));
                if (!l.Tight)
                {
                    output.Add(new VSpace(style.ListSpacing.BetweenItems.Points));
                }
            }

            var marker = l.Ordered ? (l.Start + i).ToString(CultureInfo.InvariantCulture) + "." : (depth % 2 == 0 ? "\u2022" : "\u2013");
            var start = output.Count;
            var noIndent = true;
            foreach (var block in l.Items[i].Blocks)
            {
                Block(block, output, division, ref noIndent, indent, depth + 1);
                noIndent = true;
            }

            // Hang the marker in the indent, on the item's first line.
            var firstLine = output.Skip(start).OfType<VBox>().FirstOrDefault();
            if (firstLine is not null)
            {
                var runs = Collect.Runs([new TextInline(marker)], fonts.Body, body.Size.Points, context);
                var (mlines, _) = ParagraphLayout.Layout(runs, new ParagraphConfig(style.ListIndent.Points - 4, 0, TextAlign.Right, false, language, null));
                if (mlines.Count > 0)
                {
                    var markerBox = LineBox(mlines[0], firstLine.Height, body.Size.Points, indent - style.ListIndent.Points);
                    var idx = output.IndexOf(firstLine, start);
                    output[idx] = firstLine with { Items = [.. firstLine.Items, .. markerBox.Items] };
                }
            }
        }

        BlockGap(output, (l.Tight ? style.ListSpacing.AroundTight : style.ListSpacing.Around).Points);
    }

    /// <summary>Sets the footnotes of a division at the footnote size, each starting with its number.</summary>
    public void Notes(Division division)
    {
        var fs = style.Footnote;
        foreach (var note in division.Footnotes)
        {
            var boxes = new List<VBox>();
            var firstBlock = true;
            foreach (var block in note.Blocks)
            {
                var inlines = block switch
                {
                    ParagraphBlock p => p.Inlines,
                    _ => [new TextInline(Model.Inline.ToPlainText(BlockText(block)))],
                };
                if (firstBlock)
                {
                    inlines = [new TextInline(note.Number.ToString(CultureInfo.InvariantCulture) + ".\u2002"), .. inlines];
                }

                var lines = Paragraph(inlines, null, ParagraphSettings.Text(style.Body) with
                {
                    Size = fs.Size.Points, Leading = fs.Leading.Points, Indent = firstBlock ? 0 : style.Body.Indent.Points * 0.8,
                }, note.Source);
                if (boxes.Count == 0 && lines.Count > 0)
                {
                    lines[0] = lines[0] with { Anchors = [NoteAnchorId(division, note.Id), .. lines[0].Anchors] };
                }

                boxes.AddRange(lines.Select(b => b with { IsTextLine = false }));
                firstBlock = false;
            }

            NoteBoxes[note.Id] = boxes;
        }
    }

    public static string NoteAnchorId(Division division, string noteId) => $"{division.Id}--note-{noteId}";

    private static IEnumerable<Model.Inline> BlockText(Block block) => block switch
    {
        ParagraphBlock p => p.Inlines,
        HeadingBlock h => h.Inlines,
        QuoteBlock q => q.Blocks.SelectMany(BlockText),
        ListBlock l => l.Items.SelectMany(i => i.Blocks).SelectMany(BlockText),
        CodeBlock c => [new TextInline(c.Text)],
        _ => [],
    };
}

/// <summary>Diagnostic codes of the layout stage (PUB3xxx).</summary>
public static class LayoutCodes
{
    /// <summary>A word or URL wider than the line was broken by force.</summary>
    public const string OverlongWord = "PUB3001";

    /// <summary>Something is taller than a page and was set overflowing.</summary>
    public const string TooTall = "PUB3002";

    /// <summary>Page references did not settle within the pass limit.</summary>
    public const string NotConverged = "PUB3003";

    /// <summary>A character no font of the style can show.</summary>
    public const string MissingGlyph = "PUB3004";

    /// <summary>A justified line whose word spaces opened past 2.5× their width.</summary>
    public const string LooseLine = "PUB3005";
}

/// <summary>
/// Everything a paragraph's lines depend on: its content, all its settings (the whole record, so none can be left
/// out), and where it stands (its leaf and division, for text positions; the folios its page references print).
/// </summary>
internal sealed record ParagraphKey(string Content, ParagraphSettings Settings, int? Leaf, string Division, string? Folios);

/// <summary>A paragraph set once: its line boxes and the warnings setting it raised.</summary>
internal sealed record SetParagraph(IReadOnlyList<VBox> Lines, IReadOnlyList<LineWarning> Warnings);

/// <summary>
/// Paragraphs already set: kept across the layout passes of one run, and across runs when the caller keeps a
/// <see cref="LayoutCache"/> (watch). Entries a run did not use are dropped when it ends, so the cache holds one book.
/// </summary>
internal sealed class ParagraphCache
{
    private readonly Dictionary<ParagraphKey, SetParagraph> _entries = [];
    private readonly HashSet<ParagraphKey> _used = [];

    public bool TryGetValue(ParagraphKey key, out SetParagraph set) => _entries.TryGetValue(key, out set!);

    /// <summary>Paragraphs shaped and broken since the run began (the work an edit cost).</summary>
    public int SetThisRun { get; private set; }

    /// <summary>Distinct paragraphs taken from an earlier run or pass since the run began.</summary>
    public int ReusedThisRun => _used.Count - SetThisRun;

    /// <summary>When set, every paragraph set or found is also listed here (a division memo keeps the list).</summary>
    public List<ParagraphKey>? Recording { get; set; }

    public void Add(ParagraphKey key, SetParagraph set)
    {
        _entries[key] = set;
        Recording?.Add(key);
        if (_used.Add(key))
        {
            SetThisRun++;
        }
    }

    public void Touch(ParagraphKey key)
    {
        Recording?.Add(key);
        _used.Add(key);
    }

    /// <summary>Keeps paragraphs of a division taken whole from an earlier run, so an edit to it later finds them.</summary>
    public void Touch(IEnumerable<ParagraphKey> keys) => _used.UnionWith(keys);

    /// <summary>Starts a run: forgets what the last one did not use.</summary>
    public void BeginRun()
    {
        if (_used.Count > 0)
        {
            foreach (var stale in _entries.Keys.Where(k => !_used.Contains(k)).ToList())
            {
                _entries.Remove(stale);
            }
        }

        _used.Clear();
        SetThisRun = 0;
    }

    public void Clear()
    {
        _entries.Clear();
        _used.Clear();
    }
}
