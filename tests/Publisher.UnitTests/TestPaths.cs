namespace Publisher.UnitTests;

/// <summary>Where the repository's shipped data lives, for tests that read it.</summary>
internal static class TestPaths
{
    public static string Root { get; } = Find();

    public static string Styles => Path.Combine(Root, "styles");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Publisher.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Publisher.sln not found");
    }
}
