using Publisher.Manuscript;
using Publisher.Model;

namespace Publisher.UnitTests.Manuscript;

public sealed class RealManuscriptTests
{
    [SkippableFact]
    public void The_sample_manuscript_loads_without_errors()
    {
        var folder = FindRepositoryRoot() is { } root ? Path.Combine(root, "manuscript") : null;
        Skip.IfNot(folder is not null && Directory.Exists(folder), "no manuscript folder in this checkout yet");

        var result = ManuscriptLoader.Load(new FileSystemBookSource(), folder!, new LoadOptions());

        Assert.Empty(result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.ToString()));
        Assert.NotNull(result.Value);
        Assert.NotEmpty(result.Value.TextDivisions);
    }

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Publisher.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
