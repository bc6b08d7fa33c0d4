using Publisher.Build.Output;

namespace Publisher.UnitTests.Build;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"publisher-atomic-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Another_machines_temporary_file_is_removed_once_it_is_a_day_older_than_the_new_one()
    {
        Directory.CreateDirectory(_dir);
        var old = Path.Combine(_dir, ".book.pdf.elsewhere.1.0123.tmp");
        var recent = Path.Combine(_dir, ".book.pdf.elsewhere.2.4567.tmp");
        File.WriteAllText(old, "half a PDF");
        File.WriteAllText(recent, "half a PDF");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-2));
        File.SetLastWriteTimeUtc(recent, DateTime.UtcNow.AddHours(-1));

        AtomicFile.WriteTogether([(Path.Combine(_dir, "book.pdf"), "%PDF-1.7 whole"u8.ToArray())]);

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.Equal([".book.pdf.elsewhere.2.4567.tmp", "book.pdf"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
