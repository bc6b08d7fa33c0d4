using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Publisher.Build;
using Publisher.Build.Watching;
using Publisher.Preview;

namespace Publisher.Cli.Watch;

/// <summary>
/// <c>publisher watch</c>'s server: serves the pages <see cref="BookWatcher"/> rebuilds on loopback, with a page
/// (<c>LivePreview.html</c>) that updates itself through Server-Sent Events, and logs each build. Start with
/// <see cref="Start"/>, read <see cref="Url"/>, stop with <see cref="DisposeAsync"/> (or cancel the token given to
/// <see cref="RunAsync"/>).
/// </summary>
internal sealed class LiveServer : IAsyncDisposable
{
    /// <summary>The whole client (an embedded resource): on each event, fetch /status, swap the images whose key changed, show or hide the errors.</summary>
    private static readonly Lazy<string> IndexHtml = new(ReadIndexHtml);

    private readonly LiveServerOptions _options;
    private readonly WatchLogWriter _log;
    private readonly LivePages _pages;
    private readonly BookWatcher _watcher;
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
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
        _log = new WatchLogWriter(log, options.Log);
        _pages = new LivePages(options.Dpi);
        var watch = new WatchOptions
        {
            Manuscript = options.Manuscript,
            Style = options.Style,
            Debounce = options.Debounce,
            SourceDateEpoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"),
        };
        _watcher = new BookWatcher(watch, Built, _log.Crashed);
    }

    /// <summary>The page to open, e.g. http://127.0.0.1:8787/.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Builds shown so far, good or not; the first build is generation 1.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Builds once, starts listening and watching. Throws when the port is taken.</summary>
    public void Start()
    {
        var port = _options.Port == 0 ? FreePort() : _options.Port;
        Url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        // Loopback only: the preview shows an unpublished manuscript to whoever can reach the port.
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _watcher.Start();
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
        // Waits for a build under way, so nothing writes to the log after the server says it has stopped.
        await _watcher.DisposeAsync().ConfigureAwait(false);
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
        _stop.Dispose();
    }

    /// <summary>Writes one line of the JSON Lines log (watch's "listening" event).</summary>
    public void WriteJsonLine(Action<Utf8JsonWriter> body) => _log.WriteJsonLine(body);

    private static int FreePort()
    {
        // HttpListener cannot bind port 0; the system's choice for a socket is taken and released instead.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>A build ended: draw its changed pages, then tell the status, the open pages and the log.</summary>
    private void Built(WatchedBuild build)
    {
        var drawing = Stopwatch.StartNew();
        var result = build.Result;
        var changed = result is { Succeeded: true, Pages: { } paged } ? _pages.Update(paged) : 0;
        // What the author waited for: the build and the drawing of its pages.
        var elapsed = build.Elapsed + drawing.Elapsed;
        var paragraphsSet = _watcher.ParagraphsSet;
        lock (_gate)
        {
            _errors = result.Succeeded
                ? []
                : [.. WatchLogWriter.DiagnosticLines(result).Select(l => l.Trim()).Where(l => l.Length > 0)];
            _lastBuildMs = elapsed.TotalMilliseconds;
            _lastParagraphsSet = result.Succeeded ? paragraphsSet : 0;
            _lastPagesChanged = changed;
        }

        Volatile.Write(ref _generation, build.Generation);
        _log.Build(build.Generation, elapsed, result, changed, paragraphsSet);
        Interlocked.Exchange(ref _built, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private static string ReadIndexHtml()
    {
        using var stream = typeof(LiveServer).Assembly.GetManifestResourceStream("Publisher.Cli.Watch.LivePreview.html")
            ?? throw new InvalidOperationException("the preview page is missing from the program");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // The file ends with a newline, as text files do; the page is served without it, as it always was.
        var html = reader.ReadToEnd();
        return html.EndsWith('\n') ? html[..^1] : html;
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
        return IndexHtml.Value.Replace("<!--pages-->", images, StringComparison.Ordinal);
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
}
