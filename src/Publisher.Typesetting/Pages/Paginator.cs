using Publisher.Model;
using Publisher.Typesetting.Flow;
using Publisher.Typesetting.Frames;

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

/// <summary>A page as the builder left it: boxes at offsets from the text block's top, and the notes at its foot.</summary>
internal sealed class RawPage
{
    public required DivisionFlow Flow { get; init; }

    public required PageKind Kind { get; set; }

    public List<(VBox Box, double Y)> Boxes { get; } = [];

    public List<VBox> NoteLines { get; } = [];
}

/// <summary>
/// Fills pages from vertical lists, breaking only where a penalty allows (so widow, orphan and keep-with-next rules,
/// written as forbidden breaks, hold), placing each footnote on the page of its citation, and repeating table
/// headers. When a box does not fit, the page breaks at the last allowed place and what follows moves on.
/// </summary>
internal sealed class Paginator(double capacity, double noteSeparation, double maxShortfall, Action<Diagnostic> report)
{
    public List<RawPage> Pages { get; } = [];

    public void Add(DivisionFlow flow)
    {
        if (flow.NewRecto && Pages.Count % 2 == 1)
        {
            Pages.Add(new RawPage { Flow = flow, Kind = PageKind.Blank });
        }

        var items = flow.Items;
        var i = 0;
        var first = true;
        if (!flow.NewPage && Pages.Count > 0)
        {
            // Continue on the previous page is not needed by any division yet; every division starts a page.
        }

        while (i < items.Count || first)
        {
            var page = new RawPage { Flow = flow, Kind = flow.Display ? PageKind.Display : first ? PageKind.Opener : PageKind.Text };
            Pages.Add(page);
            i = FillPage(page, items, i, skipTop: !first);
            first = false;
        }
    }

    private int FillPage(RawPage page, List<VItem> items, int i, bool skipTop)
    {
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
        var breaks = new List<(int At, double Cost, int Boxes, int Notes, double Used)>();
        for (var j = i; j < items.Count; j++)
        {
            switch (items[j])
            {
                case VPenalty p when p.Cost <= VPenalty.Force:
                    return j + 1;
                case VPenalty p when p.Cost < VPenalty.Forbid:
                    breaks.Add((j, p.Cost, page.Boxes.Count, page.NoteLines.Count, used));
                    break;
                case VSpace s:
                    used += s.Height;
                    break;
                case VFillToBottom f:
                    used = Math.Max(used, capacity - f.ContentHeight - notesHeight);
                    break;
                case VBox b:
                    var newNotes = b.Notes.Where(n => !placedNotes.Contains(n) && page.Flow.Notes.ContainsKey(n)).ToList();
                    var noteLines = newNotes.SelectMany(n => page.Flow.Notes[n]).ToList();
                    var extra = noteLines.Sum(l => l.Height) + (noteLines.Count > 0 && placedNotes.Count == 0 ? noteSeparation : 0);
                    if (used + b.Height + notesHeight + extra > capacity + 0.01 && page.Boxes.Count > 0)
                    {
                        if (breaks.Count > 0)
                        {
                            var chosen = Choose(breaks);
                            page.Boxes.RemoveRange(chosen.Boxes, page.Boxes.Count - chosen.Boxes);
                            page.NoteLines.RemoveRange(chosen.Notes, page.NoteLines.Count - chosen.Notes);
                            return chosen.At + 1;
                        }

                        // Nowhere allowed to break on this page: break before this box rather than overflow.
                        return j;
                    }

                    if (b.Height > capacity)
                    {
                        report(Diagnostic.Warning(LayoutCodes.TooTall, "a block is taller than the page and runs past its foot"));
                    }

                    page.Boxes.Add((b, used));
                    used += b.Height;
                    if (noteLines.Count > 0)
                    {
                        page.NoteLines.AddRange(noteLines);
                        notesHeight += extra;
                        placedNotes.UnionWith(newNotes);
                    }

                    break;
            }
        }

        return items.Count;
    }

    /// <summary>
    /// The last place the page may end, unless ending there costs something (a hyphen at the foot of the page) and a
    /// free break no more than <c>maxShortfall</c> higher exists: a page a line short reads better than a word split over a turn.
    /// </summary>
    private (int At, double Cost, int Boxes, int Notes, double Used) Choose(List<(int At, double Cost, int Boxes, int Notes, double Used)> breaks)
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
