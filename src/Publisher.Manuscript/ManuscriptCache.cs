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
/// <param name="clock">
/// The clock a file's stamp is judged by (see <see cref="Racy"/>): given by whoever keeps the cache, so that the
/// loader itself never reads one. It decides only whether a file is read again, never what a build outputs.
/// </param>
public sealed class ManuscriptCache(TimeProvider clock)
{
    private readonly Dictionary<string, FileMemo> _files = new(StringComparer.Ordinal);

    /// <summary>A cache that judges stamps by the system's clock.</summary>
    public ManuscriptCache()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Now, by the cache's clock: when a file was read, for its memo.</summary>
    internal DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Files the last load parsed and built.</summary>
    public int Built { get; internal set; }

    /// <summary>Files the last load took from the cache.</summary>
    public int Reused { get; internal set; }

    /// <summary>Starts a load: its counts start from zero.</summary>
    internal void BeginLoad() => Built = Reused = 0;

    /// <summary>
    /// Files whose time is this close to the moment they were read are read again however their stamp looks: a file
    /// system with coarse times (FAT keeps two seconds) could give an edit made in the same tick the same stamp. This
    /// is git's "racy clean" rule for its index.
    /// </summary>
    private static readonly TimeSpan Racy = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The memo of the file when its size and time are those it had when it was read, and that time was well before
    /// the read: the file is then not even read again.
    /// </summary>
    internal FileMemo? FindUnchanged(IBookSource source, string path, ChapterEntry entry)
    {
        var display = source.Display(path);
        if (!_files.TryGetValue(display, out var memo) || memo.Stamp is not { } kept || kept.ModifiedUtc > memo.StampedAt - Racy
            || memo.Kind != entry.Kind || memo.Matter != entry.Matter)
        {
            return null;
        }

        return source.Stamp(path) == kept ? memo : null;
    }

    /// <summary>The memo of the file, when its bytes are the same as when it was built (so it is not even decoded again).</summary>
    internal FileMemo? Find(string display, byte[] bytes, ChapterEntry entry, FileStamp? stamp)
    {
        if (!_files.TryGetValue(display, out var memo) || memo.Bytes is not { } kept || !kept.AsSpan().SequenceEqual(bytes) || memo.Kind != entry.Kind || memo.Matter != entry.Matter)
        {
            return null;
        }

        // Same bytes, perhaps a new time (the file was saved unchanged): the stamp is renewed, so next time it is not read.
        var renewed = memo with { Stamp = stamp, StampedAt = Now, Numbered = memo.Numbered };
        _files[display] = renewed;
        return renewed;
    }

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
    byte[]? Bytes, string Text, string Display, DivisionKind Kind, Matter Matter, string[] ExplicitIds, IdOperation[] Ids, object[] Targets, Images.ImageReference[] Images, BuiltDivision Built)
{
    /// <summary>The division with its chapter number, as the last load gave it.</summary>
    public Division? Numbered { get; set; }

    /// <summary>The file's size and time just before it was read.</summary>
    public FileStamp? Stamp { get; init; }

    /// <summary>When it was read, by the cache's clock (only to judge a stamp, never for an output).</summary>
    public DateTime StampedAt { get; init; }
}
