using Publisher.Model;
using Publisher.Typesetting.Flow;
using Publisher.PageModel;

namespace Publisher.Typesetting.Pages;

/// <summary>
/// What earlier layout passes (and, when the caller keeps a <see cref="LayoutCache"/>, earlier runs) made of each
/// division and page, so a pass redoes only what its inputs changed. A division's vertical list depends on the
/// division (the model object: the loader hands out the same object for an unchanged file) and on the folios its page
/// references print; its pages also on the side of the spread it starts on; a finished page on its raw page, its
/// number and folio, the book's title and which of its anchors are first in the book. The style and language are
/// checked by <see cref="LayoutCache"/>, which empties everything when they change.
/// </summary>
internal sealed class LayoutMemo
{
    private readonly Dictionary<Division, DivisionMemo> _divisions = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<RawPage, FinishedPage> _pages = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _used = new(ReferenceEqualityComparer.Instance);

    // The contents page is made anew by every load, so it is found by its id; it depends on the divisions it lists
    // (their titles and numbers: the same objects mean the same) and the folios it prints.
    private readonly Dictionary<string, (Division[] Entries, DivisionMemo Memo)> _contents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _contentsUsed = new(StringComparer.Ordinal);

    /// <summary>The contents page's memo when it lists the same divisions and its folios hold; else null.</summary>
    public DivisionMemo? Contents(Division contents, Division[] entries, Func<string, string?> folioOf)
    {
        if (!_contents.TryGetValue(contents.Id, out var kept) || !kept.Entries.SequenceEqual(entries, ReferenceEqualityComparer.Instance)
            || kept.Memo.Flow.Division.Matter != contents.Matter || kept.Memo.Folios.Any(kv => folioOf(kv.Key) != kv.Value))
        {
            return null;
        }

        _contentsUsed.Add(contents.Id);
        return kept.Memo;
    }

    public void StoreContents(Division contents, Division[] entries, DivisionMemo memo)
    {
        _contents[contents.Id] = (entries, memo);
        _contentsUsed.Add(contents.Id);
        DivisionsBuilt++;
    }

    /// <summary>The divisions' flows as kept (what the leaf numbering test reads the typesetter's text positions from).</summary>
    public IEnumerable<DivisionFlow> Flows => _divisions.Values.Select(m => m.Flow);

    /// <summary>Divisions whose flow was built in this run (the rest were taken as they were).</summary>
    public int DivisionsBuilt { get; private set; }

    /// <summary>The division's memo when it still holds for these folios; else null.</summary>
    public DivisionMemo? Division(Division division, Func<string, string?> folioOf)
    {
        if (!_divisions.TryGetValue(division, out var memo) || memo.Folios.Any(kv => folioOf(kv.Key) != kv.Value))
        {
            return null;
        }

        _used.Add(division);
        return memo;
    }

    public void Store(Division division, DivisionMemo memo)
    {
        _divisions[division] = memo;
        _used.Add(division);
        DivisionsBuilt++;
    }

    public FinishedPage? Page(RawPage raw)
    {
        if (!_pages.TryGetValue(raw, out var page))
        {
            return null;
        }

        _used.Add(raw);
        return page;
    }

    public void Store(RawPage raw, FinishedPage page)
    {
        _pages[raw] = page;
        _used.Add(raw);
    }

    /// <summary>Starts a run: forgets what the last run did not use, so the memo holds one book.</summary>
    public void BeginRun()
    {
        if (_used.Count > 0)
        {
            foreach (var d in _divisions.Keys.Where(d => !_used.Contains(d)).ToList())
            {
                _divisions.Remove(d);
            }

            foreach (var p in _pages.Keys.Where(p => !_used.Contains(p)).ToList())
            {
                _pages.Remove(p);
            }

            foreach (var c in _contents.Keys.Where(c => !_contentsUsed.Contains(c)).ToList())
            {
                _contents.Remove(c);
            }
        }

        _used.Clear();
        _contentsUsed.Clear();
        DivisionsBuilt = 0;
    }

    public void Clear()
    {
        _contents.Clear();
        _contentsUsed.Clear();
        _divisions.Clear();
        _pages.Clear();
        _used.Clear();
    }
}

/// <summary>
/// A division's vertical list, the folios it asked for while it was built, the paragraphs it set (kept alive in the
/// paragraph cache while the memo is used), what building it reported, and its pages once filled.
/// </summary>
internal sealed class DivisionMemo(DivisionFlow flow, KeyValuePair<string, string?>[] folios, ParagraphKey[] paragraphs, Diagnostic[] diagnostics)
{
    public DivisionFlow Flow { get; } = flow;

    public KeyValuePair<string, string?>[] Folios { get; } = folios;

    public ParagraphKey[] Paragraphs { get; } = paragraphs;

    public Diagnostic[] Diagnostics { get; } = diagnostics;

    public DivisionPages? Pages { get; set; }

    public Diagnostic[] PageDiagnostics { get; set; } = [];
}

/// <summary>
/// A page as <see cref="BookLayout"/> finished it, with what it added to the book's anchors (each with whether it was
/// the first in the book, which decides whether the page draws it) and outline.
/// </summary>
internal sealed record FinishedPage(int Index, string Folio, string BookTitle, Page Page, (string Id, AnchorLocation At, bool First)[] Anchors, OutlineEntry[] Outline);
