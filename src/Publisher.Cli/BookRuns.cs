using Publisher.Build;
using Publisher.Cli.Reporting;

namespace Publisher.Cli;

/// <summary>How the verbs that build a book (build, preview, diff) run <see cref="BookBuilder.Build"/> and report it.</summary>
internal static class BookRuns
{
    /// <summary>
    /// Builds with the reporter showing the progress and each stage's diagnostics, and with the process's
    /// <c>SOURCE_DATE_EPOCH</c>. Null on failure, with <paramref name="exitCode"/> set and <paramref name="failed"/>
    /// ("nothing was written") said after the diagnostics when the book has errors. The book's facts go to the reporter.
    /// </summary>
    public static BuildResult? Run(BuildRequest request, Reporter reporter, string failed, out int exitCode)
    {
        var result = BookBuilder.Build(request with { SourceDateEpoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH") }, reporter.Progress());
        if (result.Facts is { } facts)
        {
            reporter.Book = facts;
        }

        exitCode = ExitCode(result.Status);
        if (result.Status == BuildStatus.BookErrors)
        {
            reporter.Fail(failed);
        }

        return result.Succeeded ? result : null;
    }

    /// <summary>The exit code of a build's status, as the README documents them.</summary>
    public static int ExitCode(BuildStatus status) => status switch
    {
        BuildStatus.Succeeded => ExitCodes.Ok,
        BuildStatus.BookErrors => ExitCodes.BookErrors,
        _ => ExitCodes.Usage,
    };
}
