using System.Collections.Immutable;
using System.Text.Json;
using Xunit;

namespace Publisher.TestKit.Epub;

/// <summary>One failed Ace assertion: the rule (an axe-core rule id or an Ace check such as <c>metadata-accessmode</c>), its impact, where, and what is wrong.</summary>
public sealed record AceViolation(string Rule, string Impact, string Document, string Description, ImmutableArray<string> Selectors)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Impact} {Rule} in {Document}: {Description.ReplaceLineEndings(" ")}" + (Selectors.IsEmpty ? "" : $" [{string.Join(", ", Selectors)}]");
}

/// <summary>What Ace said about an EPUB: its overall outcome, every violation, and the accessibility metadata it found.</summary>
public sealed record AceReport(string Outcome, ImmutableArray<AceViolation> Violations, ImmutableArray<string> MetadataPresent, ImmutableArray<string> MetadataMissing, string Output)
{
    /// <summary>Every violation on its own line, for assertion failures.</summary>
    public override string ToString() => Violations.IsEmpty ? $"(no violations; outcome {Outcome})" : string.Join("\n", Violations);
}

/// <summary>
/// Runs DAISY Ace (npm <c>@daisy/ace-cli</c>, installed by <c>.ci/run</c> into <c>tests/tools/node_modules</c>) on an
/// EPUB and parses its <c>report.json</c>. Ace drives Chromium through Puppeteer; we give it Debian's
/// (<c>/usr/bin/chromium</c>, or <c>PUPPETEER_EXECUTABLE_PATH</c>), since a download of Puppeteer's own browser is not
/// possible here. Ace itself starts Chromium with <c>--no-sandbox</c> (needed as root), and Puppeteer's default
/// arguments already include headless mode, <c>--disable-background-networking</c>, <c>--disable-sync</c> and
/// <c>--no-first-run</c>, so nothing reaches for the network.
/// </summary>
public static class Ace
{
    /// <summary>Where Chromium is looked for unless <c>PUPPETEER_EXECUTABLE_PATH</c> says otherwise.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>
    /// The ace executable: <c>ACE_EXECUTABLE</c> when set, else <c>tests/tools/node_modules/.bin/ace-cli</c> of the
    /// repository holding this build, else <c>ace</c> on PATH (a global <c>npm install -g @daisy/ace-cli</c>).
    /// </summary>
    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable("ACE_EXECUTABLE") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var local = Path.Combine(dir.FullName, "tests", "tools", "node_modules", ".bin", "ace-cli");
            if (File.Exists(Path.Combine(dir.FullName, "Publisher.sln")))
            {
                return File.Exists(local) ? local : "ace";
            }
        }

        return "ace";
    }

    /// <summary>Checks <paramref name="epubPath"/>. Skips (or, with validators required, fails) when Ace, node or Chromium is missing.</summary>
    public static AceReport Run(string epubPath)
    {
        ExternalTools.Require("node (for DAISY Ace)", "node");
        var ace = ExternalTools.Require("DAISY Ace (npm ci in tests/tools)", Locate());
        var chromium = ExternalTools.Require("Chromium (Debian package chromium, for DAISY Ace)",
            Environment.GetEnvironmentVariable("PUPPETEER_EXECUTABLE_PATH") is { Length: > 0 } p ? p : DefaultChromium);

        var work = Path.Combine(Path.GetTempPath(), $"ace-{Environment.ProcessId}-{Path.GetFileNameWithoutExtension(Path.GetRandomFileName())}");
        var outDir = Path.Combine(work, "report");
        var tempDir = Path.Combine(work, "temp");
        Directory.CreateDirectory(tempDir);
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["PUPPETEER_EXECUTABLE_PATH"] = chromium,
                ["PUPPETEER_SKIP_DOWNLOAD"] = "1",
            };
            var result = ExternalTools.Run(ace, ["--silent", "--force", "--outdir", outDir, "--tempdir", tempDir, epubPath],
                TimeSpan.FromMinutes(5), environment: environment);
            Assert.False(result.TimedOut, "DAISY Ace timed out");
            var output = result.StdOut + result.StdErr;
            var json = Path.Combine(outDir, "report.json");
            if (result.ExitCode != 0 || !File.Exists(json))
            {
                Assert.Fail($"DAISY Ace wrote no report (exit {result.ExitCode}):\n{output}");
            }

            return Parse(File.ReadAllText(json), output);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A report left in the temp folder is harmless.
            }
        }
    }

    /// <summary>Parses Ace's <c>report.json</c> (an EARL report: <c>assertions</c> per document, each with its own <c>assertions</c>).</summary>
    public static AceReport Parse(string json, string output = "")
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var outcome = root.TryGetProperty("earl:result", out var r) ? Str(r, "earl:outcome") : "";
        var violations = ImmutableArray.CreateBuilder<AceViolation>();
        if (root.TryGetProperty("assertions", out var subjects) && subjects.ValueKind == JsonValueKind.Array)
        {
            foreach (var subject in subjects.EnumerateArray())
            {
                var document = subject.TryGetProperty("earl:testSubject", out var ts) ? Str(ts, "url") : "";
                if (!subject.TryGetProperty("assertions", out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var a in list.EnumerateArray())
                {
                    var result = a.TryGetProperty("earl:result", out var res) ? res : default;
                    if (result.ValueKind != JsonValueKind.Object || Str(result, "earl:outcome") != "fail")
                    {
                        continue;
                    }

                    var test = a.TryGetProperty("earl:test", out var t) ? t : default;
                    var selectors = result.TryGetProperty("earl:pointer", out var pointer) && pointer.TryGetProperty("css", out var css) && css.ValueKind == JsonValueKind.Array
                        ? css.EnumerateArray().Select(c => c.ToString()).ToImmutableArray()
                        : [];
                    violations.Add(new AceViolation(
                        test.ValueKind == JsonValueKind.Object ? Str(test, "dct:title") : "",
                        test.ValueKind == JsonValueKind.Object ? Str(test, "earl:impact") : "",
                        document,
                        Str(result, "dct:description"),
                        selectors));
                }
            }
        }

        var present = ImmutableArray<string>.Empty;
        var missing = ImmutableArray<string>.Empty;
        if (root.TryGetProperty("a11y-metadata", out var meta))
        {
            present = Strings(meta, "present");
            missing = Strings(meta, "missing");
        }

        return new AceReport(outcome, violations.ToImmutable(), present, missing, output);
    }

    private static ImmutableArray<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(x => x.ToString())] : [];

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
}
