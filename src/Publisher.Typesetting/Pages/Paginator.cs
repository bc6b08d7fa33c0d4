using Publisher.Model;
using Publisher.Typesetting.Flow;
using Publisher.PageModel;

namespace Publisher.Typesetting.Pages;

/// <summary>A division's vertical list and how its pages behave.</summary>
internal sealed record DivisionFlow(
    Division Division,
    List<VItem> Items,
    Dictionary<string, List<VBox>> Notes,
    bool NewPage,
    bool NewRecto,
    bool Display,
    string RunningTitle);

/// <summary>A division's pages, and the side (0 recto, 1 verso) its first page fell on.</summary>
internal sealed record DivisionPages(int Parity, List<RawPage> Pages)
{
    /// <summary>The blank verso put before the division to open it on a recto, if one was; kept so it is the same page next time.</summary>
    public RawPage? Blank { get; init; }
}

/// <summary>A page as the builder left it: boxes at offsets from the text block's top, and the notes at its foot.</summary>
internal sealed class RawPage
{
    public required DivisionFlow Flow { get; init; }

    public required PageKind Kind { get; set; }

    public List<(VBox Box, double Y)> Boxes { get; } = [];

    public List<VBox> NoteLines { get; } = [];

    /// <summary>How far down the text block the page's content reaches (notes sit at the foot, so a page with notes is full).</summary>
    public double Depth { get; set; }

    /// <summary>True when the page ended because its division did.</summary>
    public bool EndsDivision { get; set; }

    /// <summary>
    /// Where the page's notes end: the foot of the text block, or, on a recto levelled to a short verso, the depth it
    /// was allowed, so its last note line faces the verso's last line (pinned to the foot, they left a hole above).
    /// </summary>
    public double NotesBottom { get; set; }
}

/// <summary>
/// Fills pages from vertical lists, breaking only where a penalty allows (so widow, orphan and keep-with-next rules,
/// written as forbidden breaks, hold), placing each footnote on the page of its citation (split over the turn only
/// when it must be), repeating table headers, and making facing pages end at the same depth where the text allows.
/// </summary>
internal sealed class Paginator(double capacity, double noteSeparation, double maxShortfall, Action<Diagnostic> report)
{
    /// <summary>Fewest lines of a note on either side of a page turn when a note is split.</summary>
    private const int MinNoteLines = 2;

    /// <summary>Depths closer than this count as the same baseline.</summary>
    private const double SameDepth = 0.5;

    public List<RawPage> Pages { get; } = [];

    /// <summary>
    /// Adds a division's pages: its flow filled into pages, or <paramref name="earlier"/> as they are when they were
    /// filled from this flow starting on the same side of the spread (a division's pages depend on nothing else:
    /// it starts a page, and facing pages are only levelled within a division). Returns the division's pages.
    /// </summary>
    public DivisionPages Add(DivisionFlow flow, DivisionPages? earlier = null)
    {
        RawPage? blank = null;
        if (flow.NewRecto && Pages.Count % 2 == 1)
        {
            blank = earlier?.Blank is { } b && b.Flow == flow ? b : new RawPage { Flow = flow, Kind = PageKind.Blank };
            Pages.Add(blank);
        }

        var parity = Pages.Count % 2;
        if (earlier is not null && earlier.Parity == parity && earlier.Pages[0].Flow == flow)
        {
            Pages.AddRange(earlier.Pages);
            return earlier.Blank == blank ? earlier : earlier with { Blank = blank };
        }

        var firstPage = Pages.Count;
        Fill(flow);
        return new DivisionPages(parity, Pages[firstPage..]) { Blank = blank };
    }

    private void Fill(DivisionFlow flow)
    {
        var items = flow.Items;
        var state = ResumePoint.Start;
        var first = true;
        while (state.Next < items.Count || state.CarryNotes.Length > 0 || first)
        {
            var kind = flow.Display ? PageKind.Display : first ? PageKind.Opener : PageKind.Text;
            var recto = Pages.Count % 2 == 0;
            var verso = recto && Pages.Count > 0 ? Pages[^1] : null;
            var limit = capacity;

            // A recto facing a short verso of the same text ends at the verso's depth.
            if (verso is { Kind: PageKind.Text or PageKind.Opener, EndsDivision: false } && verso.Flow == flow && kind == PageKind.Text && verso.Depth < capacity - SameDepth)
            {
                limit = verso.Depth;
            }

            var (page, next) = Consume(FillPage(flow, kind, state, limit), items);

            // A recto that ends short (not at its chapter's end) makes its verso run short to match, when the verso
            // can be refilled to exactly that depth; the text then flows on from the new break.
            if (verso is { Kind: PageKind.Text, EndsDivision: false } && verso.Flow == flow && kind == PageKind.Text
                && next.Next < items.Count && page.Depth < verso.Depth - SameDepth && verso.Depth >= capacity - SameDepth)
            {
                var versoStart = _starts[^1];
                var (newVerso, afterVerso) = Consume(FillPage(flow, verso.Kind, versoStart, page.Depth), items);
                var (newRecto, afterRecto) = Consume(FillPage(flow, kind, afterVerso, page.Depth), items);
                if (Math.Abs(newVerso.Depth - newRecto.Depth) <= SameDepth && newVerso.Boxes.Count > 0)
                {
                    Pages[^1] = newVerso;
                    (page, next) = (newRecto, afterRecto);
                }
            }

            _starts.Add(state);
            page.EndsDivision = next.Next >= items.Count && next.CarryNotes.Length == 0;
            Pages.Add(page);
            state = next;
            first = false;
        }
    }

    /// <summary>The page a fill made and where the next page continues (a fitting page leaves nothing).</summary>
    private static (RawPage Page, ResumePoint Next) Consume(PageFill fill, List<VItem> items) => fill switch
    {
        PartlyFits p => (p.Page, p.Resume),
        _ => (fill.Page, new ResumePoint(items.Count, [], null)),
    };

    /// <summary>Where each page of the current division started, so a verso can be refilled.</summary>
    private readonly List<ResumePoint> _starts = [];

    /// <summary>
    /// Fills one page of <paramref name="flow"/> from <paramref name="start"/>, no deeper than <paramref name="limit"/>.
    /// An item that fits no page is reported (PUB3002) and the page filled again with it let through: it then runs
    /// past the foot of a page that holds nothing before it. Never returns <see cref="DoesNotFit"/>.
    /// </summary>
    public PageFill FillPage(DivisionFlow flow, PageKind kind, ResumePoint start, double limit)
    {
        var overflow = new HashSet<int>();
        while (true)
        {
            var fill = TryFillPage(flow, kind, start, limit, overflow);
            if (fill is not DoesNotFit { Why: { Item: { } item } why })
            {
                return fill;
            }

            report(Diagnostic.Warning(LayoutCodes.TooTall, why.Message, (flow.Items[item] as VBox)?.Source ?? flow.Division.Source));
            overflow.Add(item);
        }
    }

    /// <summary>
    /// Fills one page of <paramref name="flow"/> from <paramref name="start"/>, offering each box the room left and
    /// ending the page where a box answers that it does not fit; the items in <paramref name="overflow"/> are set even
    /// though they fit no page. The page may end only at a penalty that allows it, so widow, orphan and
    /// keep-with-next rules hold.
    /// </summary>
    public PageFill TryFillPage(DivisionFlow flow, PageKind kind, ResumePoint start, double limit, IReadOnlySet<int>? overflow = null)
    {
        var items = flow.Items;
        var page = new RawPage { Flow = flow, Kind = kind, NotesBottom = limit };
        var i = start.Next;
        if (start.Continues)
        {
            i = SkipTop(items, i);
        }

        double used = 0;
        double notesHeight = 0;
        var placedNotes = new HashSet<string>(StringComparer.Ordinal);

        // Lines of a note continued from the previous page come first at the foot (as many as fit).
        var carry = new List<VBox>();
        if (start.CarryNotes.Length > 0)
        {
            var room = limit - noteSeparation;
            var take = 0;
            var h = 0.0;
            while (take < start.CarryNotes.Length && h + start.CarryNotes[take].Height <= room)
            {
                h += start.CarryNotes[take].Height;
                take++;
            }

            page.NoteLines.AddRange(start.CarryNotes.Take(take));
            carry.AddRange(start.CarryNotes.Skip(take));
            notesHeight = h + noteSeparation;
        }

        // A table row that starts the page brings its header with it.
        foreach (var h in start.RepeatHeader ?? [])
        {
            page.Boxes.Add((h, used));
            used += h.Height;
        }

        // Every place this page may end, with what was on the page at that point.
        var breaks = new List<Break>();
        VBox? previousBox = null;
        for (var j = i; j < items.Count; j++)
        {
            switch (items[j])
            {
                case VPenalty p when p.Cost <= VPenalty.Force:
                    return Partly(page, used, notesHeight, items, j + 1, carry, new NoFit(NoFitReason.ForcedBreak, j));
                case VPenalty p when p.Cost < VPenalty.Forbid && previousBox is not { KeepWithNext: true }:
                    breaks.Add(new Break(j, p.Cost, page.Boxes.Count, page.NoteLines.Count, used, notesHeight, [.. carry]));
                    break;
                case VSpace s:
                    used += s.Height;
                    break;
                case VFillToBottom f:
                    used = Math.Max(used, limit - f.ContentHeight - notesHeight);
                    break;
                case VBox b:
                    previousBox = b;
                    var newNotes = b.Notes.Where(n => !placedNotes.Contains(n) && flow.Notes.ContainsKey(n)).ToList();
                    var noteLines = newNotes.SelectMany(n => flow.Notes[n]).ToList();
                    var separation = noteLines.Count > 0 && page.NoteLines.Count == 0 ? noteSeparation : 0;
                    var fit = Offer(b, j, noteLines, separation);
                    if (fit is NeverFits never && overflow?.Contains(j) != true)
                    {
                        return new DoesNotFit(page, never.Why);
                    }

                    // A box that waits for the next page ends this one at the best break before it. So does one that
                    // would split its note over the turn, when ending the page there leaves it no more than
                    // maxShortfall short: a note is split only when the page would otherwise be far short.
                    var splitsNote = fit is FitsHere here && here.NoteLines < noteLines.Count && page.Boxes.Count > 0;
                    if (fit is NotHere || splitsNote)
                    {
                        var best = breaks.Count > 0 ? Choose(breaks) : null;
                        var why = fit is NotHere notHere ? notHere.Why : new NoFit(NoFitReason.FootnoteWouldNotFit, j);
                        if (best is null && fit is NotHere)
                        {
                            // Nowhere allowed to break on this page: break before this box rather than overflow.
                            return Partly(page, used, notesHeight, items, j, carry, why);
                        }

                        if (best is not null && (fit is NotHere || used - best.Used <= maxShortfall))
                        {
                            page.Boxes.RemoveRange(best.Boxes, page.Boxes.Count - best.Boxes);
                            page.NoteLines.RemoveRange(best.Notes, page.NoteLines.Count - best.Notes);
                            return Partly(page, best.Used, best.NotesHeight, items, best.At + 1, best.Carry, fit is NotHere ? WhyEarlier(items, best, breaks, why) : why);
                        }
                    }

                    page.Boxes.Add((b, used));
                    used += b.Height;
                    if (noteLines.Count > 0)
                    {
                        var placed = noteLines.Take(fit switch { FitsHere fh => fh.NoteLines, NeverFits nf => nf.NoteLines, _ => 0 }).ToList();
                        page.NoteLines.AddRange(placed);
                        notesHeight += placed.Sum(l => l.Height) + separation;
                        carry.AddRange(noteLines.Skip(placed.Count));
                        placedNotes.UnionWith(newNotes);
                    }

                    break;
            }
        }

        if (carry.Count > 0)
        {
            return Partly(page, used, notesHeight, items, items.Count, carry, new NoFit(NoFitReason.FootnoteWouldNotFit, null));
        }

        Finish(page, used, notesHeight);
        return new Fits(page);

        // A box's answer to the room left: it fits with all its new notes; or, on a page that holds nothing yet, it
        // goes here whatever happens (splitting its note if that helps), unless it is taller than the page; or it
        // fits with its note split; or it waits for the next page.
        Fit Offer(VBox b, int at, List<VBox> noteLines, double separation)
        {
            var emptyPage = page.Boxes.Count == 0;
            var extra = noteLines.Sum(l => l.Height) + separation;
            var fitsWhole = used + b.Height + notesHeight + extra <= limit + 0.01;
            var splitAt = !fitsWhole && noteLines.Count > 0 && carry.Count == 0 ? NoteSplit(noteLines, limit - used - b.Height - notesHeight - separation) : 0;
            var notes = fitsWhole || splitAt == 0 ? noteLines.Count : splitAt;
            if (b.Height > limit && (fitsWhole || emptyPage))
            {
                return new NeverFits(new NoFit(NoFitReason.TallerThanPage, at), notes);
            }

            if (fitsWhole || emptyPage || splitAt > 0)
            {
                return new FitsHere(notes);
            }

            var reason = b.Height > limit ? NoFitReason.TallerThanPage
                : used + b.Height + notesHeight <= limit + 0.01 ? NoFitReason.FootnoteWouldNotFit
                : NoFitReason.NoRoomLeft;
            return new NotHere(new NoFit(reason, at));
        }
    }

    /// <summary>
    /// Why the page ends at <paramref name="best"/> rather than right before the item that did not fit
    /// (<paramref name="why"/>): a free break chosen over a hyphen, a box kept with the next, or a forbidden break.
    /// </summary>
    private static NoFit WhyEarlier(List<VItem> items, Break best, List<Break> breaks, NoFit why)
    {
        if (!ReferenceEquals(best, breaks[^1]))
        {
            return why with { Reason = NoFitReason.HyphenAtFoot };
        }

        for (var k = why.Item!.Value - 1; k > best.At; k--)
        {
            switch (items[k])
            {
                case VPenalty p when p.Cost < VPenalty.Forbid:
                    return why with { Reason = NoFitReason.KeptWithNext };
                case VPenalty:
                    return why with { Reason = NoFitReason.WidowOrOrphan };
                case VBox b:
                    return why with { Reason = b.KeepWithNext ? NoFitReason.KeptWithNext : NoFitReason.WidowOrOrphan };
            }
        }

        return why;
    }

    /// <summary>The first item at or after <paramref name="i"/> that is not a break or discardable space: what a continued page starts with.</summary>
    private static int SkipTop(List<VItem> items, int i)
    {
        while (i < items.Count && items[i] is VPenalty or VSpace { Discardable: true })
        {
            i++;
        }

        return i;
    }

    /// <summary>Ends the page with the rest continuing at item <paramref name="next"/>.</summary>
    private static PartlyFits Partly(RawPage page, double used, double notesHeight, List<VItem> items, int next, IEnumerable<VBox> carry, NoFit why)
    {
        Finish(page, used, notesHeight);
        var top = SkipTop(items, next);
        var header = top < items.Count && items[top] is VBox { RepeatHeader: { } h } ? h : null;
        return new PartlyFits(page, new ResumePoint(next, [.. carry], header), why);
    }

    private static void Finish(RawPage page, double used, double notesHeight) => page.Depth = notesHeight > 0 ? double.MaxValue : used;

    /// <summary>How many lines of a note fit in <paramref name="room"/>, or 0 when fewer than the minimum on either side.</summary>
    private static int NoteSplit(List<VBox> lines, double room)
    {
        var n = 0;
        var h = 0.0;
        while (n < lines.Count && h + lines[n].Height <= room)
        {
            h += lines[n].Height;
            n++;
        }

        return n >= MinNoteLines && lines.Count - n >= MinNoteLines ? n : 0;
    }

    private sealed record Break(int At, double Cost, int Boxes, int Notes, double Used, double NotesHeight, List<VBox> Carry);

    /// <summary>
    /// The last place the page may end, unless ending there costs something (a hyphen at the foot of the page) and a
    /// free break no more than <c>maxShortfall</c> higher exists: a page a line short reads better than a word split
    /// over a turn.
    /// </summary>
    private Break Choose(List<Break> breaks)
    {
        var last = breaks[^1];
        if (last.Cost <= 0)
        {
            return last;
        }

        for (var k = breaks.Count - 2; k >= 0; k--)
        {
            if (last.Used - breaks[k].Used > maxShortfall)
            {
                break;
            }

            if (breaks[k].Cost <= 0)
            {
                return breaks[k];
            }
        }

        return last;
    }
}
