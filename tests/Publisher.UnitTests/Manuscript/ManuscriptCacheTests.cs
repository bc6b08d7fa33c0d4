using Publisher.Manuscript;
using Publisher.Model;

namespace Publisher.UnitTests.Manuscript;

/// <summary>The chapters a kept <see cref="ManuscriptCache"/> reuses from the disk, and the ones it must read again.</summary>
public sealed class ManuscriptCacheTests
{
    /// <summary>The real file system, counting which files are read.</summary>
    private sealed class CountingSource : IBookSource
    {
        private readonly FileSystemBookSource _disk = new();

        public List<string> Reads { get; } = [];

        public bool FileExists(string path) => _disk.FileExists(path);

        public bool DirectoryExists(string path) => _disk.DirectoryExists(path);

        public byte[] ReadAllBytes(string path)
        {
            Reads.Add(Path.GetFileName(path));
            return _disk.ReadAllBytes(path);
        }

        public IReadOnlyList<string> ListFiles(string directory, string searchPattern) => _disk.ListFiles(directory, searchPattern);

        public IReadOnlyList<string> ListDirectories(string directory) => _disk.ListDirectories(directory);

        public string Combine(string directory, string relative) => _disk.Combine(directory, relative);

        public string GetDirectory(string path) => _disk.GetDirectory(path);

        public string Display(string path) => _disk.Display(path);

        public FileStamp? Stamp(string path) => _disk.Stamp(path);
    }

    [Fact]
    public void An_old_unchanged_file_is_not_read_again_but_a_recent_one_is_even_with_the_same_size_and_time()
    {
        var dir = Path.Combine(Path.GetTempPath(), "publisher-cache-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "book.yml"), "title: T\n");
            File.WriteAllText(Path.Combine(dir, "a.md"), "# A\n\nOld words.\n");
            File.WriteAllText(Path.Combine(dir, "b.md"), "# B\n\nNew words.\n");
            var old = DateTime.UtcNow.AddMinutes(-10);
            File.SetLastWriteTimeUtc(Path.Combine(dir, "a.md"), old);
            var cache = new ManuscriptCache();
            Load(dir, cache, out _);

            // a.md is old and unchanged: not read. b.md was written a moment ago: read, though nothing changed.
            var second = Load(dir, cache, out var source);
            Assert.DoesNotContain("a.md", source.Reads);
            Assert.Contains("b.md", source.Reads);
            Assert.Equal(0, cache.Built);

            // An edit that keeps the size and the time (as a coarse clock would) is still seen in a recent file...
            var b = Path.Combine(dir, "b.md");
            var time = File.GetLastWriteTimeUtc(b);
            File.WriteAllText(b, "# B\n\nOdd words.\n");
            File.SetLastWriteTimeUtc(b, time);
            var third = Load(dir, cache, out _);
            Assert.Contains("Odd words.", Text(third), StringComparison.Ordinal);

            // ... and an old file with a new time is read again, and its change found.
            File.WriteAllText(Path.Combine(dir, "a.md"), "# A\n\nOld wordy.\n");
            var fourth = Load(dir, cache, out source);
            Assert.Contains("a.md", source.Reads);
            Assert.Contains("Old wordy.", Text(fourth), StringComparison.Ordinal);
            Assert.Same(third.Divisions[1], fourth.Divisions[1]);
            Assert.NotSame(second.Divisions[0], fourth.Divisions[0]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static BookDocument Load(string dir, ManuscriptCache cache, out CountingSource source)
    {
        source = new CountingSource();
        var result = ManuscriptLoader.Load(source, dir, new LoadOptions { Cache = cache });
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Value!;
    }

    private static string Text(BookDocument book) =>
        string.Join(" ", book.Divisions.SelectMany(d => d.Blocks).OfType<ParagraphBlock>().Select(p => Inline.ToPlainText(p.Inlines)));
}
