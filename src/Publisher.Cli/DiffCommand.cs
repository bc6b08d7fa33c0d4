using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using Publisher.Preview;

namespace Publisher.Cli;

/// <summary>
/// <c>publisher diff</c>: builds two versions of the book in-process (the working tree against a git revision, or
/// one style against another), prints which pages changed and how the text reflowed, and writes an HTML report.
/// </summary>
public static class DiffCommand
{
    private static readonly string[] Valued = ["--manuscript", "--style", "--vs-style", "--against", "--out", "--dpi"];

    /// <summary>Runs the verb with its arguments (after "diff").</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--manuscript"] = "manuscript",
            ["--out"] = "diff",
            ["--dpi"] = "60",
        };
        if (VerbOptions.Parse("diff", args, Valued, [], values, stdout, stderr) is { } exit)
        {
            return exit;
        }

        var against = values.GetValueOrDefault("--against");
        var vsStyle = values.GetValueOrDefault("--vs-style");
        if ((against is null) == (vsStyle is null))
        {
            stderr.WriteLine("publisher: error: diff needs one of --against REV or --vs-style NAME|PATH");
            stderr.WriteLine("  hint: publisher diff --against HEAD compares the working tree with the last commit");
            return ExitCodes.Usage;
        }

        if (!PreviewCommand.TryDpi(values["--dpi"], stderr, out var dpi))
        {
            return ExitCodes.Usage;
        }

        var manuscript = values["--manuscript"];
        var style = values.GetValueOrDefault("--style");
        return against is not null
            ? AgainstRevision(manuscript, style, against, values["--out"], dpi, stdout, stderr)
            : Compare(manuscript, style, null, manuscript, vsStyle!, $"style {style ?? "(book.yml's or trade)"}", $"style {vsStyle}", values["--out"], dpi, stdout, stderr);
    }

    private static int AgainstRevision(string manuscript, string? style, string rev, string outDir, double dpi, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(manuscript))
        {
            stderr.WriteLine($"{manuscript}: error PUB1000: manuscript folder does not exist");
            return ExitCodes.Usage;
        }

        var temp = Path.Combine(Path.GetTempPath(), $"publisher-diff-{Environment.ProcessId}-{Guid.CreateVersion7():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var manuscriptFull = Path.GetFullPath(manuscript);
            if (!Git(manuscriptFull, ["rev-parse", "--show-toplevel"], out var top, stderr))
            {
                return ExitCodes.Usage;
            }

            top = top.Trim();
            // The old tree holds the manuscript folder and, when they are in the repository, the styles it is built with.
            var relManuscript = Path.GetRelativePath(top, manuscriptFull);
            if (!Export(top, rev, relManuscript, temp, stderr))
            {
                return ExitCodes.Usage;
            }

            var stylesRoot = Path.GetFullPath(BuildCommand.FindStylesRoot(manuscript));
            string? oldStylesRoot = null;
            var relStyles = Path.GetRelativePath(top, stylesRoot);
            if (!relStyles.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relStyles) && Export(top, rev, relStyles, temp, TextWriter.Null))
            {
                oldStylesRoot = Path.Combine(temp, relStyles);
            }

            // A style given as a path inside the repository is taken from the revision too; a name resolves in its styles.
            var oldStyle = style;
            if (style is not null && (style.Contains('/', StringComparison.Ordinal) || style.StartsWith('.')))
            {
                var relStyle = Path.GetRelativePath(top, Path.GetFullPath(style));
                if (!relStyle.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relStyle) && Export(top, rev, relStyle, temp, TextWriter.Null))
                {
                    oldStyle = Path.Combine(temp, relStyle);
                }
            }

            return Compare(Path.Combine(temp, relManuscript), oldStyle, oldStylesRoot ?? stylesRoot, manuscript, style, rev, "working tree", outDir, dpi, stdout, stderr);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static int Compare(string manuscriptA, string? styleA, string? stylesRootA, string manuscriptB, string? styleB, string labelA, string labelB, string outDir, double dpi, TextWriter stdout, TextWriter stderr)
    {
        var before = BookPipeline.Typeset(manuscriptA, styleA, stylesRootA, $"publisher: diff failed: the build of {labelA} has errors", stderr, out var code);
        if (before is null)
        {
            return code;
        }

        var after = BookPipeline.Typeset(manuscriptB, styleB, null, $"publisher: diff failed: the build of {labelB} has errors", stderr, out code);
        if (after is null)
        {
            return code;
        }

        var diff = BuildDiffer.Diff(before.Pages, after.Pages);
        var files = DiffReport.Write(diff, before.Pages, after.Pages, new DiffReportOptions { Dpi = dpi, BeforeLabel = labelA, AfterLabel = labelB });
        Directory.CreateDirectory(outDir);
        foreach (var file in files)
        {
            using var content = new MemoryStream(file.Content);
            AtomicFile.Write(Path.Combine(outDir, file.FileName), content);
        }

        stdout.WriteLine($"{labelA} → {labelB}");
        stdout.Write(diff.Summary());
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report: {Path.Combine(outDir, "index.html")} ({files.Length - 1} page images)"));
        return ExitCodes.Ok;
    }

    /// <summary>Writes <paramref name="path"/> as it is at <paramref name="rev"/> under <paramref name="into"/>, by git archive.</summary>
    private static bool Export(string top, string rev, string path, string into, TextWriter stderr)
    {
        var tar = Path.Combine(into, $"{Guid.CreateVersion7():N}.tar");
        if (!Git(top, ["archive", "--format=tar", "-o", tar, rev, "--", path], out _, stderr))
        {
            return false;
        }

        TarFile.ExtractToDirectory(tar, into, overwriteFiles: true);
        File.Delete(tar);
        return true;
    }

    private static bool Git(string dir, string[] args, out string output, TextWriter stderr)
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
            stderr.WriteLine($"publisher: error: git {string.Join(' ', args.Take(1))} failed: {errTask.Result.Trim()}");
            return false;
        }

        return true;
    }
}
