using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Publisher.Cli.Watch;

namespace Publisher.Benchmarks;

/// <summary>
/// `--watch-latency N [ROUNDS]`: the time from saving a one-paragraph edit to the refreshed preview, as a browser
/// sees it. Starts <c>publisher watch</c>'s server on a copy of the N× book, listens to its event stream as the preview
/// page does, then, ROUNDS times, rewrites one paragraph of a chapter in the middle of the book and times until the
/// event has arrived, <c>/status</c> has been read and every page whose key changed has been fetched as a PNG.
/// Prints each round and the median and 90th percentile, with the server's own build time beside them.
/// </summary>
public static class WatchLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var copies = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        var source = Books.Manuscript(copies);
        var manuscript = Path.Combine(Path.GetTempPath(), "publisher-watch-latency-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        CopyFolder(source, manuscript);
        try
        {
            return await MeasureAsync(copies, rounds, manuscript).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(manuscript, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(int copies, int rounds, string manuscript)
    {
        // The chapter edited: a body chapter in the middle of the book, so the reflow has pages on both sides.
        var chapters = Directory.GetFiles(manuscript, "*.md").Where(f => Path.GetFileName(f).StartsWith('k') || char.IsDigit(Path.GetFileName(f)[0])).Order(StringComparer.Ordinal).ToArray();
        // The chapter nearest the middle that has a long paragraph of prose to edit.
        var chapter = chapters.OrderBy(c => Math.Abs(Array.IndexOf(chapters, c) - (chapters.Length / 2)))
            .First(c => LongParagraph(File.ReadAllText(c)) is not null);
        var original = await File.ReadAllTextAsync(chapter).ConfigureAwait(false);
        var paragraph = LongParagraph(original)!;

        var startClock = Stopwatch.StartNew();
        await using var server = new LiveServer(new LiveServerOptions { Manuscript = manuscript, Style = Books.Style, Port = 0 }, TextWriter.Null);
        server.Start();
        var firstBuild = startClock.Elapsed.TotalMilliseconds;
        using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromMinutes(2) };
        using var events = new EventStream(await http.GetStreamAsync("events").ConfigureAwait(false));
        var keys = await KeysAsync(http).ConfigureAwait(false);

        // The first rendering of every page is not part of an edit's cost: a browser showing the book has them all.
        for (var i = 0; i < keys.Length; i++)
        {
            await http.GetByteArrayAsync(string.Create(CultureInfo.InvariantCulture, $"page/{i + 1}.png")).ConfigureAwait(false);
        }

        var totals = new List<double>();
        var builds = new List<double>();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{copies}× book, {keys.Length} pages; first build {firstBuild:0} ms; editing {Path.GetFileName(chapter)}"));
        Console.WriteLine("| Round | Save → preview refreshed, ms | Server rebuild, ms | Paragraphs re-set | Pages redrawn |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        for (var r = 0; r <= rounds; r++)
        {
            // Each round's paragraph differs from every earlier one, so no layout of it is cached.
            var middle = paragraph.IndexOf(' ', paragraph.Length / 2);
            var edited = paragraph.Insert(middle, string.Create(CultureInfo.InvariantCulture, $" edit{r}"));
            // Starts from quiet: no build under way and no event of an earlier one waiting to be read.
            await events.DrainAsync(TimeSpan.FromMilliseconds(300)).ConfigureAwait(false);
            var before = server.Generation;
            var clock = Stopwatch.StartNew();
            await File.WriteAllTextAsync(chapter, original.Replace(paragraph, edited, StringComparison.Ordinal)).ConfigureAwait(false);
            JsonElement status;
            do
            {
                await events.NextAsync().ConfigureAwait(false);
                status = JsonDocument.Parse(await http.GetStringAsync("status").ConfigureAwait(false)).RootElement;
            }
            while (status.GetProperty("generation").GetInt32() <= before);
            var newKeys = status.GetProperty("pages").EnumerateArray().Select(k => k.GetString()!).ToArray();
            var changed = Enumerable.Range(0, newKeys.Length).Where(i => i >= keys.Length || keys[i] != newKeys[i]).ToArray();
            foreach (var i in changed)
            {
                await http.GetByteArrayAsync(string.Create(CultureInfo.InvariantCulture, $"page/{i + 1}.png?k={newKeys[i]}")).ConfigureAwait(false);
            }

            clock.Stop();
            keys = newKeys;
            var build = status.GetProperty("buildMs").GetDouble();
            var set = status.GetProperty("paragraphsSet").GetInt32();
            if (set == 0 || changed.Length == 0)
            {
                throw new InvalidOperationException($"round {r}: the edit changed nothing ({set} paragraphs set, {changed.Length} pages)");
            }

            if (r == 0)
            {
                continue; // a warm-up: the first edit also JIT-compiles the rebuild path
            }

            totals.Add(clock.Elapsed.TotalMilliseconds);
            builds.Add(build);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r} | {clock.Elapsed.TotalMilliseconds:0.0} | {build:0.0} | {set} | {changed.Length} |"));
        }

        await File.WriteAllTextAsync(chapter, original).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {Percentile(totals, 0.5):0.0} ms, p90 {Percentile(totals, 0.9):0.0} ms (server rebuild median {Percentile(builds, 0.5):0.0} ms) over {rounds} edits"));
        return 0;
    }

    private static string? LongParagraph(string markdown) =>
        markdown.Split("\n\n").Skip(2).FirstOrDefault(p => p.Length > 200 && char.IsLetter(p[0]));

    private static async Task<string[]> KeysAsync(HttpClient http)
    {
        var status = JsonDocument.Parse(await http.GetStringAsync("status").ConfigureAwait(false)).RootElement;
        return [.. status.GetProperty("pages").EnumerateArray().Select(k => k.GetString()!)];
    }

    /// <summary>The server's Server-Sent Events, read in the background as the preview page's EventSource reads them.</summary>
    private sealed class EventStream : IDisposable
    {
        private readonly StreamReader _reader;
        private readonly System.Threading.Channels.Channel<string> _events = System.Threading.Channels.Channel.CreateUnbounded<string>();

        public EventStream(Stream stream)
        {
            _reader = new StreamReader(stream);
            _ = Task.Run(async () =>
            {
                while (await _reader.ReadLineAsync().ConfigureAwait(false) is { } line)
                {
                    if (line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        _events.Writer.TryWrite(line);
                    }
                }

                _events.Writer.TryComplete();
            });
        }

        public async Task NextAsync() => await _events.Reader.ReadAsync().ConfigureAwait(false);

        /// <summary>Reads events until none has come for <paramref name="quiet"/>.</summary>
        public async Task DrainAsync(TimeSpan quiet)
        {
            while (true)
            {
                using var timeout = new CancellationTokenSource(quiet);
                try
                {
                    await _events.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        public void Dispose() => _reader.Dispose();
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
