using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Publisher.Cli.Watch;
using Publisher.TestKit;
using Publisher.TestKit.Epub;

namespace Publisher.BookTests;

/// <summary><c>publisher watch</c>'s server on a copy of the sample book: serve, edit, rebuild, break, recover.</summary>
public sealed class WatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static string CopyManuscript()
    {
        var dir = Repo.TempDir("watch");
        foreach (var file in Directory.GetFiles(Repo.Manuscript, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(Repo.Manuscript, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return dir;
    }

    private static async Task<JsonElement> StatusAsync(HttpClient http) =>
        JsonDocument.Parse(await http.GetStringAsync("status")).RootElement;

    // Polls, since a rebuild is started by a file event whose delay the test does not control.
    private static async Task<JsonElement> WaitForAsync(HttpClient http, Func<JsonElement, Task<bool>> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = await StatusAsync(http);
            if (await done(status))
            {
                return status;
            }

            Assert.True(clock.Elapsed < Patience, "timed out waiting for a rebuild; last status: " + status);
            await Task.Delay(50);
        }
    }

    private static async Task AssertPngAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes.Take(8));
    }

    [Fact]
    public async Task Serves_pages_rebuilds_on_save_and_shows_errors_over_the_last_good_pages()
    {
        var manuscript = CopyManuscript();
        var log = new StringWriter();
        var server = new LiveServer(new LiveServerOptions { Manuscript = manuscript, Port = 0, Dpi = 36 }, TextWriter.Synchronized(log));
        server.Start();
        using var stop = new CancellationTokenSource();
        var running = server.RunAsync(stop.Token);
        try
        {
            Assert.Equal("127.0.0.1", server.Url.Host);
            Assert.NotEqual(0, server.Url.Port);
            using var http = new HttpClient { BaseAddress = server.Url, Timeout = Patience };

            var index = await http.GetAsync("");
            Assert.Equal(System.Net.HttpStatusCode.OK, index.StatusCode);
            Assert.Contains("EventSource('/events')", await index.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await AssertPngAsync(http, "page/1.png");
            var first = await StatusAsync(http);
            Assert.True(first.GetProperty("ok").GetBoolean());
            var generation = first.GetProperty("generation").GetInt32();
            var keys = first.GetProperty("pages").EnumerateArray().Select(k => k.GetString()).ToList();
            Assert.True(keys.Count > 10);

            // A new last paragraph in the epilogue: its word appears, and the front matter's pages keep their keys.
            await File.AppendAllTextAsync(Path.Combine(manuscript, "17-epilogue.md"), "\n\nQuorblaxine closes the book.\n");
            var edited = await WaitForAsync(http, async s =>
                s.GetProperty("generation").GetInt32() > generation
                && (await http.GetStringAsync("text")).Contains("Quorblaxine", StringComparison.Ordinal));
            var newKeys = edited.GetProperty("pages").EnumerateArray().Select(k => k.GetString()).ToList();
            Assert.Equal(keys[0], newKeys[0]);
            Assert.True(keys.Zip(newKeys).Count(p => p.First != p.Second) < keys.Count / 2, "most pages should be unchanged");
            await AssertPngAsync(http, "page/1.png");

            // A broken book.yml: the error with its place, and the last good pages still served.
            var good = edited.GetProperty("generation").GetInt32();
            await File.AppendAllTextAsync(Path.Combine(manuscript, "book.yml"), "\ntitle: [unclosed\n");
            var broken = await WaitForAsync(http, s => Task.FromResult(s.GetProperty("generation").GetInt32() > good && !s.GetProperty("ok").GetBoolean()));
            var errors = string.Join('\n', broken.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
            Assert.Matches(new Regex(@"book\.yml:\d+:\d+: error PUB\d+: "), errors);
            Assert.Equal(newKeys.Count, broken.GetProperty("pages").GetArrayLength());
            await AssertPngAsync(http, "page/1.png");
            Assert.Contains("Quorblaxine", await http.GetStringAsync("text"), StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Matches(new Regex(@"build 2: \d+ ms"), log.ToString());
        // Stopped means stopped: the port no longer answers.
        using var after = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAnyAsync<Exception>(() => after.GetAsync(server.Url));
    }

    [Theory]
    [InlineData(nameof(WatchLog.JsonLines))]
    [InlineData(nameof(WatchLog.Text))]
    [InlineData(nameof(WatchLog.Quiet))]
    public async Task Each_build_is_logged_with_its_warnings_and_errors_as_text_or_json_lines(string modeName)
    {
        // By name: the CLI's types are internal, and a public test method cannot take one.
        var mode = Enum.Parse<WatchLog>(modeName);
        var manuscript = CopyManuscript();
        var log = new StringWriter();
        var sync = TextWriter.Synchronized(log);
        var server = new LiveServer(new LiveServerOptions { Manuscript = manuscript, Port = 0, Dpi = 36, Log = mode }, sync);
        server.Start();
        await using (server)
        {
            // A good build with a warning (a word wider than the line), then a failed one (a reference to nowhere).
            var word = "Q" + new string('x', 90);
            await File.AppendAllTextAsync(Path.Combine(manuscript, "17-epilogue.md"), $"\n\nA word: {word}.\n");
            await WaitForLogAsync(sync, log, "PUB3001");
            await File.AppendAllTextAsync(Path.Combine(manuscript, "17-epilogue.md"), "\n\nSee [below](#nowhere-at-all).\n");
            await WaitForLogAsync(sync, log, "PUB1026");
        }

        var text = TextOf(sync, log);
        switch (mode)
        {
            case WatchLog.JsonLines:
                var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
                var builds = lines.Where(l => l.GetProperty("event").GetString() == "build").ToList();
                Assert.True(builds.Count >= 3, text);
                Assert.True(builds[0].GetProperty("ok").GetBoolean());
                Assert.Equal(0, builds[0].GetProperty("diagnostics").GetArrayLength());
                var warned = builds.First(b => b.GetProperty("diagnostics").GetArrayLength() > 0);
                Assert.True(warned.GetProperty("ok").GetBoolean());
                var warning = Assert.Single(warned.GetProperty("diagnostics").EnumerateArray());
                Assert.Equal(("PUB3001", "warning"), (warning.GetProperty("code").GetString(), warning.GetProperty("severity").GetString()));
                Assert.EndsWith("17-epilogue.md", warning.GetProperty("file").GetString(), StringComparison.Ordinal);
                Assert.True(warning.GetProperty("line").GetInt32() > 1);
                Assert.Equal(9, warning.GetProperty("column").GetInt32()); // the word itself, after "A word: "
                var failed = builds.Last();
                Assert.False(failed.GetProperty("ok").GetBoolean());
                Assert.Contains(failed.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "PUB1026" && d.GetProperty("severity").GetString() == "error");
                break;
            case WatchLog.Text:
                Assert.Matches(new Regex(@"build \d+: \d+ ms, \d+ pages.*\n.*17-epilogue\.md:\d+:\d+: warning PUB3001: "), text);
                Assert.Matches(new Regex(@"build \d+ failed in \d+ ms:\n.*17-epilogue\.md:\d+:\d+: error PUB1026: "), text);
                break;
            default:
                Assert.DoesNotContain(" ms, ", text, StringComparison.Ordinal);
                Assert.Matches(new Regex(@"^.*17-epilogue\.md:\d+:\d+: warning PUB3001: "), text);
                Assert.Contains("error PUB1026: ", text, StringComparison.Ordinal);
                break;
        }
    }

    // Waits on the log itself, not on a build count: one save may take two builds when its file events straddle the
    // debounce, and the log line is written just after the count goes up.
    private static async Task WaitForLogAsync(TextWriter sync, StringWriter log, string text)
    {
        var clock = Stopwatch.StartNew();
        while (!TextOf(sync, log).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < Patience, $"timed out waiting for {text} in the log:\n{TextOf(sync, log)}");
            await Task.Delay(20);
        }
    }

    // TextWriter.Synchronized's writer locks itself around each write ([MethodImpl(Synchronized)]): reading under the
    // same lock never sees the StringBuilder mid-append.
    private static string TextOf(TextWriter sync, StringWriter log)
    {
        lock (sync)
        {
            return log.ToString();
        }
    }

    [Slow("Chromium")]
    [SkippableFact]
    public async Task Headless_chromium_sees_every_page_image()
    {
        var chromium = ExternalTools.Require("Chromium (Debian package chromium)",
            Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } c ? c : Chromium.DefaultPath);
        var server = new LiveServer(new LiveServerOptions { Manuscript = CopyManuscript(), Port = 0, Dpi = 36 }, TextWriter.Null);
        server.Start();
        await using (server)
        {
            using var http = new HttpClient { BaseAddress = server.Url };
            var pages = (await StatusAsync(http)).GetProperty("pages").GetArrayLength();
            var profile = Repo.TempDir("watch-chromium");
            var result = await Task.Run(() => ExternalTools.Run(chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", server.Url.ToString(),
            ], TimeSpan.FromMinutes(1)));
            Assert.False(result.TimedOut, "Chromium timed out");
            var images = Regex.Matches(result.StdOut, @"<img [^>]*src=""/page/(\d+)\.png\?k=[0-9A-F]+""").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(1, pages), images);
        }
    }
}
