using Publisher.Manuscript;
using Publisher.Model;
using Publisher.Styles;
using Publisher.Typesetting;

namespace Publisher.Build;

/// <summary>
/// What a rebuild of the same book can take from the last build (watch keeps one): chapters whose files did not
/// change, layouts of paragraphs, divisions and pages, and the loaded style while no file that may be part of a style
/// changed since it was loaded. One build at a time may use it.
/// </summary>
/// <param name="clock">The clock the chapter cache judges file stamps by (see <see cref="ManuscriptCache"/>).</param>
public sealed class RebuildCaches(TimeProvider clock) : IDisposable
{
    private int _styleEdits;
    private (StyleChoice Choice, int Edits, StageResult<StyleSheet> Loaded)? _style;

    /// <summary>Caches judged by the system's clock.</summary>
    public RebuildCaches()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Layouts of paragraphs, divisions and pages.</summary>
    public LayoutCache Layouts { get; } = new();

    /// <summary>Chapters, by file.</summary>
    public ManuscriptCache Chapters { get; } = new(clock);

    /// <summary>Notes that a file which may be part of a style (anything but a chapter) changed.</summary>
    public void StyleMayHaveChanged() => Interlocked.Increment(ref _styleEdits);

    /// <summary>The style loaded for <paramref name="choice"/>, when nothing changed since; else null.</summary>
    internal StageResult<StyleSheet>? KeptStyle(StyleChoice choice) =>
        _style is { } s && s.Choice == choice && s.Edits == Volatile.Read(ref _styleEdits) ? s.Loaded : null;

    /// <summary>Keeps a style loaded when the edit count was <paramref name="editsBefore"/>, and returns it.</summary>
    internal StageResult<StyleSheet> KeepStyle(StyleChoice choice, StageResult<StyleSheet> loaded, int editsBefore)
    {
        _style = (choice, editsBefore, loaded);
        return loaded;
    }

    /// <summary>The count of style edits now, read before a load so an edit during it is not missed.</summary>
    internal int StyleEdits => Volatile.Read(ref _styleEdits);

    /// <inheritdoc />
    public void Dispose() => Layouts.Dispose();
}
