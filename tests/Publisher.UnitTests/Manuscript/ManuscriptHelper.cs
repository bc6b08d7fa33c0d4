using Publisher.Manuscript;
using Publisher.Model;

namespace Publisher.UnitTests.Manuscript;

/// <summary>Loads in-memory manuscripts from the folder <c>book/</c>.</summary>
internal static class ManuscriptHelper
{
    public const string Folder = "book";

    public static StageResult<BookDocument> Load(IReadOnlyDictionary<string, string> files, LoadOptions? options = null) =>
        ManuscriptLoader.Load(
            MemoryBookSource.FromText(files.ToDictionary(kv => $"{Folder}/{kv.Key}", kv => kv.Value)),
            Folder,
            options ?? new LoadOptions());

    public static StageResult<BookDocument> LoadBytes(IReadOnlyDictionary<string, byte[]> files) =>
        ManuscriptLoader.Load(new MemoryBookSource(files.ToDictionary(kv => $"{Folder}/{kv.Key}", kv => kv.Value)), Folder, new LoadOptions());

    /// <summary>A one-chapter book with the given Markdown.</summary>
    public static StageResult<BookDocument> LoadChapter(string markdown) =>
        Load(new Dictionary<string, string> { ["book.yml"] = "title: T\n", ["ch.md"] = markdown });

    /// <summary>Loads and asserts there are no diagnostics at all.</summary>
    public static BookDocument LoadClean(IReadOnlyDictionary<string, string> files, LoadOptions? options = null)
    {
        var result = Load(files, options);
        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        return result.Value!;
    }

    public static Division LoadCleanChapter(string markdown) =>
        LoadClean(new Dictionary<string, string> { ["book.yml"] = "title: T\n", ["ch.md"] = markdown }).Divisions.Single();

    public static string[] Lines(this StageResult<BookDocument> result) => [.. result.Diagnostics.Select(d => d.ToString())];

    /// <summary>Errors from loading just a book.yml (with one chapter file present).</summary>
    public static string[] ConfigDiagnostics(string bookYml) =>
        Load(new Dictionary<string, string> { ["book.yml"] = bookYml, ["a.md"] = "# A\n" }).Lines();
}
