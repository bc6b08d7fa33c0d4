using System.Diagnostics;
using System.Text;
using Xunit;

namespace Publisher.TestKit;

/// <summary>What an external program did.</summary>
/// <param name="ExitCode">The exit code, or -1 when it timed out.</param>
/// <param name="StdOut">Everything it wrote to standard output.</param>
/// <param name="StdErr">Everything it wrote to standard error.</param>
/// <param name="TimedOut">True when it was killed for running past the timeout.</param>
public sealed record ToolResult(int ExitCode, string StdOut, string StdErr, bool TimedOut);

/// <summary>
/// Runs validators and other external programs for tests (house style 8.3.5): a missing tool skips the test locally
/// and fails it when <c>PUBLISHER_REQUIRE_VALIDATORS=1</c>, as CI sets it.
/// </summary>
public static class ExternalTools
{
    /// <summary>The environment variable that turns a missing tool from a skip into a failure.</summary>
    public const string RequireVariable = "PUBLISHER_REQUIRE_VALIDATORS";

    /// <summary>True when missing tools must fail tests.</summary>
    public static bool ValidatorsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>
    /// Makes sure a tool is there. <paramref name="probePath"/> is a file path (absolute or relative) or a bare
    /// program name looked up on PATH. Returns the resolved path. When it is missing, skips the test with the reason,
    /// or fails it when <see cref="ValidatorsRequired"/>.
    /// </summary>
    public static string Require(string name, string probePath)
    {
        var found = Find(probePath);
        if (found is not null)
        {
            return found;
        }

        var reason = $"{name} is not installed (looked for '{probePath}').";
        if (ValidatorsRequired)
        {
            Assert.Fail($"{reason} {RequireVariable}=1, so a missing validator is a failure.");
        }

        Skip.If(true, reason + " Install it to run this test; CI requires it.");
        return probePath; // not reached: Skip.If throws
    }

    /// <summary>The full path of <paramref name="probePath"/>: the file itself if it exists, else a PATH lookup for a bare name.</summary>
    public static string? Find(string probePath)
    {
        if (probePath.Contains('/', StringComparison.Ordinal) || probePath.Contains('\\', StringComparison.Ordinal))
        {
            return File.Exists(probePath) ? Path.GetFullPath(probePath) : null;
        }

        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", "" } : [""];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var ext in extensions)
            {
                var candidate = Path.Combine(dir, probePath + ext);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> (passed as separate arguments, no shell
    /// quoting), capturing both streams. A run past <paramref name="timeout"/> is killed with its child processes.
    /// <paramref name="environment"/> adds or replaces environment variables for the child.
    /// </summary>
    public static ToolResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ToolResult(-1, Text(stdout), Text(stderr), TimedOut: true);
        }

        // The parameterless wait also drains the asynchronous readers.
        process.WaitForExit();
        return new ToolResult(process.ExitCode, Text(stdout), Text(stderr), TimedOut: false);
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (sb)
        {
            sb.Append(line).Append('\n');
        }
    }

    private static string Text(StringBuilder sb)
    {
        lock (sb)
        {
            return sb.ToString();
        }
    }
}
