using Publisher.Manuscript.Config;
using Publisher.Manuscript.Ids;
using Publisher.Manuscript.Markdown;
using Publisher.Model;

namespace Publisher.Manuscript;

/// <summary>
/// Chapters from the last load of one manuscript, for loading it again after an edit (watch): each file's text, the
/// division built from it, and a journal of the ids and targets its build claimed, so that an unchanged file is
/// neither parsed nor built again when its ids still come out the same. Not thread-safe: one load at a time.
/// </summary>
public sealed class ManuscriptCache
{
    private readonly Dictionary<string, FileMemo> _files = new(StringComparer.Ordinal);

    /// <summary>Files the last load parsed and built.</summary>
    public int Built { get; internal set; }

    /// <summary>Files the last load took from the cache.</summary>
    public int Reused { get; internal set; }

    /// <summary>Starts a load: its counts start from zero.</summary>
    internal void BeginLoad() => Built = Reused = 0;

    internal FileMemo? Find(string display, string text, ChapterEntry entry) =>
        _files.TryGetValue(display, out var memo) && memo.Text == text && memo.Kind == entry.Kind && memo.Matter == entry.Matter ? memo : null;

    internal void Store(FileMemo memo) => _files[memo.Display] = memo;

    /// <summary>Ends a load: forgets the files it did not have.</summary>
    internal void Keep(IEnumerable<string> displays)
    {
        var keep = displays.ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _files.Keys.Where(k => !keep.Contains(k)).ToList())
        {
            _files.Remove(gone);
        }
    }
}

/// <summary>What one file's build gave and did to the book's shared state.</summary>
internal sealed record FileMemo(
    string Text, string Display, DivisionKind Kind, Matter Matter, string[] ExplicitIds, IdOperation[] Ids, object[] Targets, Images.ImageReference[] Images, BuiltDivision Built)
{
    /// <summary>The division with its chapter number, as the last load gave it.</summary>
    public Division? Numbered { get; set; }
}
