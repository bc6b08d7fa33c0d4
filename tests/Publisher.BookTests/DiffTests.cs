using System.Diagnostics;
using Publisher.Build;
using Publisher.Preview;
using Publisher.PageModel;

namespace Publisher.BookTests;

/// <summary>
/// <c>publisher diff</c> on the sample book: a one-word edit changes only the pages from its paragraph to where the
/// reflow settles; a change of leading changes every body page.
/// </summary>
public sealed class DiffTests
{
    private const string EditedFile = "14-stalingrad.md";
    private const string Sentence = "a batch of supplies would be sent to our party";
    private const string Edited = "a batch of supplies would be dispatched to our party";

    private static string CopyManuscript(string name)
    {
        var dir = Path.Combine(Repo.TempDir(name), "manuscript");
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(Repo.Manuscript))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        return dir;
    }

    private static void EditOneWord(string manuscript)
    {
        var path = Path.Combine(manuscript, EditedFile);
        var text = File.ReadAllText(path);
        Assert.Contains(Sentence, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(Sentence, Edited, StringComparison.Ordinal));
    }

    private static PagedBook Typeset(string manuscript, string? style = null)
    {
        var built = BookBuilder.Build(new BuildRequest { Manuscript = manuscript, Style = style, Target = BuildTarget.Pages });
        Assert.True(built.Succeeded, $"{built.Status}: {string.Join('\n', built.Diagnostics)}");
        return built.Pages!;
    }

    [Fact]
    public void A_one_word_edit_changes_only_the_pages_from_its_paragraph_to_where_the_reflow_settles()
    {
        var manuscript = CopyManuscript("diff-word");
        var before = Typeset(manuscript);
        EditOneWord(manuscript);
        var after = Typeset(manuscript);

        var diff = BuildDiffer.Diff(before, after);
        var edited = after.Pages.First(p => PageText.Text(p).Contains("dispatched", StringComparison.Ordinal)).Index;
        var changed = diff.ChangedPages;
        Assert.NotEmpty(changed);
        Assert.Equal(edited, changed[0]);
        Assert.Equal(Enumerable.Range(changed[0], changed.Length), changed);
        Assert.True(changed.Length <= 3, diff.Summary());
        Assert.Equal(changed[^1] + 1, diff.SettlesAt);
        Assert.True(diff.Chapters.Where(c => c.StartAfter <= edited).All(c => c.StartBefore == c.StartAfter), diff.Summary());
    }

    [Fact]
    public void A_change_of_leading_changes_every_body_page()
    {
        var style = Repo.TempDir("leading-15");
        File.WriteAllText(Path.Combine(style, "style.yml"), $"extends: {Path.Combine(Repo.Root, "styles", "trade")}\nbody:\n  leading: 15pt\n");
        var before = Typeset(Repo.Manuscript, "trade");
        var after = Typeset(Repo.Manuscript, style);

        var diff = BuildDiffer.Diff(before, after);
        var body = after.Pages.Where(p => p.Kind is PageKind.Text or PageKind.Opener && p.Index < before.Pages.Length).Select(p => p.Index).ToList();
        Assert.NotEmpty(body);
        Assert.All(body, i => Assert.Contains(i, diff.ChangedPages));
    }

    [Fact]
    public void The_cli_compares_two_styles_and_writes_the_report()
    {
        var style = Repo.TempDir("leading-cli");
        File.WriteAllText(Path.Combine(style, "style.yml"), $"extends: {Path.Combine(Repo.Root, "styles", "trade")}\nbody:\n  leading: 15pt\n");
        var outDir = Repo.TempDir("diff-report");
        var run = Repo.Publisher("diff", "--manuscript", Repo.Manuscript, "--style", "trade", "--vs-style", style, "--out", outDir, "--dpi", "30");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("changed pages:", run.Out, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(outDir, "index.html"));
        var images = Directory.GetFiles(outDir, "*.png").Select(Path.GetFileName).ToList();
        Assert.NotEmpty(images);
        Assert.All(images, name => Assert.Contains($"src=\"{name}\"", html, StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp"));
    }

    [SkippableFact]
    public void The_cli_compares_the_working_tree_with_a_git_revision()
    {
        var manuscript = CopyManuscript("diff-git");
        var repo = Path.GetDirectoryName(manuscript)!;
        Skip.IfNot(Git(repo, "init", "-q") && Git(repo, "add", ".") && Git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base"), "git is not available");
        EditOneWord(manuscript);
        var outDir = Repo.TempDir("diff-git-out");
        var run = Repo.Publisher("diff", "--manuscript", manuscript, "--against", "HEAD", "--out", outDir);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.StartsWith("HEAD → working tree", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"changed pages: [1-3] \(", run.Out);
        Assert.Contains("reflow settles at page", run.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "index.html")));

        var bad = Repo.Publisher("diff", "--manuscript", manuscript, "--against", "no-such-revision", "--out", outDir);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("publisher: error PUB0003: git archive failed", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_exit_2_with_a_hint()
    {
        var none = Repo.Publisher("diff", "--manuscript", Repo.Manuscript);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--against REV or --vs-style", none.Err, StringComparison.Ordinal);
        var typo = Repo.Publisher("diff", "--agianst", "HEAD");
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("did you mean '--against'?", typo.Err, StringComparison.Ordinal);
        Assert.Equal(2, Repo.Publisher("diff", "--vs-style", "a5", "--dpi", "0").ExitCode);
    }

    private static bool Git(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
