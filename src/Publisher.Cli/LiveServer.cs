using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Publisher.Preview;
using Publisher.Typesetting;

namespace Publisher.Cli;

/// <summary>What <see cref="LiveServer"/> builds and where it listens.</summary>
public sealed record LiveServerOptions
{
    /// <summary>The folder holding book.yml.</summary>
    public required string Manuscript { get; init; }

    /// <summary>A style name or folder; null for the one book.yml names.</summary>
    public string? Style { get; init; }

    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; } = 8787;

    /// <summary>Resolution of the page images.</summary>
    public double Dpi { get; init; } = 80;

    /// <summary>How each build is logged.</summary>
    public WatchLog Log { get; init; } = WatchLog.Text;

    /// <summary>
    /// How long to wait after the last file event before rebuilding: an editor's save is often several events, which
    /// come within a few milliseconds of each other (write, or write a temporary file and rename). Short, since it is
    /// part of what the author waits for; a save whose events straddle it costs one more build, mostly from cache.
    /// </summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(15);
}

/// <summary>How <see cref="LiveServer"/> logs its builds.</summary>
public enum WatchLog
{
    /// <summary>A line per build (time, milliseconds, pages, pages changed), then its errors or warnings.</summary>
    Text,

    /// <summary><c>--quiet</c>: only the errors of a failed build and the warnings of a good one.</summary>
    Quiet,

    /// <summary><c>--json</c>: one JSON object per line per build, with its diagnostics, for an editor or a script.</summary>
    JsonLines,
}

/// <summary>
/// <c>publisher watch</c>'s server: builds the book, serves its pages on loopback with a page that updates itself
/// through Server-Sent Events, and rebuilds when a manuscript or style file changes. Start with
/// <see cref="Start"/>, read <see cref="Url"/>, stop with <see cref="DisposeAsync"/> (or cancel the token given to
/// <see cref="RunAsync"/>).
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly LiveServerOptions _options;
    private readonly TextWriter _log;
    private readonly LivePages _pages;
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    /// <summary>What rebuilds keep: an edit re-parses only the files it changed and re-sets only what they changed.</summary>
    private readonly RebuildCaches _caches = new();
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer _debounce;
    private readonly Lock _gate = new();
    private readonly List<Task> _requests = [];
    private Task? _accepting;
    private int _generation;
    private string[] _errors = [];
    private double _lastBuildMs;
    private int _lastParagraphsSet;
    private int _lastPagesChanged;
    // Completed and replaced at every build, so each event stream learns of a build without polling.
    private TaskCompletionSource _built = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Makes a server; nothing runs until <see cref="Start"/>.</summary>
    public LiveServer(LiveServerOptions options, TextWriter log)
    {
        _options = options;
        _log = log;
        _pages = new LivePages(options.Dpi);
        _debounce = new Timer(_ => _ = RebuildAsync(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The page to open, e.g. http://127.0.0.1:8787/.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Builds attempted so far, good or not; the first build is generation 1.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Builds once, starts listening and watching. Throws when the port is taken.</summary>
    public void Start()
    {
        var port = _options.Port == 0 ? FreePort() : _options.Port;
        Url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        // Loopback only: the preview shows an unpublished manuscript to whoever can reach the port.
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        RebuildAsync().GetAwaiter().GetResult();
        Watch(_options.Manuscript);
        if (_options.Style is { } style && Directory.Exists(style))
        {
            Watch(style);
        }

        // Named styles (and the parents a style extends) live under the book's styles folder, or else are the shipped
        // ones; watching that folder covers them all.
        var roots = BuildCommand.FindStyleRoots(_options.Manuscript);
        Watch(roots.Book ?? roots.Shipped);
        _accepting = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled, then stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The normal way out: Ctrl-C or a test's token.
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops watching and serving; open event streams are closed.</summary>
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
        _listener.Close();
        if (_accepting is not null)
        {
            await _accepting.ConfigureAwait(false);
        }

        Task[] pending;
        lock (_gate)
        {
            pending = [.. _requests];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        // Waits for a build under way, so nothing writes to the log after the server says it has stopped.
        await _building.WaitAsync().ConfigureAwait(false);
        _building.Release();
        _caches.Dispose();
        _stop.Dispose();
    }

    private static int FreePort()
    {
        // HttpListener cannot bind port 0; the system's choice for a socket is taken and released instead.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
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

        Schedule();
    }

    private void Schedule()
    {
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
            var clock = Stopwatch.StartNew();
            var diagnostics = new StringWriter(CultureInfo.InvariantCulture);
            var reporter = new Reporter("watch", TextWriter.Null, diagnostics, OutputMode.Quiet);
            var typeset = BookPipeline.Typeset(_options.Manuscript, _options.Style, null, "publisher: watch: build failed; showing the last good pages", reporter, out _, _caches);
            var changed = typeset is null ? 0 : _pages.Update(typeset.Pages);
            clock.Stop();
            var generation = Interlocked.Increment(ref _generation);
            lock (_gate)
            {
                _errors = typeset is null
                    ? [.. diagnostics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
                    : [];
                _lastBuildMs = clock.Elapsed.TotalMilliseconds;
                _lastParagraphsSet = typeset is null ? 0 : _caches.Layouts.ParagraphsSet;
                _lastPagesChanged = changed;
            }

            LogBuild(generation, clock.Elapsed, typeset, changed, reporter.Diagnostics, diagnostics.ToString());
            Interlocked.Exchange(ref _built, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A crash in one build must not end the server: the next save gets another try.
            if (_options.Log == WatchLog.JsonLines)
            {
                WriteJsonLine(json =>
                {
                    json.WriteString("event", "internal-error");
                    json.WriteString("message", e.Message);
                });
            }
            else
            {
                _log.WriteLine($"publisher: watch: internal error while building: {e.Message}");
            }

            _log.Flush();
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>
    /// Logs one build as the options ask. A good build's warnings are shown too: an author who only watches never runs
    /// build, and an emergency break or a missing glyph must not pass unseen.
    /// </summary>
    private void LogBuild(int generation, TimeSpan elapsed, TypesetBook? typeset, int changed, IReadOnlyList<Model.Diagnostic> diagnostics, string diagnosticsText)
    {
        var ms = elapsed.TotalMilliseconds;
        switch (_options.Log)
        {
            case WatchLog.JsonLines:
                WriteJsonLine(json =>
                {
                    json.WriteString("event", "build");
                    json.WriteNumber("build", generation);
                    json.WriteBoolean("ok", typeset is not null);
                    json.WriteNumber("milliseconds", Math.Round(ms, 1));
                    if (typeset is not null)
                    {
                        json.WriteNumber("pages", typeset.Pages.Pages.Length);
                        json.WriteNumber("pagesChanged", changed);
                        json.WriteNumber("paragraphsSet", _caches.Layouts.ParagraphsSet);
                    }

                    json.WriteStartArray("diagnostics");
                    foreach (var d in diagnostics)
                    {
                        Reporter.WriteDiagnostic(json, d);
                    }

                    json.WriteEndArray();
                });
                break;
            case WatchLog.Quiet:
                _log.Write(diagnosticsText);
                break;
            default:
                var time = DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                _log.WriteLine(typeset is null
                    ? string.Create(CultureInfo.InvariantCulture, $"[{time}] build {generation} failed in {ms:0} ms:")
                    : string.Create(CultureInfo.InvariantCulture, $"[{time}] build {generation}: {ms:0} ms, {Reporter.Count(typeset.Pages.Pages.Length, "page")}, {changed} changed, {_caches.Layouts.ParagraphsSet} paragraphs re-set"));
                _log.Write(diagnosticsText);
                break;
        }

        _log.Flush();
    }

    /// <summary>Writes one compact JSON object and a newline: JSON Lines, which a reader can take a line at a time.</summary>
    internal void WriteJsonLine(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonText.Encoder }))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        lock (_gate)
        {
            _log.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var task = Task.Run(() => HandleAsync(context));
            lock (_gate)
            {
                _requests.RemoveAll(t => t.IsCompleted);
                _requests.Add(task);
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var path = context.Request.Url?.AbsolutePath ?? "/";
            if (path == "/")
            {
                await SendAsync(response, 200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(Index())).ConfigureAwait(false);
            }
            else if (path == "/status")
            {
                await SendAsync(response, 200, "application/json; charset=utf-8", Status()).ConfigureAwait(false);
            }
            else if (path == "/text")
            {
                await SendAsync(response, 200, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(_pages.Text())).ConfigureAwait(false);
            }
            else if (path == "/events")
            {
                await EventsAsync(response).ConfigureAwait(false);
            }
            else if (path.StartsWith("/page/", StringComparison.Ordinal) && path.EndsWith(".txt", StringComparison.Ordinal)
                && int.TryParse(path["/page/".Length..^".txt".Length], NumberStyles.None, CultureInfo.InvariantCulture, out var textNumber)
                && _pages.Text(textNumber - 1) is { } pageText)
            {
                await SendAsync(response, 200, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(pageText)).ConfigureAwait(false);
            }
            else if (path.StartsWith("/page/", StringComparison.Ordinal) && path.EndsWith(".png", StringComparison.Ordinal)
                && int.TryParse(path["/page/".Length..^".png".Length], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && _pages.Png(number - 1) is { } png)
            {
                // The page's URL carries its key, so an image may be cached; a changed page gets a new URL.
                response.Headers["Cache-Control"] = "no-cache";
                await SendAsync(response, 200, "image/png", png).ConfigureAwait(false);
            }
            else
            {
                await SendAsync(response, 404, "text/plain; charset=utf-8", "not found\n"u8.ToArray()).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The browser went away or the server is stopping.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // Already closed.
            }
        }
    }

    private static async Task SendAsync(HttpListenerResponse response, int status, string type, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = type;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
    }

    private byte[] Status()
    {
        string[] errors;
        double ms;
        int set, changed;
        lock (_gate)
        {
            errors = _errors;
            ms = _lastBuildMs;
            set = _lastParagraphsSet;
            changed = _lastPagesChanged;
        }

        // Written field by field: reflection-based serialization is not available to the Native AOT build.
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("generation", Generation);
            json.WriteBoolean("ok", errors.Length == 0);
            WriteStrings(json, "errors", errors);
            json.WriteNumber("buildMs", Math.Round(ms, 1));
            // What the last good build had to redo: paragraphs shaped and broken again, pages whose content changed.
            json.WriteNumber("paragraphsSet", set);
            json.WriteNumber("pagesChanged", changed);
            WriteStrings(json, "pages", _pages.Keys);
            json.WriteEndObject();
        }

        return buffer.ToArray();

        static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
        {
            json.WriteStartArray(name);
            foreach (var v in values)
            {
                json.WriteStringValue(v);
            }

            json.WriteEndArray();
        }
    }

    // The current pages are in the HTML itself, so they show at once (and in a DOM snapshot) before any script runs.
    private string Index()
    {
        var images = string.Concat(_pages.Keys.Select((key, i) => string.Create(CultureInfo.InvariantCulture,
            $"<img alt=\"{System.Net.WebUtility.HtmlEncode(Alt(i + 1, _pages.Text(i) ?? ""))}\" loading=\"lazy\" src=\"/page/{i + 1}.png?k={key}\">")));
        return IndexHtml.Replace("<!--pages-->", images, StringComparison.Ordinal);
    }

    // The same text alternative the page's script writes (alt() there): "page N: " and the page's words.
    private static string Alt(int number, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"page {number}: ") + string.Join(' ', text.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));

    private async Task EventsAsync(HttpListenerResponse response)
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.Headers["Cache-Control"] = "no-cache";
        response.SendChunked = true;
        var stream = response.OutputStream;
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            // Taken before sending, so a build finishing while this writes is not missed.
            var next = Volatile.Read(ref _built).Task;
            var message = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"data: {Generation}\n\n"));
            await stream.WriteAsync(message, token).ConfigureAwait(false);
            await stream.FlushAsync(token).ConfigureAwait(false);
            await next.WaitAsync(token).ConfigureAwait(false);
        }
    }

    // The whole client: on each event, fetch /status, swap the images whose key changed, show or hide the errors.
    private const string IndexHtml = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Publisher preview</title>
        <style>
        body { margin: 0; background: #e4e4e4; font-family: system-ui, sans-serif; }
        #status { position: sticky; top: 0; padding: 6px 12px; background: #333; color: #eee; font-size: 13px; }
        #errors { display: none; margin: 0; padding: 12px; background: #fde8e8; color: #900; white-space: pre-wrap; }
        #pages { display: flex; flex-wrap: wrap; gap: 16px; padding: 16px; }
        #pages img { background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
        </style>
        </head>
        <body>
        <div id="status">connecting…</div>
        <pre id="errors"></pre>
        <div id="pages"><!--pages--></div>
        <script>
        const pages = document.getElementById('pages');
        const errors = document.getElementById('errors');
        const status = document.getElementById('status');
        async function refresh() {
          const s = await (await fetch('/status', { cache: 'no-store' })).json();
          status.textContent = `build ${s.generation}: ${s.pages.length} pages, ${s.buildMs} ms` + (s.ok ? '' : ' (failed; last good pages shown)');
          errors.textContent = s.errors.join('\n');
          errors.style.display = s.ok ? 'none' : 'block';
          if (!s.ok) return;
          s.pages.forEach((key, i) => {
            let img = pages.children[i];
            if (!img) { img = document.createElement('img'); img.alt = `page ${i + 1}`; img.loading = 'lazy'; pages.appendChild(img); }
            const src = `/page/${i + 1}.png?k=${key}`;
            if (img.getAttribute('src') !== src) {
              img.setAttribute('src', src);
              // The page's words are its image's text alternative; only a changed page's are fetched.
              fetch(`/page/${i + 1}.txt?k=${key}`, { cache: 'no-store' }).then(r => r.ok ? r.text() : '').then(t => {
                if (img.getAttribute('src') === src) img.alt = alt(i + 1, t);
              });
            }
          });
          while (pages.children.length > s.pages.length) pages.lastChild.remove();
        }
        function alt(n, text) { return `page ${n}: ` + text.split(/[\n ]+/).filter(w => w).join(' '); }
        new EventSource('/events').onmessage = () => refresh();
        refresh();
        </script>
        </body>
        </html>
        """;
}
