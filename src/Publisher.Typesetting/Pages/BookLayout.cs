using System.Collections.Immutable;
using System.Globalization;
using Publisher.Model;
using Publisher.Styles;
using Publisher.Typesetting.Flow;
using Publisher.Typesetting.Fonts;
using Publisher.PageModel;
using Publisher.Typesetting.Hyphenation;
using Publisher.Typesetting.Inline;

namespace Publisher.Typesetting.Pages;

/// <summary>One layout pass over the whole book, with page references taken from the previous pass.</summary>
internal sealed class BookLayout : IInlineContext
{
    private readonly BookDocument _book;
    private readonly StyleSheet _style;
    private readonly FontSet _fonts;
    private readonly IReadOnlyDictionary<string, string> _folios;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly FlowBuilder _flow;
    private readonly string _language;
    private readonly ParagraphCache _paragraphs;
    private readonly LayoutMemo _memo;
    private Division? _current;

    // The folios asked for while a division's flow is built: what its memo depends on.
    private Dictionary<string, string?>? _folioRequests;

    public BookLayout(BookDocument book, StyleSheet style, FontSet fonts, Hyphenator? hyphenator, IReadOnlyDictionary<string, string> folios, ParagraphCache cache, LayoutMemo memo)
    {
        _book = book;
        _style = style;
        _fonts = fonts;
        _folios = folios;
        _language = book.Metadata.Language;
        _paragraphs = cache;
        _memo = memo;
        _flow = new FlowBuilder(style, fonts, hyphenator, _language, this, _diagnostics.Add, cache);
    }

    public string? FolioOf(string id)
    {
        var folio = Folio(id);
        _folioRequests?.TryAdd(id, folio);
        return folio;
    }

    private string? Folio(string id) => _folios.TryGetValue(id, out var f) ? f : null;

    public string NoteAnchor(string noteId) => FlowBuilder.NoteAnchorId(_current!, noteId);

    /// <inheritdoc />
    public (FontFace[] Family, double Scale)? Mono => ReferenceEquals(_fonts.Mono, _fonts.Body) ? null : (_fonts.Mono, _fonts.MonoScale);

    /// <inheritdoc />
    public string PageAbbreviation => _book.Metadata.Labels.Page;

    private double Measure => _style.Page.Measure.Points;

    public PassResult Run(Action<int, Division>? divisionDone = null)
    {
        // A page may run up to two lines short to avoid turning after a hyphen.
        var paginator = new Paginator(_style.Page.TextHeight.Points, _style.Footnote.SpaceBefore.Points, (_style.Body.Leading.Points * 2) + 0.5, _diagnostics.Add);
        var done = 0;
        var entries = _book.Divisions.Where(d => d.InContents).ToArray();
        foreach (var division in _book.Divisions)
        {
            _current = division;
            var isContents = division.Kind == DivisionKind.Contents;
            var memo = isContents ? _memo.Contents(division, entries, Folio) : _memo.Division(division, Folio);
            if (memo is null)
            {
                memo = BuildFlow(division);
                if (isContents)
                {
                    _memo.StoreContents(division, entries, memo);
                }
                else
                {
                    _memo.Store(division, memo);
                }
            }
            else
            {
                _diagnostics.AddRange(memo.Diagnostics);
                _paragraphs.Touch(memo.Paragraphs);
            }

            var before = _diagnostics.Count;
            var pages = paginator.Add(memo.Flow, memo.Pages);
            if (memo.Pages is { } had && ReferenceEquals(pages.Pages, had.Pages))
            {
                // The same pages (perhaps with another blank before them): what filling them reported, again.
                _diagnostics.AddRange(memo.PageDiagnostics);
            }
            else
            {
                memo.PageDiagnostics = [.. _diagnostics.Skip(before)];
            }

            memo.Pages = pages;
            divisionDone?.Invoke(++done, division);
        }

        return Finish(paginator.Pages);
    }

    /// <summary>Builds a division's flow, noting what it depended on and reported.</summary>
    private DivisionMemo BuildFlow(Division division)
    {
        var before = _diagnostics.Count;
        _folioRequests = new Dictionary<string, string?>(StringComparer.Ordinal);
        _paragraphs.Recording = [];
        try
        {
            var flow = FlowOf(division);
            return new DivisionMemo(flow, [.. _folioRequests], [.. _paragraphs.Recording], [.. _diagnostics.Skip(before)]);
        }
        finally
        {
            _folioRequests = null;
            _paragraphs.Recording = null;
        }
    }

    private DivisionFlow FlowOf(Division d)
    {
        var items = new List<VItem>();
        _flow.NoteBoxes.Clear();
        _flow.StartDivision(d);
        switch (d.Kind)
        {
            case DivisionKind.HalfTitle:
                HalfTitle(items, d);
                return new DivisionFlow(d, items, [], true, true, true, "");
            case DivisionKind.TitlePage:
                TitlePage(items, d);
                return new DivisionFlow(d, items, [], true, true, true, "");
            case DivisionKind.Copyright:
                Copyright(items, d);
                return new DivisionFlow(d, items, new(_flow.NoteBoxes), true, false, true, "");
            case DivisionKind.Contents:
                Contents(items, d);
                return new DivisionFlow(d, items, [], true, _style.Chapter.NewRecto, false, _book.Metadata.Labels.Contents);
            default:
                Opener(items, d);
                _flow.Notes(d);
                _flow.Blocks(d.Blocks, items, d);
                return new DivisionFlow(d, items, new(_flow.NoteBoxes), true, _style.Chapter.NewRecto, false, Label(d));
        }
    }

    private List<VBox> Lines(string text, double size, double leading, TextAlign align, bool italic = false, bool smallCaps = false, bool display = true) =>
        _flow.Paragraph([new TextInline(text)], null, new ParagraphSettings(size, leading)
        {
            Family = display ? ParagraphFamily.Display : ParagraphFamily.Body, Align = align, Italic = italic, SmallCaps = smallCaps, Balance = true,
        }, null)
            .Select(b => b with { IsTextLine = false }).ToList();

    private void HalfTitle(List<VItem> items, Division d)
    {
        items.Add(new VSpace(_style.Page.TextHeight.Points * 0.22, Discardable: false));
        var size = _style.Chapter.TitleSize.Points * 0.8;
        AddAll(items, Lines(_book.Metadata.Title, size, size * 1.25, TextAlign.Center, smallCaps: true), d.Id);
    }

    private void TitlePage(List<VItem> items, Division d)
    {
        var m = _book.Metadata;
        var tp = _style.TitlePage;
        items.Add(new VSpace(_style.Page.TextHeight.Points * tp.Top, Discardable: false));
        AddAll(items, Lines(m.Title, tp.TitleSize.Points, tp.TitleLeading.Points, TextAlign.Center), d.Id);
        if (m.Subtitle is { } sub)
        {
            items.Add(new VSpace(tp.SubtitleSpaceBefore.Points, false));
            AddAll(items, Lines(sub, tp.SubtitleSize.Points, tp.SubtitleLeading.Points, TextAlign.Center, italic: true), null);
        }

        var body = _style.Body;
        items.Add(new VSpace(tp.AuthorSpaceBefore.Points, false));
        foreach (var author in m.Authors)
        {
            AddAll(items, Lines(author, tp.AuthorSize.Points, tp.AuthorLeading.Points, TextAlign.Center, smallCaps: true), null);
        }

        if (!m.Editors.IsDefaultOrEmpty || m.EditionStatement is not null)
        {
            items.Add(new VSpace(tp.EditionSpaceBefore.Points, false));
            var line = m.EditionStatement ?? m.Labels.EditedBy + " " + m.Labels.JoinNames(m.Editors);
            AddAll(items, Lines(line, body.Size.Points, body.Leading.Points, TextAlign.Center, italic: true), null);
        }

        if (m.Publisher is { } pub)
        {
            var lines = Lines(pub, tp.PublisherSize.Points, body.Leading.Points, TextAlign.Center, smallCaps: true);
            items.Add(new VFillToBottom(lines.Sum(l => l.Height)));
            AddAll(items, lines, null);
        }
    }

    private void Copyright(List<VItem> items, Division d)
    {
        // Set small and ragged, sitting at the foot of the page, as copyright pages are.
        var fs = _style.Footnote;
        var content = new List<VItem>();
        var first = true;
        foreach (var block in d.Blocks)
        {
            if (!first)
            {
                content.Add(new VSpace(fs.Leading.Points * 0.6, false));
            }

            var inlines = block is ParagraphBlock p ? p.Inlines : [new TextInline(Model.Inline.ToPlainText(block is HeadingBlock h ? h.Inlines : []))];
            // Other blocks are flattened to text here, so their leaves get no positions.
            var leaf = block is ParagraphBlock or HeadingBlock ? _flow.LeafOf(block) : null;

            content.AddRange(_flow.Paragraph(inlines, null, new ParagraphSettings(fs.Size.Points, fs.Leading.Points), block.Source, leaf: leaf)
                .Select(b => b with { IsTextLine = false }));
            first = false;
        }

        var height = content.Sum(i => i switch { VBox b => b.Height, VSpace s => s.Height, _ => 0 });
        if (height < _style.Page.TextHeight.Points)
        {
            items.Add(new VFillToBottom(height));
        }

        if (content.FirstOrDefault() is VBox firstBox)
        {
            content[0] = firstBox with { Anchors = [d.Id, .. firstBox.Anchors] };
        }

        items.AddRange(content);
    }

    private void Opener(List<VItem> items, Division d)
    {
        var ch = _style.Chapter;
        items.Add(new VSpace(ch.Sink.Points, Discardable: false));
        var anchored = false;
        if (NumberLine(d) is { } label)
        {
            var lines = Lines(label, ch.NumberSize.Points, ch.NumberLeading.Points, ch.Align, smallCaps: ch.NumberSmallCaps);
            AddAll(items, lines, d.Id, (Label(d), 1));
            anchored = true;
            items.Add(new VSpace(ch.NumberSpaceAfter.Points, false));
        }

        if (!d.Title.IsDefaultOrEmpty)
        {
            var titleLines = _flow.Paragraph(d.Title, null, new ParagraphSettings(ch.TitleSize.Points, ch.TitleLeading.Points) { Family = ParagraphFamily.Display, Align = ch.Align, Balance = true }, d.Source)
                .Select(b => b with { IsTextLine = false }).ToList();
            AddAll(items, titleLines, anchored ? null : d.Id, anchored ? null : (Label(d), 1));
            anchored = true;
        }

        if (!anchored)
        {
            // Nothing printed opens the division (no title, and no number line in this style): its id still needs a
            // place, or its contents entry and references to it would point nowhere.
            var outline = Label(d);
            items.Add(new VBox(0, []) { Anchors = [d.Id], Outline = outline.Length > 0 ? (outline, 1, d.Id) : null });
        }

        items.Add(new VSpace(ch.SpaceAfterTitle.Points, Discardable: false));
    }

    /// <summary>The line a numbered chapter opens with, from the style's number format ("Chapter 3"); null when none is printed.</summary>
    private string? NumberLine(Division d) => d.Number is { } n ? _style.Chapter.NumberLine(n, _book.Metadata.Labels.Chapter) : null;

    /// <summary>
    /// What the contents, the bookmarks and the running head call a division: its title, or for a chapter without
    /// one what its first page prints, its number line (the bare number in a style that prints none).
    /// </summary>
    private string Label(Division d) =>
        d.Title.IsDefaultOrEmpty ? NumberLine(d) ?? d.Number?.ToString(CultureInfo.InvariantCulture) ?? "" : Collect.Plain(d.Title);

    private static void AddAll(List<VItem> items, List<VBox> lines, string? anchor, (string, int)? outline = null)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var box = lines[i];
            if (i == 0 && anchor is not null)
            {
                box = box with { Anchors = [anchor, .. box.Anchors], Outline = outline is { } o ? (o.Item1, o.Item2, anchor) : null };
            }

            if (i > 0)
            {
                items.Add(new VPenalty(VPenalty.Forbid));
            }

            items.Add(box);
        }
    }

    private void Contents(List<VItem> items, Division d)
    {
        var ch = _style.Chapter;
        items.Add(new VSpace(ch.Sink.Points, Discardable: false));
        var heading = _book.Metadata.Labels.Contents;
        var title = Lines(heading, ch.TitleSize.Points, ch.TitleLeading.Points, ch.Align);
        AddAll(items, title, d.Id, (heading, 1));
        items.Add(new VSpace(ch.SpaceAfterTitle.Points, Discardable: false));

        var body = _style.Body;
        var previousMatter = Matter.Front;
        foreach (var entry in _book.Divisions.Where(x => x.InContents))
        {
            if (entry.Matter != previousMatter)
            {
                items.Add(new VPenalty(0));
                items.Add(new VSpace(body.Leading.Points * 0.5));
                previousMatter = entry.Matter;
            }

            items.Add(new VPenalty(0));
            items.Add(ContentsLine(entry));
        }
    }

    /// <summary>A contents entry: number, title, dot leaders on a fixed grid, and the folio flush right; all of it a link.</summary>
    private VBox ContentsLine(Division entry)
    {
        var body = _style.Body;
        var size = body.Size.Points;
        var leading = body.Leading.Points;
        var numberWidth = size * 2;
        var folio = FolioOf(entry.Id) ?? "00";
        var folioLines = _flow.Paragraph([new TextInline(folio)], null, new ParagraphSettings(size, leading) { Align = TextAlign.Right }, null);
        var folioBox = folioLines[0];
        var folioWidth = size * 2.2;
        var titleMeasure = Measure - numberWidth - folioWidth - size;
        // A chapter without a title is listed as its first page names it, its number line in the title's place.
        var numberLine = entry.Title.IsDefaultOrEmpty ? NumberLine(entry) : null;
        var title = numberLine is null ? entry.Title : [new TextInline(numberLine)];
        var titleLines = _flow.Paragraph(title, null, new ParagraphSettings(size, leading) { LeftIndent = numberWidth, Measure = numberWidth + titleMeasure }, entry.Source);
        var items = new List<FrameItem>();
        var y = 0.0;
        foreach (var line in titleLines)
        {
            items.AddRange(line.Items.Select(i => TableBuilder.Translate(i, 0, y)));
            y += line.Height;
        }

        if (entry.Number is { } n && numberLine is null)
        {
            var numLines = _flow.Paragraph([new TextInline(n.ToString(CultureInfo.InvariantCulture))], null, new ParagraphSettings(size, leading), null);
            items.AddRange(numLines[0].Items);
        }

        // Folio flush right on the last line of the title.
        var lastY = y - leading;
        items.AddRange(folioBox.Items.Select(i => TableBuilder.Translate(i, 0, lastY)));

        // Leaders: dots at multiples of a fixed pitch, so they line up down the page.
        var lastTitleRight = titleLines.Count > 0
            ? titleLines[^1].Items.OfType<GlyphRunItem>().Select(g => g.X.Points + EndOf(g)).DefaultIfEmpty(numberWidth).Max()
            : numberWidth;
        var folioLeft = folioBox.Items.OfType<GlyphRunItem>().Select(g => g.X.Points).DefaultIfEmpty(Measure).Min();
        var pitch = size * 0.75;
        var dot = _flow.Paragraph([new TextInline(".")], null, new ParagraphSettings(size, leading), null)[0].Items.OfType<GlyphRunItem>().First();
        for (var x = Math.Ceiling((lastTitleRight + (size * 0.6)) / pitch) * pitch; x + (size * 0.5) < folioLeft - (size * 0.4); x += pitch)
        {
            items.Add(dot with { X = Length.Pt(x), Y = dot.Y + Length.Pt(lastY) });
        }

        items.Add(new LinkItem(Length.Zero, Length.Zero, Length.Pt(Measure), Length.Pt(y), entry.Id, null));
        return new VBox(y, items);
    }

    private static double EndOf(GlyphRunItem g) => g.Offsets.Length == 0 ? 0 : g.Offsets[^1] + (g.Size.Points * 0.5);

    private PassResult Finish(List<RawPage> raw)
    {
        var pages = new List<Page>();
        var outline = new List<OutlineEntry>();
        var anchors = new Dictionary<string, AnchorLocation>(StringComparer.Ordinal);
        var page = _style.Page;
        var bodyStarted = false;
        var arabic = 0;
        var roman = 0;
        for (var index = 0; index < raw.Count; index++)
        {
            var rp = raw[index];
            // A blank verso belongs to the sequence it closes, not to the chapter it precedes.
            var matter = rp.Kind == PageKind.Blank && index > 0 ? raw[index - 1].Flow.Division.Matter : rp.Flow.Division.Matter;
            string folio;
            if (matter == Matter.Front && !bodyStarted)
            {
                folio = Numerals.Roman(++roman);
            }
            else
            {
                bodyStarted = true;
                folio = (++arabic).ToString(CultureInfo.InvariantCulture);
            }

            if (_memo.Page(rp) is { } done && done.Index == index && done.Folio == folio && done.BookTitle == _book.Metadata.Title
                && done.Anchors.All(a => anchors.ContainsKey(a.Id) != a.First))
            {
                // The same page at the same place as before: its anchors and outline entries are added again.
                foreach (var a in done.Anchors.Where(a => a.First))
                {
                    anchors.Add(a.Id, a.At);
                }

                outline.AddRange(done.Outline);
                pages.Add(done.Page);
                continue;
            }

            var pageAnchors = new List<(string, AnchorLocation, bool)>();
            var outlineBefore = outline.Count;
            var recto = index % 2 == 0;
            var left = recto ? page.MarginInner.Points : page.MarginOuter.Points;
            var top = page.MarginTop.Points;
            var items = new List<FrameItem>();
            foreach (var (box, y) in rp.Boxes)
            {
                Place(box, left, top + y, index, folio, items, outline, anchors, pageAnchors);
            }

            if (rp.NoteLines.Count > 0)
            {
                var notesHeight = rp.NoteLines.Sum(l => l.Height);
                var y = top + rp.NotesBottom - notesHeight;
                var ruleY = y - (_style.Footnote.SpaceBefore.Points / 2);
                var rule = _style.NoteRule;
                items.Add(new RuleItem(Length.Pt(left), Length.Pt(ruleY), Length.Pt(left + (Measure * rule.Width)), Length.Pt(ruleY), rule.Thickness, _style.AccentColor));
                foreach (var line in rp.NoteLines)
                {
                    Place(line, left, y, index, folio, items, outline, anchors, pageAnchors);
                    y += line.Height;
                }
            }

            var folioShown = rp.Kind is PageKind.Text or PageKind.Opener;
            if (folioShown)
            {
                RunningHeadAndFolio(rp, recto, folio, items);
            }

            // Where the page begins in the text: its division's start on openers and display pages, else its first
            // line that carries a position. A blank page begins nowhere.
            var start = rp.Kind switch
            {
                PageKind.Blank => null,
                PageKind.Opener or PageKind.Display => new TextPosition(rp.Flow.Division.Id, -1, 0),
                _ => rp.Boxes.Select(b => b.Box.Start).FirstOrDefault(s => s is not null),
            };

            // A blank page belongs to no division: it only pushes the next one to a recto.
            var finished = new Page(index, page.Width, page.Height, folio, folioShown, rp.Kind, rp.Kind == PageKind.Blank ? null : rp.Flow.Division.Id, [.. items]) { Start = start };
            pages.Add(finished);
            _memo.Store(rp, new FinishedPage(index, folio, _book.Metadata.Title, finished, [.. pageAnchors], [.. outline.Skip(outlineBefore)]));
        }

        return new PassResult(pages, outline, anchors, _diagnostics);
    }

    private static void Place(VBox box, double x, double y, int pageIndex, string folio, List<FrameItem> items, List<OutlineEntry> outline,
        Dictionary<string, AnchorLocation> anchors, List<(string, AnchorLocation, bool)> pageAnchors)
    {
        items.AddRange(box.Items.Select(i => TableBuilder.Translate(i, x, y)));
        foreach (var a in box.Anchors)
        {
            var at = new AnchorLocation(pageIndex, folio, Length.Pt(y));
            var first = anchors.TryAdd(a, at);
            pageAnchors.Add((a, at, first));
            if (first)
            {
                items.Add(new AnchorItem(a, Length.Pt(y)));
            }
        }

        if (box.Outline is { } o)
        {
            outline.Add(new OutlineEntry(o.Title, o.Level, o.AnchorId, pageIndex, Length.Pt(y)));
        }
    }

    private void RunningHeadAndFolio(RawPage rp, bool recto, string folio, List<FrameItem> items)
    {
        var rh = _style.RunningHeads;
        var page = _style.Page;
        var left = recto ? page.MarginInner.Points : page.MarginOuter.Points;
        var size = rh.Size.Points;
        if (rh.Enabled && rp.Kind == PageKind.Text)
        {
            var text = recto ? rp.Flow.RunningTitle : _book.Metadata.Title;
            if (text.Length > 0)
            {
                var lines = _flow.Paragraph([new TextInline(text)], null, new ParagraphSettings(size, size * 1.2) { Align = TextAlign.Center, SmallCaps = rh.SmallCaps }, null);
                if (lines.Count > 0)
                {
                    var line = lines[0];
                    var baselineInBox = line.Items.OfType<GlyphRunItem>().Select(g => g.Y.Points).DefaultIfEmpty(size).First();
                    var y = rh.HeadBaseline.Points - baselineInBox;
                    items.AddRange(line.Items.Where(i => i is GlyphRunItem).Select(i => TableBuilder.Translate(i, left, y)));
                }
            }
        }

        var folioLines = _flow.Paragraph([new TextInline(folio)], null, new ParagraphSettings(size, size * 1.2) { Align = TextAlign.Center }, null);
        if (folioLines.Count > 0)
        {
            var line = folioLines[0];
            var baselineInBox = line.Items.OfType<GlyphRunItem>().Select(g => g.Y.Points).DefaultIfEmpty(size).First();
            var y = page.Height.Points - rh.FolioBaseline.Points - baselineInBox;
            items.AddRange(line.Items.Where(i => i is GlyphRunItem).Select(i => TableBuilder.Translate(i, left, y)));
        }
    }
}
