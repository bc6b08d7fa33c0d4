using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Publisher.Build.Output;
using Publisher.Cli;
using Publisher.TestKit;
using Publisher.TestKit.Pdf;

namespace Publisher.BookTests;

/// <summary>
/// Nothing is lost: a build killed at any moment leaves the output folder empty or holding the last good, complete
/// files, and two builds into one folder at once leave whole files. The builds run as child processes
/// (<c>dotnet publisher.dll build</c>), killed with SIGKILL so that no clean-up code of theirs runs. The kill test
/// fails for a writer that streams into the output file (tried: 4 KiB writes straight to the target fail it within
/// two kills); a single write of the whole file is over in microseconds, too quick for any kill to land inside.
/// </summary>
[Slow("kills builds at many moments, each a process of its own")]
public sealed class OutputSafetyTests
{
    private const string Slug = "stalin-asked-six-times";

    // Two timestamps make two different, known outputs: the builds are deterministic, so a complete file is one of
    // these byte for byte, and anything else (a truncated or half-renamed file) is not.
    private static readonly string[] Epochs = ["1700000000", "1800000000"];

    private static readonly Lazy<Dictionary<string, string>> Complete = new(() =>
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var epoch in Epochs)
        {
            var dir = Repo.TempDir("complete-" + epoch);
            var run = Child(epoch, dir);
            Assert.True(run.ExitCode == 0, run.StdErr);
            foreach (var file in Directory.GetFiles(dir))
            {
                hashes[Hash(file)] = $"{Path.GetFileName(file)} of epoch {epoch}";
            }
        }

        return hashes;
    });

    [SkippableFact]
    public void A_build_killed_at_any_moment_leaves_nothing_or_the_last_good_files()
    {
        var complete = Complete.Value;
        var outDir = Repo.TempDir("killed");
        var seed = Environment.TickCount;
        var random = new Random(seed);

        // How long a whole build takes here, so the kills spread over all of it: start-up, layout, writing, exit.
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, Child(Epochs[0], Repo.TempDir("timing")).ExitCode);
        var whole = clock.Elapsed;
        Directory.Delete(outDir);
        Directory.CreateDirectory(outDir);

        var hadGoodOutput = false;
        var killed = 0;
        for (var i = 0; i < 9; i++)
        {
            // A third of the kills fall anywhere in the build, start-up to exit. The others strike while the outputs
            // are written: a few milliseconds after the first file in the folder appears or changes (a temporary
            // file, for a writer that renames), or after the first output itself changes (where a writer that
            // overwrote in place would leave it cut short).
            var trigger = (Trigger)(i % 3);
            var delay = trigger == Trigger.Start ? whole * random.NextDouble() * 1.1 : TimeSpan.FromMilliseconds(random.Next(0, 20));
            var finished = StartAndKill(Epochs[i % 2], outDir, delay, trigger);
            killed += finished ? 0 : 1;
            var visible = Visible(outDir);
            var when = $"after {trigger}";
            var context = $"seed {seed}, kill {i} {delay.TotalMilliseconds:0} ms {when} (a whole build: {whole.TotalMilliseconds:0} ms)";
            if (visible.Length == 0)
            {
                Assert.False(hadGoodOutput, $"{context}: the last good files were removed");
                continue;
            }

            Assert.Equal([Slug + ".epub", Slug + ".pdf"], visible.Select(Path.GetFileName));
            foreach (var file in visible)
            {
                Assert.True(complete.ContainsKey(Hash(file)), $"{context}: {Path.GetFileName(file)} is not a complete output");
            }

            hadGoodOutput = true;
        }

        // Each kill that struck before the rename left its temporary file; the next whole build removes them all.
        Assert.Equal(0, Child(Epochs[0], outDir).ExitCode);
        Assert.Equal([Slug + ".epub", Slug + ".pdf"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(killed > 0, $"seed {seed}: every build finished before its kill, so nothing was tested");
        Assert.Equal(0, PdfTools.QpdfCheck(Path.Combine(outDir, Slug + ".pdf")).ExitCode);
        using var zip = ZipFile.OpenRead(Path.Combine(outDir, Slug + ".epub"));
        Assert.Equal("mimetype", zip.Entries[0].FullName);
    }

    [Fact]
    public async Task Two_builds_into_one_folder_at_once_leave_whole_files()
    {
        var complete = Complete.Value;
        var outDir = Repo.TempDir("concurrent");
        var runs = await Task.WhenAll(Epochs.Select(epoch => Task.Run(() => Child(epoch, outDir))));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.StdErr));
        // Each file is whole, from one build or the other; the PDF and the EPUB may come from different builds.
        var files = Directory.GetFiles(outDir);
        Assert.Equal([Slug + ".epub", Slug + ".pdf"], files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.True(complete.ContainsKey(Hash(f)), $"{Path.GetFileName(f)} is not a complete output"));
    }

    [Fact]
    public void Temporary_files_of_dead_builds_are_removed_and_those_of_live_ones_kept()
    {
        var outDir = Repo.TempDir("abandoned");
        var machine = Environment.MachineName.Replace('.', '-');
        var dead = Path.Combine(outDir, $".book.pdf.{machine}.{DeadPid()}.0123.tmp");
        var live = Path.Combine(outDir, $".book.pdf.{machine}.{Environment.ProcessId}.4567.tmp");
        var otherMachine = Path.Combine(outDir, $".book.pdf.elsewhere.{DeadPid()}.89ab.tmp");
        foreach (var f in new[] { dead, live, otherMachine })
        {
            File.WriteAllText(f, "half a PDF");
        }

        using var content = new MemoryStream("%PDF-1.7 whole"u8.ToArray());
        AtomicFile.Write(Path.Combine(outDir, "book.pdf"), content);

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(otherMachine)); // another machine's build may still be running: kept for a day
        Assert.Equal("%PDF-1.7 whole", File.ReadAllText(Path.Combine(outDir, "book.pdf")));
    }

    [Theory]
    [InlineData("build", "stalin-asked-six-times.pdf")]
    [InlineData("preview", "page-001.png")]
    [InlineData("diff", "index.html")]
    [InlineData("init", "book.yml")]
    public void An_output_folder_that_cannot_be_made_is_an_error_with_its_path_not_a_crash(string verb, string firstFile)
    {
        var dir = Repo.TempDir("out-is-a-file-" + verb);
        var file = Path.Combine(dir, "dist");
        File.WriteAllText(file, "a file where the output folder should be");

        string[] args = verb switch
        {
            "init" => ["init", file],
            "diff" => ["diff", "--manuscript", Repo.Manuscript, "--vs-style", "a5", "--out", file],
            "preview" => ["preview", "--manuscript", Repo.Manuscript, "--pages", "1", "--out", file],
            _ => [verb, "--manuscript", Repo.Manuscript, "--out", file],
        };
        var run = Repo.Publisher(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Matches($@"dist/{Regex.Escape(firstFile)}: error PUB5002: cannot write the output: ", run.Err);
        Assert.DoesNotContain("internal error", run.Err, StringComparison.Ordinal);
        Assert.Equal(["dist"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }

    /// <summary>A process id that no process has now: a child that has exited.</summary>
    private static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    /// <summary>Names, sizes and times of the folder's files (or only the visible ones), to notice the first write.</summary>
    /// <remarks>
    /// The build runs while this lists the folder, so a temporary file can be renamed between being listed and being
    /// looked at (a FileInfo reads its size lazily). That is itself the change being waited for, so it is reported as
    /// one rather than thrown: CI once failed on exactly this race.
    /// </remarks>
    private static string Snapshot(string dir, bool visibleOnly)
    {
        try
        {
            return string.Join('|', new DirectoryInfo(dir).GetFiles()
                .Where(f => !visibleOnly || !f.Name.StartsWith('.'))
                .Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}").Order(StringComparer.Ordinal));
        }
        catch (FileNotFoundException)
        {
            return "(a file went away while the folder was listed)";
        }
    }

    private static string[] Visible(string dir) =>
        [.. Directory.GetFiles(dir).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)];

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));

    private static ProcessStartInfo Start(string epoch, string outDir)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repo.Root,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "publisher.dll"), "build", "--manuscript", Repo.Manuscript, "--out", outDir })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["SOURCE_DATE_EPOCH"] = epoch;
        return psi;
    }

    /// <summary>Runs a build to the end.</summary>
    private static ToolResult Child(string epoch, string outDir)
    {
        using var p = Process.Start(Start(epoch, outDir))!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), "the build did not finish in two minutes");
        return new ToolResult(p.ExitCode, stdout.Result, stderr.Result, false);
    }

    /// <summary>What the delay before a kill is counted from.</summary>
    private enum Trigger
    {
        Start,
        AnyFileChanged,
        OutputChanged,
    }

    /// <summary>Starts a build and kills it (SIGKILL) <paramref name="delay"/> after <paramref name="trigger"/>; true when it had finished by then.</summary>
    private static bool StartAndKill(string epoch, string outDir, TimeSpan delay, Trigger trigger)
    {
        var before = Snapshot(outDir, trigger == Trigger.OutputChanged);
        using var p = Process.Start(Start(epoch, outDir))!;
        _ = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
        if (trigger != Trigger.Start)
        {
            var deadline = Stopwatch.StartNew();
            while (Snapshot(outDir, trigger == Trigger.OutputChanged) == before && !p.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(1))
            {
                Thread.SpinWait(100);
            }
        }

        if (p.WaitForExit(delay))
        {
            return true;
        }

        p.Kill(entireProcessTree: true);
        p.WaitForExit();
        return false;
    }
}
