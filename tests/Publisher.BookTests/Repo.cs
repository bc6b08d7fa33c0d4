using Publisher.Cli;

namespace Publisher.BookTests;

/// <summary>Paths in the repository and a way to run the CLI in-process, capturing what it prints.</summary>
public static class Repo
{
    /// <summary>The folder holding Publisher.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The sample manuscript.</summary>
    public static string Manuscript => Path.Combine(Root, "manuscript");

    /// <summary>The shipped seed article the sample book is edited from.</summary>
    public static string SeedPath => Path.Combine(Root, "tests", "fixtures", "seed", "000_a54962df2cd86df5.txt");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Publisher.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Publisher.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string TempDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "publisher-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>What a CLI run did.</summary>
    public sealed record CliRun(int ExitCode, string Out, string Err);

    /// <summary>Runs <c>publisher</c> in-process with the given arguments.</summary>
    public static CliRun Publisher(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// Runs <c>publisher</c> as its own process in <paramref name="workingDirectory"/>: for what depends on the current
    /// folder (a <c>styles/</c> there), which an in-process run would share with every other test.
    /// </summary>
    public static CliRun PublisherIn(string workingDirectory, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "publisher.dll"), .. args])
        {
            psi.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), "publisher did not finish in two minutes");
        return new CliRun(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Builds a manuscript into a fresh folder and returns the folder; fails the test when the build fails.</summary>
    public static string Build(string manuscript, string name, params string[] extra)
    {
        var outDir = TempDir(name);
        var run = Publisher(["build", "--manuscript", manuscript, "--out", outDir, .. extra]);
        Assert.True(run.ExitCode == 0, $"build failed ({run.ExitCode}):\n{run.Err}");
        return outDir;
    }
}

/// <summary>
/// Writes a small book (its <c>book.yml</c> and chapters, as name and text) into a fresh folder and builds it.
/// </summary>
public static class SmallBook
{
    /// <summary>The built PDF and EPUB; fails the test when the build fails.</summary>
    public static (string Pdf, string Epub) Build(string name, params (string File, string Text)[] files)
    {
        var dir = Repo.TempDir(name);
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(dir, file), text);
        }

        var outDir = Repo.Build(dir, name + "-out");
        return (Directory.GetFiles(outDir, "*.pdf").Single(), Directory.GetFiles(outDir, "*.epub").Single());
    }
}

/// <summary>The sample book, built once for all the tests that read it.</summary>
public sealed class SampleBook
{
    /// <summary>Builds it.</summary>
    public SampleBook()
    {
        OutDir = Repo.Build(Repo.Manuscript, "sample");
        Pdf = Directory.GetFiles(OutDir, "*.pdf").Single();
        Epub = Directory.GetFiles(OutDir, "*.epub").Single();
    }

    /// <summary>Where the build wrote.</summary>
    public string OutDir { get; }

    /// <summary>The PDF.</summary>
    public string Pdf { get; }

    /// <summary>The EPUB.</summary>
    public string Epub { get; }
}

/// <summary>Shares one build of the sample book between test classes.</summary>
[CollectionDefinition(Name)]
public sealed class SampleBookCollection : ICollectionFixture<SampleBook>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "sample book";
}
