using System.Globalization;
using System.Text;
using System.Text.Json;
using Publisher.Build;
using Publisher.Model;

namespace Publisher.Cli.Watch;

/// <summary>
/// watch's log on stdout: a line per build with its diagnostics, as text or as JSON Lines. A good build's warnings
/// are shown too: an author who only watches never runs build, and an emergency break or a missing glyph must not
/// pass unseen.
/// </summary>
internal sealed class WatchLogWriter(TextWriter log, WatchLog mode)
{
    private readonly Lock _gate = new();

    /// <summary>What a failed build says after its diagnostics.</summary>
    public const string BuildFailed = "publisher: watch: build failed; showing the last good pages";

    /// <summary>
    /// A build's diagnostics as text lines, then <see cref="BuildFailed"/> when the book has errors: what the log
    /// prints and what the preview page shows over the last good pages.
    /// </summary>
    public static IEnumerable<string> DiagnosticLines(BuildResult result) =>
        result.Diagnostics.SelectMany(DiagnosticFormatter.Lines).Concat(result.Status == BuildStatus.BookErrors ? [BuildFailed] : []);

    /// <summary>Logs one build.</summary>
    public void Build(int generation, TimeSpan elapsed, BuildResult result, int pagesChanged, int paragraphsSet)
    {
        var ms = elapsed.TotalMilliseconds;
        var ok = result.Pages is not null && result.Succeeded;
        switch (mode)
        {
            case WatchLog.JsonLines:
                WriteJsonLine(json =>
                {
                    json.WriteString("event", "build");
                    json.WriteNumber("build", generation);
                    json.WriteBoolean("ok", ok);
                    json.WriteNumber("milliseconds", Math.Round(ms, 1));
                    if (ok)
                    {
                        json.WriteNumber("pages", result.Pages!.Pages.Length);
                        json.WriteNumber("pagesChanged", pagesChanged);
                        json.WriteNumber("paragraphsSet", paragraphsSet);
                    }

                    json.WriteStartArray("diagnostics");
                    foreach (var d in result.Diagnostics)
                    {
                        DiagnosticFormatter.WriteJson(json, d);
                    }

                    json.WriteEndArray();
                });
                break;
            case WatchLog.Quiet:
                WriteDiagnostics(result);
                break;
            default:
                // The wall clock, for the person reading the log; the build itself reads none.
                var time = DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                log.WriteLine(!ok
                    ? string.Create(CultureInfo.InvariantCulture, $"[{time}] build {generation} failed in {ms:0} ms:")
                    : string.Create(CultureInfo.InvariantCulture, $"[{time}] build {generation}: {ms:0} ms, {Wording.Count(result.Pages!.Pages.Length, "page")}, {pagesChanged} changed, {paragraphsSet} paragraphs re-set"));
                WriteDiagnostics(result);
                break;
        }

        log.Flush();
    }

    /// <summary>Logs a build that crashed (a bug): the server goes on, and the next save gets another try.</summary>
    public void Crashed(Exception e)
    {
        if (mode == WatchLog.JsonLines)
        {
            WriteJsonLine(json =>
            {
                json.WriteString("event", "internal-error");
                json.WriteString("message", e.Message);
            });
        }
        else
        {
            log.WriteLine($"publisher: watch: internal error while building: {e.Message}");
        }

        log.Flush();
    }

    /// <summary>Writes one compact JSON object and a newline: JSON Lines, which a reader can take a line at a time.</summary>
    public void WriteJsonLine(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = DiagnosticFormatter.JsonEncoder }))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        lock (_gate)
        {
            log.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }

    private void WriteDiagnostics(BuildResult result)
    {
        foreach (var line in DiagnosticLines(result))
        {
            log.WriteLine(line);
        }
    }
}
