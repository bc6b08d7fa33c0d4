using System.Collections.Concurrent;
using Publisher.Build.Watching;
using Publisher.PageModel;

namespace Publisher.UnitTests.Build;

public sealed class BookWatcherTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"publisher-watcher-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_saved_chapter_is_rebuilt_once_its_events_settle_and_from_the_cache()
    {
        // The book's own styles folder (beside the manuscript) is what the watcher looks names up in and watches.
        var manuscript = Path.Combine(_dir, "book");
        Directory.CreateDirectory(manuscript);
        CopyFolder(Path.Combine(TestPaths.Styles, "trade"), Path.Combine(_dir, "styles", "trade"));
        File.WriteAllText(Path.Combine(manuscript, "book.yml"), "title: Watched\nauthors: [A]\nlanguage: en\ndate: 2024-01-01\nchapters:\n  body: [one.md, two.md]\n");
        File.WriteAllText(Path.Combine(manuscript, "one.md"), "# One\n\nAn unchanged chapter with a paragraph of its own.\n");
        File.WriteAllText(Path.Combine(manuscript, "two.md"), "# Two\n\nA chapter about to change.\n");

        var builds = new BlockingCollection<WatchedBuild>();
        var crashes = new ConcurrentQueue<Exception>();
        await using var watcher = new BookWatcher(new WatchOptions { Manuscript = manuscript, Debounce = TimeSpan.FromMilliseconds(50) }, builds.Add, crashes.Enqueue);
        watcher.Start();

        Assert.True(builds.TryTake(out var first), "Start builds once before it returns");
        Assert.Equal(1, first.Generation);
        Assert.True(first.Result.Succeeded, string.Join('\n', first.Result.Diagnostics));
        var setAtFirst = watcher.ParagraphsSet;

        File.WriteAllText(Path.Combine(manuscript, "two.md"), "# Two\n\nA chapter that changed: Zebra.\n");
        Assert.True(builds.TryTake(out var second, TimeSpan.FromMinutes(1)), "no rebuild after a save");

        Assert.Equal(2, second.Generation);
        Assert.True(second.Result.Succeeded, string.Join('\n', second.Result.Diagnostics));
        Assert.Contains(second.Result.Pages!.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>(), g => g.Text.Contains("Zebra", StringComparison.Ordinal));
        // Only the changed chapter's paragraph (and what it moved) is set again.
        Assert.InRange(watcher.ParagraphsSet, 1, setAtFirst - 1);
        // A chapter is no style file: the style is kept, so its stage does not run again.
        Assert.DoesNotContain(second.Result.Stages, s => s.Name == "style");
        Assert.Empty(crashes);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
