using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Publisher.TestKit.Epub;

/// <summary>One epubcheck message: severity (FATAL, ERROR, WARNING, USAGE, INFO), id (e.g. RSC-005), text and where.</summary>
public sealed record EpubcheckMessage(string Severity, string Id, string Message, string Location)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity} {Id} {Location}: {Message}";
}

/// <summary>What epubcheck said about a file.</summary>
public sealed record EpubcheckReport(int ExitCode, ImmutableArray<EpubcheckMessage> Messages, string Output)
{
    /// <summary>Messages that are not merely USAGE or INFO.</summary>
    public IEnumerable<EpubcheckMessage> Problems => Messages.Where(m => m.Severity is "FATAL" or "ERROR" or "WARNING");

    /// <summary>Every message on its own line, for assertion failures.</summary>
    public override string ToString() => Messages.IsEmpty ? "(no messages)" : string.Join("\n", Messages);
}

/// <summary>
/// Runs epubcheck (the Debian package's 4.2.6 here; <c>EPUBCHECK_JAR</c> overrides the jar) and parses its JSON
/// report. Requires java and the jar through <see cref="ExternalTools.Require"/>.
/// </summary>
public static class Epubcheck
{
    /// <summary>Where the jar is looked for unless <c>EPUBCHECK_JAR</c> says otherwise.</summary>
    public const string DefaultJar = "/usr/share/java/epubcheck.jar";

    /// <summary>Checks <paramref name="epubPath"/>; <paramref name="extraArguments"/> go after the file (e.g. <c>--profile default</c>, <c>--usage</c>).</summary>
    public static EpubcheckReport Run(string epubPath, params string[] extraArguments)
    {
        var java = ExternalTools.Require("java", "java");
        var jar = ExternalTools.Require("epubcheck", Environment.GetEnvironmentVariable("EPUBCHECK_JAR") ?? DefaultJar);
        var json = Path.Combine(Path.GetTempPath(), $"epubcheck-{Environment.ProcessId}-{Path.GetFileNameWithoutExtension(Path.GetRandomFileName())}.json");
        try
        {
            var result = ExternalTools.Run(java, ["-jar", jar, epubPath, "--json", json, .. extraArguments], TimeSpan.FromMinutes(3));
            Assert.False(result.TimedOut, "epubcheck timed out");
            var output = result.StdOut + result.StdErr;
            if (!File.Exists(json))
            {
                Assert.Fail($"epubcheck wrote no report (exit {result.ExitCode}):\n{output}");
            }

            return new EpubcheckReport(result.ExitCode, Parse(File.ReadAllText(json)), output);
        }
        finally
        {
            File.Delete(json);
        }
    }

    /// <summary>Parses epubcheck's <c>--json</c> report.</summary>
    public static ImmutableArray<EpubcheckMessage> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var messages = ImmutableArray.CreateBuilder<EpubcheckMessage>();
        if (!doc.RootElement.TryGetProperty("messages", out var list))
        {
            return [];
        }

        foreach (var m in list.EnumerateArray())
        {
            var locations = m.TryGetProperty("locations", out var locs) && locs.ValueKind == JsonValueKind.Array
                ? string.Join("; ", locs.EnumerateArray().Select(Location))
                : "";
            messages.Add(new EpubcheckMessage(
                Str(m, "severity"),
                Str(m, "ID"),
                Str(m, "message"),
                locations));
        }

        return messages.ToImmutable();
    }

    private static string Location(JsonElement l)
    {
        var path = Str(l, "path");
        var line = l.TryGetProperty("line", out var li) && li.ValueKind == JsonValueKind.Number ? li.GetInt32() : -1;
        var column = l.TryGetProperty("column", out var co) && co.ValueKind == JsonValueKind.Number ? co.GetInt32() : -1;
        return line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{path}:{line}:{column}") : path;
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
}
