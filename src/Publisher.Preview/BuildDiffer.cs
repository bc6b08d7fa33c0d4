using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Publisher.PageModel;

namespace Publisher.Preview;

/// <summary>How one chapter (division) moved between two builds.</summary>
public sealed record ChapterReflow(
    string DivisionId,
    string Title,
    int? StartBefore,
    int? StartAfter,
    string? FolioBefore,
    string? FolioAfter,
    int LinesBefore,
    int LinesAfter)
{
    /// <summary>Lines gained (positive) or lost (negative).</summary>
    public int LinesDelta => LinesAfter - LinesBefore;
}

/// <summary>The differences between two builds of a book, page by page.</summary>
public sealed record BuildDiff(
    int PagesBefore,
    int PagesAfter,
    ImmutableArray<int> ChangedPages,
    int? SettlesAt,
    int Shift,
    ImmutableArray<ChapterReflow> Chapters,
    ImmutableArray<string> FoliosAfter,
    ImmutableArray<string> FoliosBefore)
{
    /// <summary>True when the two builds draw the same pages.</summary>
    public bool Identical => ChangedPages.IsEmpty && PagesBefore == PagesAfter;

    /// <summary>The summary printed on stdout and at the head of the report.</summary>
    public string Summary()
    {
        var sb = new StringBuilder();
        var delta = PagesAfter - PagesBefore;
        sb.Append(CultureInfo.InvariantCulture, $"pages: {PagesBefore} → {PagesAfter}");
        sb.AppendLine(delta == 0 ? " (same count)" : string.Create(CultureInfo.InvariantCulture, $" ({delta:+0;-0})"));
        if (Identical)
        {
            sb.AppendLine("no page changed");
            return sb.ToString();
        }

        sb.Append(CultureInfo.InvariantCulture, $"changed pages: {ChangedPages.Length}");
        if (!ChangedPages.IsEmpty)
        {
            sb.Append(" (").Append(Ranges(ChangedPages, FoliosAfter, FoliosBefore)).Append(')');
        }

        sb.AppendLine();
        if (SettlesAt is { } s && s < PagesAfter)
        {
            sb.Append(CultureInfo.InvariantCulture, $"reflow settles at page {s + 1} (folio {FoliosAfter[s]}): from there on every page ");
            sb.AppendLine(Shift == 0
                ? "is identical to before"
                : string.Create(CultureInfo.InvariantCulture, $"has the same content as before, {Math.Abs(Shift)} page{(Math.Abs(Shift) == 1 ? "" : "s")} {(Shift > 0 ? "later" : "earlier")}"));
        }
        else
        {
            sb.AppendLine("reflow does not settle: changes run to the last page");
        }

        var moved = Chapters.Where(c => c.StartBefore != c.StartAfter || c.LinesDelta != 0).ToList();
        sb.AppendLine(moved.Count == 0 ? "chapters: none moved, no lines gained or lost" : "chapters (start folio before → after, lines before → after):");
        foreach (var c in moved)
        {
            var title = c.Title.Length > 40 ? c.Title[..39] + "…" : c.Title;
            sb.Append(CultureInfo.InvariantCulture, $"  {title,-40}  starts {c.FolioBefore ?? "—",4} → {c.FolioAfter ?? "—",-4}");
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  lines {c.LinesBefore,4} → {c.LinesAfter,-4} ({c.LinesDelta:+0;-0;±0})"));
        }

        return sb.ToString();
    }

    private static string Ranges(ImmutableArray<int> pages, ImmutableArray<string> folios, ImmutableArray<string> foliosBefore)
    {
        var parts = new List<string>();
        for (var i = 0; i < pages.Length;)
        {
            var j = i;
            while (j + 1 < pages.Length && pages[j + 1] == pages[j] + 1)
            {
                j++;
            }

            string Folio(int p) => p < folios.Length ? folios[p] : foliosBefore[p];
            parts.Add(i == j
                ? string.Create(CultureInfo.InvariantCulture, $"page {pages[i] + 1} [folio {Folio(pages[i])}]")
                : string.Create(CultureInfo.InvariantCulture, $"pages {pages[i] + 1}-{pages[j] + 1} [folios {Folio(pages[i])}-{Folio(pages[j])}]"));
            i = j + 1;
        }

        return string.Join(", ", parts);
    }
}

/// <summary>Compares two builds of a book from their page models.</summary>
public static class BuildDiffer
{
    /// <summary>
    /// Pages are matched by index. A page counts as changed when what it draws differs — up to the point where the
    /// reflow settles: the first page from which every later page has the same content as a page of the old build,
    /// allowing for a shift by whole pages (the difference in page count). Pages past that point that only moved
    /// (new folio, other margin) are not reported as changed.
    /// </summary>
    public static BuildDiff Diff(PagedBook before, PagedBook after)
    {
        var shift = after.Pages.Length - before.Pages.Length;
        var keysBefore = before.Pages.Select(PageText.ContentKey).ToArray();
        var keysAfter = after.Pages.Select(PageText.ContentKey).ToArray();

        // Walk back from the end while the new page's content equals the old page the shift lines it up with.
        var settle = after.Pages.Length;
        while (settle > 0 && settle - 1 - shift >= 0 && settle - 1 - shift < before.Pages.Length
               && keysAfter[settle - 1] == keysBefore[settle - 1 - shift])
        {
            settle--;
        }

        // Past the settle point nothing changed but position; before it, compare what each index draws.
        var limit = Math.Max(before.Pages.Length, after.Pages.Length);
        var changed = ImmutableArray.CreateBuilder<int>();
        for (var i = 0; i < limit && (i < settle || settle == after.Pages.Length); i++)
        {
            if (i >= before.Pages.Length || i >= after.Pages.Length
                || PageText.Digest(before.Pages[i]) != PageText.Digest(after.Pages[i]))
            {
                changed.Add(i);
            }
        }

        return new BuildDiff(
            before.Pages.Length,
            after.Pages.Length,
            changed.ToImmutable(),
            settle < after.Pages.Length ? settle : null,
            shift,
            Chapters(before, after),
            [.. after.Pages.Select(p => p.Folio)],
            [.. before.Pages.Select(p => p.Folio)]);
    }

    private static ImmutableArray<ChapterReflow> Chapters(PagedBook before, PagedBook after)
    {
        var titlesBefore = Titles(before);
        var titlesAfter = Titles(after);
        var ids = after.Pages.Select(p => p.DivisionId).Concat(before.Pages.Select(p => p.DivisionId)).OfType<string>().Distinct().ToList();
        // Chapters in the order the new build has them; ones only in the old build follow.
        return [.. ids.Select(id =>
        {
            var b = Array.FindIndex(before.Pages.ToArray(), p => p.DivisionId == id);
            var a = Array.FindIndex(after.Pages.ToArray(), p => p.DivisionId == id);
            var title = titlesAfter.GetValueOrDefault(id) ?? titlesBefore.GetValueOrDefault(id) ?? id;
            return new ChapterReflow(
                id,
                title,
                b < 0 ? null : b,
                a < 0 ? null : a,
                b < 0 ? null : before.Pages[b].Folio,
                a < 0 ? null : after.Pages[a].Folio,
                Lines(before, id),
                Lines(after, id));
        })];
    }

    private static int Lines(PagedBook book, string divisionId) => book.Pages
        .Where(p => p.DivisionId == divisionId && p.Kind is PageKind.Text or PageKind.Opener)
        .Sum(PageText.Lines);

    private static Dictionary<string, string> Titles(PagedBook book)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in book.Outline.Where(o => o.Level == 1 && o.PageIndex < book.Pages.Length))
        {
            if (book.Pages[o.PageIndex].DivisionId is { } id)
            {
                titles.TryAdd(id, o.Title);
            }
        }

        return titles;
    }
}
