using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using Publisher.Build;
using Publisher.Build.Output;
using Publisher.Cli.Reporting;
using Publisher.Preview;
using Publisher.Styles;

namespace Publisher.Cli;

/// <summary>
/// <c>publisher diff</c>: builds two versions of the book in-process (the working tree against a git revision, or
/// one style against another), prints which pages changed and how the text reflowed, and writes an HTML report.
/// </summary>
internal static class DiffCommand
{
    /// <summary>The verb's options, help and entry point.</summary>
    public static VerbSpec Spec { get; } = new()
    {
        Name = "diff",
        Summary = "Build two versions of a book and show which pages changed and how the text reflowed",
        Details = "Needs --against REV or --vs-style NAME|PATH. Prints the page count before → after, the changed pages and each\n"
            + "chapter that moved, and writes an HTML report (index.html with old and new pages side by side).",
        Positional = CommonOptions.ManuscriptArgument,
        PositionalDescription = CommonOptions.ManuscriptArgumentDescription,
        Options =
        [
            new("--against", "REV", "compare the working tree with git revision REV (manuscript and styles as at REV)", "--against HEAD"),
            new("--vs-style", "NAME|PATH", "compare the book in --style (the old) with the same book in this style (the new)", "--vs-style a5"),
            CommonOptions.Dpi(60),
            CommonOptions.Out("the report and its page images", "diff"),
            .. CommonOptions.BookInputs,
            .. CommonOptions.Reporting,
        ],
        Examples = ["publisher diff --manuscript my-book --against HEAD", "publisher diff --vs-style large-print --out diff"],
        Run = Run,
    };

    private static int Run(VerbArgs args, Reporter reporter)
    {
        // Pages are drawn with Skia, whose one slow first step can start now (see SkiaStartup).
        Publisher.Rendering.SkiaStartup.Begin();
        var against = args.Get("--against");
        var vsStyle = args.Get("--vs-style");
        if ((against is null) == (vsStyle is null))
        {
            return reporter.UsageError(CliCodes.BadValue, "diff needs one of --against REV or --vs-style NAME|PATH", "publisher diff --against HEAD compares the working tree with the last commit");
        }

        if (!PreviewCommand.TryDpi(args.Get("--dpi", "60"), reporter, out var dpi))
        {
            return ExitCodes.Usage;
        }

        var manuscript = args.Manuscript;
        var style = args.Get("--style");
        var outDir = args.Get("--out", "diff");
        return reporter.Run(() => against is not null
            ? AgainstRevision(manuscript, style, against, outDir, dpi, reporter)
            : Compare(manuscript, style, null, manuscript, vsStyle!, null, $"style {vsStyle}", outDir, dpi, reporter));
    }

    private static int AgainstRevision(string manuscript, string? style, string rev, string outDir, double dpi, Reporter reporter)
    {
        if (ManuscriptFolder.Check(manuscript) is { } missing)
        {
            reporter.Report(missing);
            return ExitCodes.Usage;
        }

        var temp = Path.Combine(Path.GetTempPath(), $"publisher-diff-{Environment.ProcessId}-{Guid.CreateVersion7():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var manuscriptFull = Path.GetFullPath(manuscript);
            if (!Git(manuscriptFull, ["rev-parse", "--show-toplevel"], out var top, reporter))
            {
                return ExitCodes.Usage;
            }

            top = top.Trim();
            // The old tree holds the manuscript folder and, when they are in the repository, the styles it is built with.
            var relManuscript = Path.GetRelativePath(top, manuscriptFull);
            if (!Export(top, rev, relManuscript, temp, reporter))
            {
                return ExitCodes.Usage;
            }

            var roots = StyleLookup.Roots(manuscript);
            var oldRoots = roots;
            if (roots.Book is { } bookStyles)
            {
                var relStyles = Path.GetRelativePath(top, Path.GetFullPath(bookStyles));
                if (!relStyles.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relStyles) && Export(top, rev, relStyles, temp, null))
                {
                    oldRoots = roots with { Book = Path.Combine(temp, relStyles) };
                }
            }

            // A style given as a path inside the repository is taken from the revision too; a name resolves in its styles.
            var oldStyle = style;
            if (style is not null && (style.Contains('/', StringComparison.Ordinal) || style.StartsWith('.')))
            {
                var relStyle = Path.GetRelativePath(top, Path.GetFullPath(style));
                if (!relStyle.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relStyle) && Export(top, rev, relStyle, temp, null))
                {
                    oldStyle = Path.Combine(temp, relStyle);
                }
            }

            return Compare(Path.Combine(temp, relManuscript), oldStyle, oldRoots, manuscript, style, rev, "working tree", outDir, dpi, reporter);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>Builds both and writes the report. A null <paramref name="labelA"/> names the style the first build used
    /// (book.yml's, else the default), which is known only once it is loaded.</summary>
    private static int Compare(string manuscriptA, string? styleA, StyleRoots? styleRootsA, string manuscriptB, string? styleB, string? labelA, string labelB, string outDir, double dpi, Reporter reporter)
    {
        var requestA = new BuildRequest { Manuscript = manuscriptA, Style = styleA, StyleRoots = styleRootsA, Target = BuildTarget.Pages };
        if (BookRuns.Run(requestA, reporter, $"publisher: diff failed: the build of {labelA ?? "the book in its own style"} has errors", out var code) is not { Pages: { } before } builtA)
        {
            return code;
        }

        labelA ??= $"style {builtA.Style!.Name}";

        var requestB = new BuildRequest { Manuscript = manuscriptB, Style = styleB, Target = BuildTarget.Pages };
        if (BookRuns.Run(requestB, reporter, $"publisher: diff failed: the build of {labelB} has errors", out code) is not { Pages: { } after })
        {
            return code;
        }

        var diff = reporter.Stage("compare", "compare page models", () => BuildDiffer.Diff(before, after));
        var files = reporter.Stage("draw report", "draw the report's page images", () => DiffReport.Write(diff, before, after, new DiffReportOptions { Dpi = dpi, BeforeLabel = labelA, AfterLabel = labelB }));
        foreach (var output in OutputFiles.Write(outDir, [.. files.Select(f => (f.FileName, f.Content))], reporter.Progress()))
        {
            reporter.Output(output.Path, output.Bytes);
        }

        reporter.Line($"{labelA} → {labelB}");
        foreach (var line in diff.Summary().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            reporter.Line(line);
        }

        reporter.Line(string.Create(CultureInfo.InvariantCulture, $"report: {Path.Combine(outDir, "index.html")} ({files.Length - 1} page images)"));
        reporter.Headline = "Compared";
        reporter.JsonExtra = json => WriteJson(json, diff, labelA, labelB, Path.Combine(outDir, "index.html"));
        return ExitCodes.Ok;
    }

    /// <summary>The diff for scripts: page numbers are physical and counted from 1, as on the command line.</summary>
    private static void WriteJson(System.Text.Json.Utf8JsonWriter json, BuildDiff diff, string labelA, string labelB, string report)
    {
        json.WriteStartObject("diff");
        json.WriteString("before", labelA);
        json.WriteString("after", labelB);
        json.WriteNumber("pagesBefore", diff.PagesBefore);
        json.WriteNumber("pagesAfter", diff.PagesAfter);
        json.WriteStartArray("changedPages");
        foreach (var p in diff.ChangedPages)
        {
            json.WriteNumberValue(p + 1);
        }

        json.WriteEndArray();
        if (diff.SettlesAt is { } settles && settles < diff.PagesAfter)
        {
            json.WriteNumber("settlesAtPage", settles + 1);
        }
        else
        {
            json.WriteNull("settlesAtPage");
        }

        json.WriteStartArray("chapters");
        foreach (var c in diff.Chapters)
        {
            json.WriteStartObject();
            json.WriteString("id", c.DivisionId);
            json.WriteString("title", c.Title);
            json.WriteString("folioBefore", c.FolioBefore);
            json.WriteString("folioAfter", c.FolioAfter);
            json.WriteNumber("linesBefore", c.LinesBefore);
            json.WriteNumber("linesAfter", c.LinesAfter);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("report", report);
        json.WriteEndObject();
    }

    /// <summary>Writes <paramref name="path"/> as it is at <paramref name="rev"/> under <paramref name="into"/>, by git archive.</summary>
    private static bool Export(string top, string rev, string path, string into, Reporter? reporter)
    {
        var tar = Path.Combine(into, $"{Guid.CreateVersion7():N}.tar");
        if (!Git(top, ["archive", "--format=tar", "-o", tar, rev, "--", path], out _, reporter))
        {
            return false;
        }

        TarFile.ExtractToDirectory(tar, into, overwriteFiles: true);
        File.Delete(tar);
        return true;
    }

    /// <summary>Runs git; a failure is reported (when <paramref name="reporter"/> is given) and returns false.</summary>
    private static bool Git(string dir, string[] args, out string output, Reporter? reporter)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var git = Process.Start(psi) ?? throw new InvalidOperationException("git could not be started");
        var errTask = git.StandardError.ReadToEndAsync();
        output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            reporter?.UsageError(CliCodes.ToolFailed, $"git {string.Join(' ', args.Take(1))} failed: {errTask.Result.Trim()}");
            return false;
        }

        return true;
    }
}
