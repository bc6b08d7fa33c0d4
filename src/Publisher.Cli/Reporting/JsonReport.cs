using System.Text;
using System.Text.Json;
using Publisher.Build;
using Publisher.Model;

namespace Publisher.Cli.Reporting;

/// <summary>The one JSON document of <c>--json</c>: the same facts as the summary, and every diagnostic.</summary>
internal static class JsonReport
{
    public static string Text(Reporter run, int exitCode)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = !run.JsonLines, Encoder = DiagnosticFormatter.JsonEncoder }))
        {
            json.WriteStartObject();
            json.WriteString("command", run.Command);
            json.WriteBoolean("ok", exitCode == ExitCodes.Ok);
            json.WriteNumber("exitCode", exitCode);
            if (run.Failure is not null)
            {
                json.WriteString("failure", run.Failure);
            }

            if (run.Book is { } b)
            {
                json.WriteStartObject("book");
                json.WriteString("title", b.Title);
                json.WriteNumber("pages", b.Pages);
                json.WriteNumber("words", b.Words);
                json.WriteNumber("chapters", b.Chapters);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("book");
            }

            json.WriteStartArray("outputs");
            foreach (var o in run.Outputs)
            {
                json.WriteStartObject();
                json.WriteString("path", o.Path);
                json.WriteNumber("bytes", o.Bytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("stages");
            foreach (var s in run.Stages)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                json.WriteNumber("seconds", Math.Round(s.Elapsed.TotalSeconds, 4));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("seconds", Math.Round(run.Elapsed.TotalSeconds, 4));
            WriteCounts(json, "warnings", run.CountByCode(Severity.Warning));
            WriteCounts(json, "errors", run.CountByCode(Severity.Error));
            json.WriteStartArray("diagnostics");
            foreach (var d in run.Diagnostics)
            {
                DiagnosticFormatter.WriteJson(json, d);
            }

            json.WriteEndArray();
            run.JsonExtra?.Invoke(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, SortedDictionary<string, int> counts)
    {
        json.WriteStartObject(name);
        foreach (var (code, count) in counts)
        {
            json.WriteNumber(code, count);
        }

        json.WriteEndObject();
    }
}
