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
        var state = new Cursor(0, []);
        var first = true;
        while (state.Next < items.Count || state.CarryNotes.Count > 0 || first)
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

            var (page, next) = Fill(flow, kind, items, state, limit, skipTop: !first);

            // A recto that ends short (not at its chapter's end) makes its verso run short to match, when the verso
            // can be refilled to exactly that depth; the text then flows on from the new break.
            if (verso is { Kind: PageKind.Text, EndsDivision: false } && verso.Flow == flow && kind == PageKind.Text
                && next.Next < items.Count && page.Depth < verso.Depth - SameDepth && verso.Depth >= capacity - SameDepth)
            {
                var versoStart = _starts[^1];
                var (newVerso, afterVerso) = Fill(flow, verso.Kind, items, versoStart, page.Depth, skipTop: true);
                var (newRecto, afterRecto) = Fill(flow, kind, items, afterVerso, page.Depth, skipTop: true);
                if (Math.Abs(newVerso.Depth - newRecto.Depth) <= SameDepth && newVerso.Boxes.Count > 0)
                {
                    Pages[^1] = newVerso;
                    (page, next) = (newRecto, afterRecto);
                }
            }

            _starts.Add(state);
            page.EndsDivision = next.Next >= items.Count && next.CarryNotes.Count == 0;
            Pages.Add(page);
            state = next;
            first = false;
        }
    }

    /// <summary>Where each page of the current division started, so a verso can be refilled.</summary>
    private readonly List<Cursor> _starts = [];

    /// <summary>A place in a vertical list, with the note lines carried over from the page before.</summary>
    private sealed record Cursor(int Next, List<VBox> CarryNotes);

    private (RawPage Page, Cursor Next) Fill(DivisionFlow flow, PageKind kind, List<VItem> items, Cursor start, double limit, bool skipTop)
    {
        var page = new RawPage { Flow = flow, Kind = kind, NotesBottom = limit };
        var i = start.Next;
        if (skipTop)
        {
            while (i < items.Count && items[i] is VPenalty or VSpace { Discardable: true })
            {
                i++;
            }
        }

        double used = 0;
        double notesHeight = 0;
        var placedNotes = new HashSet<string>(StringComparer.Ordinal);

        // Lines of a note continued from the previous page come first at the foot (as many as fit).
        var carry = new List<VBox>();
        if (start.CarryNotes.Count > 0)
        {
            var room = limit - noteSeparation;
            var take = 0;
            var h = 0.0;
            while (take < start.CarryNotes.Count && h + start.CarryNotes[take].Height <= room)
            {
                h += start.CarryNotes[take].Height;
                take++;
            }

            page.NoteLines.AddRange(start.CarryNotes.Take(take));
            carry.AddRange(start.CarryNotes.Skip(take));
            notesHeight = h + noteSeparation;
        }

        // A table row that starts the page brings its header with it.
        if (i < items.Count && items[i] is VBox { RepeatHeader: { } header })
        {
            foreach (var h in header)
            {
                page.Boxes.Add((h, used));
                used += h.Height;
            }
        }

        // Every place this page may end, with what was on the page at that point.
        var breaks = new List<Break>();
        VBox? previousBox = null;
        for (var j = i; j < items.Count; j++)
        {
            switch (items[j])
            {
                case VPenalty p when p.Cost <= VPenalty.Force:
                    return Finish(page, used, notesHeight, new Cursor(j + 1, carry));
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
                    var extra = noteLines.Sum(l => l.Height) + separation;
                    var fitsWhole = used + b.Height + notesHeight + extra <= limit + 0.01;
                    var splitAt = 0;
                    if (!fitsWhole && noteLines.Count > 0 && carry.Count == 0)
                    {
                        splitAt = NoteSplit(noteLines, limit - used - b.Height - notesHeight - separation);
                    }

                    if (!fitsWhole && page.Boxes.Count > 0)
                    {
                        // Split the note only when breaking before this line would leave the page far short.
                        var best = breaks.Count > 0 ? Choose(breaks) : null;
                        var shortfall = best is null ? double.MaxValue : used - best.Used;
                        if (splitAt == 0 || (best is not null && shortfall <= maxShortfall))
                        {
                            if (best is not null)
                            {
                                page.Boxes.RemoveRange(best.Boxes, page.Boxes.Count - best.Boxes);
                                page.NoteLines.RemoveRange(best.Notes, page.NoteLines.Count - best.Notes);
                                return Finish(page, best.Used, best.NotesHeight, new Cursor(best.At + 1, best.Carry));
                            }

                            // Nowhere allowed to break on this page: break before this box rather than overflow.
                            return Finish(page, used, notesHeight, new Cursor(j, carry));
                        }
                    }

                    if (b.Height > limit)
                    {
                        report(Diagnostic.Warning(LayoutCodes.TooTall, "a block is taller than the page and runs past its foot", b.Source ?? flow.Division.Source));
                    }

                    page.Boxes.Add((b, used));
                    used += b.Height;
                    if (noteLines.Count > 0)
                    {
                        var placed = fitsWhole || splitAt == 0 ? noteLines : noteLines.Take(splitAt).ToList();
                        page.NoteLines.AddRange(placed);
                        notesHeight += placed.Sum(l => l.Height) + separation;
                        carry.AddRange(noteLines.Skip(placed.Count));
                        placedNotes.UnionWith(newNotes);
                    }

                    break;
            }
        }

        return Finish(page, used, notesHeight, new Cursor(items.Count, carry));
    }

    private static (RawPage, Cursor) Finish(RawPage page, double used, double notesHeight, Cursor next)
    {
        page.Depth = notesHeight > 0 ? double.MaxValue : used;
        return (page, next);
    }

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
