using Publisher.TestKit.Pdf;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary><c>publisher init</c> and the <c>style</c> key of book.yml.</summary>
public sealed class InitTests
{
    [Slow("reads the outputs with poppler-utils, qpdf or epubcheck")]
    [SkippableFact]
    public void A_new_book_builds_at_once_with_the_style_it_names()
    {
        var dir = Path.Combine(Repo.TempDir("init"), "my-first-book");
        var init = Repo.Publisher("init", dir);
        Assert.True(init.ExitCode == 0, init.Err);
        Assert.True(File.Exists(Path.Combine(dir, "book.yml")));
        Assert.Contains("style: trade", File.ReadAllText(Path.Combine(dir, "book.yml")), StringComparison.Ordinal);

        var outDir = Repo.Build(dir, "init-out");
        var pdf = Directory.GetFiles(outDir, "*.pdf").Single();
        Assert.Equal("my-first-book.pdf", Path.GetFileName(pdf));
        Assert.Contains("The Beginning", PdfTools.Text(pdf), StringComparison.Ordinal);
        Assert.Equal(432, PdfTools.PageSizes(pdf)[0].Width, 0);

        // The style book.yml names is used when the command line names none.
        File.WriteAllText(Path.Combine(dir, "book.yml"), File.ReadAllText(Path.Combine(dir, "book.yml")).Replace("style: trade", "style: a5", StringComparison.Ordinal));
        var a5 = Directory.GetFiles(Repo.Build(dir, "init-a5"), "*.pdf").Single();
        Assert.Equal(419.5, PdfTools.PageSizes(a5)[0].Width, 0);
    }

    [Fact]
    public void Init_never_overwrites_a_file()
    {
        var dir = Repo.TempDir("init-clash");
        File.WriteAllText(Path.Combine(dir, "book.yml"), "title: Mine\n");
        var run = Repo.Publisher("init", dir);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("already exists", run.Err, StringComparison.Ordinal);
        Assert.Equal("title: Mine\n", File.ReadAllText(Path.Combine(dir, "book.yml")));
        Assert.False(File.Exists(Path.Combine(dir, "01-beginning.md")));
    }

    [Fact]
    public void An_unknown_style_named_in_book_yml_is_reported()
    {
        var dir = Repo.TempDir("init-badstyle");
        File.WriteAllText(Path.Combine(dir, "book.yml"), "title: T\nstyle: tarde\n");
        File.WriteAllText(Path.Combine(dir, "a.md"), "# A\n\nText.\n");
        var run = Repo.Publisher("build", "--manuscript", dir, "--out", Repo.TempDir("badstyle-out"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unknown style 'tarde'", run.Err, StringComparison.Ordinal);
        Assert.Contains("did you mean 'trade'?", run.Err, StringComparison.Ordinal);
    }
}
