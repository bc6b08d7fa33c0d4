using Publisher.Model;
using Publisher.Typesetting.Flow;
using Publisher.PageModel;
using Publisher.Typesetting.Pages;

namespace Publisher.UnitTests.Typesetting;

/// <summary>
/// Page-building rules on mock boxes (no fonts, no pixels), after QuestPDF's layout tests: every line is 10 pt and a
/// page holds ten of them, so positions read as line numbers.
/// </summary>
public sealed class PaginatorTests
{
    private const double Line = 10;
    private const double Page = 100;

    private static VBox L(string name, params string[] notes) => new(Line, [new AnchorItem(name, Length.Zero)]) { Notes = notes, IsTextLine = true };

    /// <summary>A paragraph of <paramref name="n"/> lines named prefix1..prefixN, with widow and orphan control.</summary>
    private static List<VItem> Para(string prefix, int n, List<VItem>? into = null)
    {
        var items = into ?? [];
        if (items.Count > 0)
        {
            items.Add(new VPenalty(0));
        }

        FlowBuilder.AppendWithWidowControl([.. Enumerable.Range(1, n).Select(i => L(prefix + i))], items);
        return items;
    }

    private static DivisionFlow Flow(List<VItem> items, Dictionary<string, List<VBox>>? notes = null, bool newRecto = true, string id = "ch") =>
        new(new Division { Id = id, Kind = DivisionKind.Chapter, Matter = Matter.Body }, items, notes ?? [], true, newRecto, false, "T");

    private static List<RawPage> Paginate(params DivisionFlow[] flows)
    {
        var p = new Paginator(Page, noteSeparation: 5, maxShortfall: 2 * Line, report: _ => { });
        foreach (var f in flows)
        {
            p.Add(f);
        }

        return p.Pages;
    }

    private static List<string> Names(RawPage page) => [.. page.Boxes.Select(b => ((AnchorItem)b.Box.Items[0]).Id)];

    /// <summary>A table: <paramref name="header"/>, then rows r1..rN, each after the first repeating the header on a new page.</summary>
    private static List<VItem> Table(VBox header, int rows)
    {
        var items = new List<VItem> { header };
        for (var i = 1; i <= rows; i++)
        {
            items.Add(new VPenalty(i == 1 ? VPenalty.Forbid : 0));
            items.Add(i == 1 ? L("r1") : L("r" + i) with { RepeatHeader = [header] });
        }

        return items;
    }

    /// <summary>Lines a1..a12, free to break between, where line 8 cites a 4-line note.</summary>
    private static DivisionFlow CitingAtLine8()
    {
        var items = new List<VItem>();
        for (var i = 1; i <= 12; i++)
        {
            if (i > 1)
            {
                items.Add(new VPenalty(0));
            }

            items.Add(i == 8 ? L("a8", "n") : L("a" + i));
        }

        return Flow(items, new Dictionary<string, List<VBox>> { ["n"] = [L("n1"), L("n2"), L("n3"), L("n4")] });
    }

    /// <summary>Lines a1..a14 where line 10 ends with a hyphen, so turning the page after it costs.</summary>
    private static DivisionFlow HyphenatedAtLine10()
    {
        var items = new List<VItem>();
        for (var i = 1; i <= 14; i++)
        {
            if (i > 1)
            {
                items.Add(new VPenalty(i == 11 ? VPenalty.Broken : 0));
            }

            items.Add(L("a" + i) with { Hyphenated = i == 10 });
        }

        return Flow(items);
    }

    [Fact]
    public void A_paragraph_never_leaves_its_first_line_alone_at_the_foot_of_a_page()
    {
        var items = Para("a", 9);
        Para("b", 4, items);
        var pages = Paginate(Flow(items));
        Assert.Equal("a9", Names(pages[0])[^1]);
        Assert.Equal("b1", Names(pages[1])[0]);
    }

    [Fact]
    public void A_paragraph_never_leaves_its_last_line_alone_at_the_top_of_a_page()
    {
        var pages = Paginate(Flow(Para("a", 11)));
        Assert.Equal(9, pages[0].Boxes.Count);
        Assert.Equal(["a10", "a11"], Names(pages[1]));
    }

    [Fact]
    public void A_heading_is_never_the_last_thing_on_a_page_and_keeps_two_lines_of_its_paragraph()
    {
        var items = Para("a", 8);
        items.Add(new VPenalty(0));
        items.Add(new VBox(Line, [new AnchorItem("h", Length.Zero)]) { KeepWithNext = true });
        Para("b", 5, items);
        var pages = Paginate(Flow(items));
        Assert.Equal("a8", Names(pages[0])[^1]);
        Assert.Equal(["h", "b1", "b2"], Names(pages[1])[..3]);
    }

    [Fact]
    public void A_block_after_a_heading_cannot_be_separated_from_it()
    {
        // Heading, then a table-like block whose own gap offers a break: the heading still goes with it.
        var items = Para("a", 9);
        items.Add(new VPenalty(0));
        items.Add(new VBox(Line, [new AnchorItem("h", Length.Zero)]) { KeepWithNext = true });
        items.Add(new VPenalty(0));
        items.Add(L("row1"));
        var pages = Paginate(Flow(items));
        Assert.Equal(["h", "row1"], Names(pages[1]));
    }

    [Fact]
    public void A_footnote_goes_on_the_page_that_cites_it()
    {
        var items = Para("a", 6);
        var notes = new Dictionary<string, List<VBox>> { ["n"] = [L("n1"), L("n2")] };
        items[^1] = L("a6", "n");
        var pages = Paginate(Flow(items, notes));
        Assert.Single(pages);
        Assert.Equal(2, pages[0].NoteLines.Count);
    }

    [Fact]
    public void A_citing_line_moves_with_its_note_when_the_page_can_end_just_before_it()
    {
        // Line 8 cites a 4-line note: 8 + 4 + separation do not fit; ending the page after line 7 costs one line.
        var pages = Paginate(CitingAtLine8());
        Assert.Equal("a7", Names(pages[0])[^1]);
        Assert.Empty(pages[0].NoteLines);
        Assert.Equal(4, pages[1].NoteLines.Count);
    }

    [Fact]
    public void A_note_longer_than_the_room_left_is_split_over_the_turn_when_it_must_be()
    {
        // Line 3 cites a 12-line note (longer than a page); lines 1–3 cannot be broken (one paragraph of 3).
        var items = new List<VItem> { L("a1"), new VPenalty(VPenalty.Forbid), L("a2"), new VPenalty(VPenalty.Forbid), L("a3", "n") };
        Para("b", 3, items);
        var notes = new Dictionary<string, List<VBox>> { ["n"] = [.. Enumerable.Range(1, 12).Select(i => L("n" + i))] };
        var pages = Paginate(Flow(items, notes));
        Assert.Equal(["a1", "a2", "a3"], Names(pages[0])[..3]);
        Assert.InRange(pages[0].NoteLines.Count, 2, 6);
        var continued = pages.Skip(1).SelectMany(p => p.NoteLines).Count();
        Assert.Equal(12, pages[0].NoteLines.Count + continued);
    }

    [Fact]
    public void Chapters_open_on_a_recto_with_a_blank_verso_inserted_when_needed()
    {
        var pages = Paginate(Flow(Para("a", 3), id: "one"), Flow(Para("b", 3), id: "two"));
        Assert.Equal(3, pages.Count);
        Assert.Equal(PageKind.Opener, pages[0].Kind);
        Assert.Equal(PageKind.Blank, pages[1].Kind);
        Assert.Equal(PageKind.Opener, pages[2].Kind);
        Assert.Equal("two", pages[2].Flow.Division.Id);
    }

    [Fact]
    public void A_recto_facing_a_short_verso_ends_at_the_same_depth()
    {
        // Page 1 (recto opener) full; page 2 (verso) short by a line because of an orphan; page 3 matches page 2.
        var items = Para("a", 10);
        Para("b", 9, items);   // b1..b9 fill the verso...
        Para("c", 4, items);   // ...and c cannot leave c1 alone at its foot, so the verso runs one line short
        Para("d", 20, items);
        var pages = Paginate(Flow(items));
        Assert.Equal(90, pages[1].Depth, 3);
        Assert.Equal(pages[1].Depth, pages[2].Depth, 3);
    }

    [Fact]
    public void A_recto_with_notes_facing_a_short_verso_ends_its_notes_at_the_verso_depth()
    {
        // As above, the verso runs a line short (90); the recto cites a two-line note. Its notes end at 90, facing the
        // verso's last line, not at the foot of the text block with a hole above them.
        var items = Para("a", 10);
        Para("b", 9, items);
        Para("c", 4, items);
        items.Add(new VPenalty(0));
        items.Add(L("n", "note"));
        Para("d", 20, items);
        var notes = new Dictionary<string, List<VBox>> { ["note"] = [L("note1"), L("note2")] };
        var pages = Paginate(Flow(items, notes));

        Assert.Equal(90, pages[1].Depth, 3);
        Assert.Equal(["note1", "note2"], pages[2].NoteLines.Select(l => ((AnchorItem)l.Items[0]).Id));
        Assert.Equal(90, pages[2].NotesBottom, 3);
        Assert.Equal(Page, pages[1].NotesBottom, 3);
        Assert.True(pages[2].Boxes[^1].Y + Line <= 90 - 20 - 5 + 0.001, "the recto's text ends above its notes and their separation");
    }

    [Fact]
    public void A_forced_break_ends_the_page()
    {
        var items = Para("a", 2);
        items.Add(new VPenalty(VPenalty.Force));
        Para("b", 2, items);
        var pages = Paginate(Flow(items));
        Assert.Equal(["a1", "a2"], Names(pages[0]));
        Assert.Equal(["b1", "b2"], Names(pages[1]));
    }

    [Fact]
    public void A_table_row_that_starts_a_page_brings_the_header_with_it()
    {
        var header = L("head");
        var items = Table(header, 15);
        var pages = Paginate(Flow(items));
        Assert.Equal("head", Names(pages[1])[0]);
        Assert.Equal("r10", Names(pages[1])[1]);
    }

    [Fact]
    public void The_page_does_not_turn_after_a_hyphenated_line_when_a_line_earlier_is_free()
    {
        var pages = Paginate(HyphenatedAtLine10());
        Assert.Equal("a9", Names(pages[0])[^1]);
    }

    // The page-filling protocol: each page answers fits, partly fits (with where the next page resumes) or does not fit.

    private static Paginator Builder(List<Diagnostic>? reports = null) => new(Page, noteSeparation: 5, maxShortfall: 2 * Line, report: d => reports?.Add(d));

    private static string NameAt(DivisionFlow flow, int index) => ((AnchorItem)((VBox)flow.Items[index]).Items[0]).Id;

    private static PartlyFits FirstPageOf(DivisionFlow flow) => Assert.IsType<PartlyFits>(Builder().FillPage(flow, PageKind.Opener, ResumePoint.Start, Page));

    [Fact]
    public void A_page_that_holds_the_rest_of_the_division_fits()
    {
        var fill = Builder().FillPage(Flow(Para("a", 3)), PageKind.Opener, ResumePoint.Start, Page);
        Assert.Equal(["a1", "a2", "a3"], Names(Assert.IsType<Fits>(fill).Page));
    }

    [Fact]
    public void A_full_page_partly_fits_and_resumes_at_the_line_that_did_not_fit()
    {
        var flow = Flow(Para("a", 15));
        var fill = FirstPageOf(flow);
        Assert.Equal("a10", Names(fill.Page)[^1]);
        Assert.Equal("a11", NameAt(flow, fill.Resume.Next));
        Assert.Equal(new NoFit(NoFitReason.NoRoomLeft, fill.Resume.Next), fill.Why);
    }

    [Fact]
    public void A_resume_point_is_immutable_and_gives_the_same_page_each_time_it_is_filled_from()
    {
        // Line 3 cites a 12-line note that must split: the resume point carries the note's rest.
        var items = new List<VItem> { L("a1"), new VPenalty(VPenalty.Forbid), L("a2"), new VPenalty(VPenalty.Forbid), L("a3", "n") };
        Para("b", 14, items);
        var flow = Flow(items, new Dictionary<string, List<VBox>> { ["n"] = [.. Enumerable.Range(1, 12).Select(i => L("n" + i))] });
        var resume = FirstPageOf(flow).Resume;
        var carried = resume.CarryNotes.Length;
        Assert.InRange(carried, 2, 10);

        var builder = Builder();
        var once = builder.FillPage(flow, PageKind.Text, resume, Page);
        var again = builder.FillPage(flow, PageKind.Text, resume, Page);
        Assert.Equal(Names(once.Page), Names(again.Page));
        Assert.Equal(once.Page.NoteLines, again.Page.NoteLines);
        var (onceNext, againNext) = (Assert.IsType<PartlyFits>(once).Resume, Assert.IsType<PartlyFits>(again).Resume);
        Assert.Equal(onceNext.Next, againNext.Next);
        Assert.Equal(onceNext.CarryNotes, againNext.CarryNotes);
        Assert.Equal(carried, resume.CarryNotes.Length);
        Assert.Equal(resume.CarryNotes[0], once.Page.NoteLines[0]);
    }

    [Fact]
    public void A_table_broken_over_the_turn_resumes_with_its_header_to_repeat()
    {
        var header = L("head");
        var items = Table(header, 15);
        var flow = Flow(items);
        var resume = FirstPageOf(flow).Resume;
        Assert.Equal([header], resume.RepeatHeader);
        var next = Builder().FillPage(flow, PageKind.Text, resume, Page);
        Assert.Equal(["head", "r10", "r11"], Names(next.Page)[..3]);
    }

    [Fact]
    public void A_page_that_ends_early_says_why()
    {
        // The orphan rule: b1 may not stay alone at the foot.
        var orphan = Para("a", 9);
        Para("b", 4, orphan);
        Assert.Equal(NoFitReason.WidowOrOrphan, FirstPageOf(Flow(orphan)).Why.Reason);

        // A heading goes over with the block it introduces.
        var kept = Para("a", 9);
        kept.Add(new VPenalty(0));
        kept.Add(new VBox(Line, [new AnchorItem("h", Length.Zero)]) { KeepWithNext = true });
        kept.Add(new VPenalty(0));
        kept.Add(L("row1"));
        var keptFlow = Flow(kept);
        var keptFill = FirstPageOf(keptFlow);
        Assert.Equal(NoFitReason.KeptWithNext, keptFill.Why.Reason);
        Assert.Equal("row1", NameAt(keptFlow, keptFill.Why.Item!.Value));

        // A line whose note would not fit below it.
        var citesFlow = CitingAtLine8();
        var citesFill = FirstPageOf(citesFlow);
        Assert.Equal(NoFitReason.FootnoteWouldNotFit, citesFill.Why.Reason);
        Assert.Equal("a8", NameAt(citesFlow, citesFill.Why.Item!.Value));

        // A free break a line higher is taken over turning after a hyphen.
        Assert.Equal(NoFitReason.HyphenAtFoot, FirstPageOf(HyphenatedAtLine10()).Why.Reason);

        var forced = Para("a", 2);
        forced.Add(new VPenalty(VPenalty.Force));
        Para("b", 2, forced);
        Assert.Equal(NoFitReason.ForcedBreak, FirstPageOf(Flow(forced)).Why.Reason);
    }

    [Fact]
    public void A_box_taller_than_a_page_does_not_fit_with_that_reason()
    {
        var flow = Flow([new VBox(Page * 1.5, [new AnchorItem("tall", Length.Zero)])]);
        var fill = Assert.IsType<DoesNotFit>(Builder().TryFillPage(flow, PageKind.Opener, ResumePoint.Start, Page));
        Assert.Equal(new NoFit(NoFitReason.TallerThanPage, 0), fill.Why);
        Assert.Empty(fill.Page.Boxes);
    }

    [Fact]
    public void A_box_taller_than_a_page_waits_for_an_empty_page_and_is_reported_once_there()
    {
        // After text it does not fit "here": the page ends before it. On the next page, which it would have to
        // itself, it can never fit: it is set there, past the foot, with one warning.
        var items = Para("a", 3);
        items.Add(new VPenalty(0));
        items.Add(new VBox(Page * 1.5, [new AnchorItem("tall", Length.Zero)]));
        Para("b", 2, items);
        var flow = Flow(items);
        var first = FirstPageOf(flow);
        Assert.Equal(new NoFit(NoFitReason.TallerThanPage, items.FindIndex(i => i is VBox { Height: > Page })), first.Why);

        var reports = new List<Diagnostic>();
        var second = Builder(reports).FillPage(flow, PageKind.Text, first.Resume, Page);
        Assert.Equal(["tall"], Names(second.Page));
        Assert.Equal(LayoutCodes.TooTall, Assert.Single(reports).Code);
    }
}
