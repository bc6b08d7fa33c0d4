namespace Publisher.Build.Watching;

/// <summary>One build the watcher ran.</summary>
/// <param name="Generation">Builds attempted so far, this one included; the first build is 1.</param>
/// <param name="Result">What it made and found (<see cref="BuildTarget.Pages"/>: the pages, no files).</param>
/// <param name="Elapsed">What the build took.</param>
public sealed record WatchedBuild(int Generation, BuildResult Result, TimeSpan Elapsed);

/// <summary>What <see cref="BookWatcher"/> builds, and how it waits.</summary>
public sealed record WatchOptions
{
    /// <summary>The folder holding book.yml.</summary>
    public required string Manuscript { get; init; }

    /// <summary>A style name or folder; null for the one book.yml names.</summary>
    public string? Style { get; init; }

    /// <summary>
    /// How long to wait after the last file event before rebuilding: an editor's save is often several events, which
    /// come within a few milliseconds of each other (write, or write a temporary file and rename). Short, since it is
    /// part of what the author waits for; a save whose events straddle it costs one more build, mostly from cache.
    /// </summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(15);

    /// <summary>The raw value of <c>SOURCE_DATE_EPOCH</c>, as <see cref="BuildRequest.SourceDateEpoch"/>.</summary>
    public string? SourceDateEpoch { get; init; }

    /// <summary>The clock of the build timings (and of the chapter cache's stamps).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>
/// Rebuilds a book whenever one of its files changes: watches the manuscript folder and the styles it may use, waits
/// for an editor's save to settle (debouncing), and typesets again from <see cref="RebuildCaches"/>, so an edit
/// re-parses only the files it changed and re-sets only what they changed. One build runs at a time. It shows
/// nothing: each build goes to <c>built</c>, and a crash of one build (a bug) to <c>crashed</c>; the next save gets
/// another try.
/// </summary>
public sealed class BookWatcher : IAsyncDisposable
{
    private readonly WatchOptions _options;
    private readonly Action<WatchedBuild> _built;
    private readonly Action<Exception> _crashed;
    private readonly RebuildCaches _caches;
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer _debounce;
    private readonly CancellationTokenSource _stop = new();
    private int _generation;

    /// <summary>Makes a watcher; nothing runs until <see cref="Start"/>.</summary>
    /// <param name="options">What to build.</param>
    /// <param name="built">Called after each build, on the building thread, before the next one can start.</param>
    /// <param name="crashed">Called when a build threw (a bug in Publisher).</param>
    public BookWatcher(WatchOptions options, Action<WatchedBuild> built, Action<Exception> crashed)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _built = built;
        _crashed = crashed;
        _caches = new RebuildCaches(options.Clock);
        _debounce = new Timer(_ => _ = RebuildAsync(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Builds attempted so far, good or not.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Paragraphs the last build shaped and broke again (the rest came from the cache).</summary>
    public int ParagraphsSet => _caches.Layouts.ParagraphsSet;

    /// <summary>Builds once (and waits for it), then starts watching.</summary>
    public void Start()
    {
        RebuildAsync().GetAwaiter().GetResult();
        Watch(_options.Manuscript);
        if (_options.Style is { } style && Directory.Exists(style))
        {
            Watch(style);
        }

        // Named styles (and the parents a style extends) live under the book's styles folder, or else are the shipped
        // ones; watching that folder covers them all.
        var roots = StyleLookup.Roots(_options.Manuscript);
        Watch(roots.Book ?? roots.Shipped);
    }

    /// <summary>Stops watching and waits for a build under way, so nothing is reported after this returns.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var w in _watchers)
        {
            w.Dispose();
        }

        await _debounce.DisposeAsync().ConfigureAwait(false);
        await _building.WaitAsync().ConfigureAwait(false);
        _building.Release();
        _caches.Dispose();
        _stop.Dispose();
    }

    private void Watch(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
        FileSystemEventHandler changed = (_, e) => Changed(e.FullPath);
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Deleted += changed;
        watcher.Renamed += (_, e) =>
        {
            Changed(e.OldFullPath);
            Changed(e.FullPath);
        };
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    private void Changed(string path)
    {
        // A chapter is only a chapter; any other file (style.yml, a font, book.yml, which may name the style) may
        // change the style, which is then loaded again.
        if (!path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            _caches.StyleMayHaveChanged();
        }

        try
        {
            _debounce.Change(_options.Debounce, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // A file event that arrived while stopping.
        }
    }

    private async Task RebuildAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _building.WaitAsync().ConfigureAwait(false);
        try
        {
            var start = _options.Clock.GetTimestamp();
            var result = BookBuilder.Build(new BuildRequest
            {
                Manuscript = _options.Manuscript,
                Style = _options.Style,
                Target = BuildTarget.Pages,
                Caches = _caches,
                Clock = _options.Clock,
                SourceDateEpoch = _options.SourceDateEpoch,
            });
            var elapsed = _options.Clock.GetElapsedTime(start);
            _built(new WatchedBuild(Interlocked.Increment(ref _generation), result, elapsed));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A crash in one build must not end the watching: the next save gets another try.
            _crashed(e);
        }
        finally
        {
            _building.Release();
        }
    }
}
