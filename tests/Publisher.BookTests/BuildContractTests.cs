using System.Text.RegularExpressions;
using Publisher.TestKit.Pdf;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>The CLI contract: defaults, minimal books, errors with places, nothing lost, byte-identical rebuilds.</summary>
public sealed partial class BuildContractTests
{
    [Fact]
    public void Two_builds_of_the_same_input_are_byte_identical()
    {
        var a = Repo.Build(Repo.Manuscript, "det-a");
        var b = Repo.Build(Repo.Manuscript, "det-b");
        foreach (var file in Directory.GetFiles(a).Select(Path.GetFileName))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, file!))), file + " differs between builds");
        }

        Assert.Equal(2, Directory.GetFiles(a).Length);
    }

    [Slow("reads the outputs with poppler-utils, qpdf or epubcheck")]
    [SkippableFact]
    public void A_folder_of_markdown_with_a_one_line_book_yml_is_a_book_in_file_name_order()
    {
        var dir = Repo.TempDir("tiny");
        File.WriteAllText(Path.Combine(dir, "book.yml"), "title: A Tiny Book\n");
        File.WriteAllText(Path.Combine(dir, "b-second.md"), "# Second Chapter\n\nThe second chapter's words.\n");
        File.WriteAllText(Path.Combine(dir, "a-first.md"), "# First Chapter\n\nThe first chapter's words.\n");
        var outDir = Repo.Build(dir, "tiny-out");
        var pdf = Directory.GetFiles(outDir, "*.pdf").Single();
        Assert.Equal("a-tiny-book.pdf", Path.GetFileName(pdf));
        Assert.Single(Directory.GetFiles(outDir, "*.epub"));
        var text = PdfTools.Text(pdf);
        var first = text.IndexOf("First Chapter", StringComparison.Ordinal);
        var second = text.IndexOf("Second Chapter", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, text);
    }

    [Fact]
    public void Malformed_book_yml_is_reported_with_line_and_column_and_no_stack_trace()
    {
        var dir = Repo.TempDir("bad-yaml");
        File.WriteAllText(Path.Combine(dir, "book.yml"), "title: Broken\nauthors: [one, two\nlanguage: en\n");
        File.WriteAllText(Path.Combine(dir, "a.md"), "# A\n\nText.\n");
        var run = Repo.Publisher("build", "--manuscript", dir, "--out", Repo.TempDir("bad-yaml-out"));
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(DiagnosticLine("book.yml"), run.Err);
        AssertNoStackTrace(run);
    }

    [Fact]
    public void A_chapter_file_that_does_not_exist_is_reported_at_its_entry()
    {
        var dir = Repo.TempDir("missing-chapter");
        File.WriteAllText(Path.Combine(dir, "book.yml"), "title: Missing\nchapters:\n  - one.md\n  - two.md\n");
        File.WriteAllText(Path.Combine(dir, "one.md"), "# One\n\nText.\n");
        var run = Repo.Publisher("build", "--manuscript", dir, "--out", Repo.TempDir("missing-out"));
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"book\.yml:4:5: error PUB\d{4}: [^\n]*two\.md", run.Err);
        AssertNoStackTrace(run);
    }

    [Fact]
    public void An_unknown_style_is_an_error_naming_the_styles_there_are()
    {
        var run = Repo.Publisher("build", "--manuscript", Repo.Manuscript, "--style", "trdae", "--out", Repo.TempDir("bad-style"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error PUB2001: unknown style 'trdae'", run.Err, StringComparison.Ordinal);
        Assert.Contains("did you mean 'trade'?", run.Err, StringComparison.Ordinal);
        AssertNoStackTrace(run);
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        Assert.Equal(2, Repo.Publisher("build", "--manuscirpt", "x").ExitCode);
        Assert.Equal(2, Repo.Publisher("build", "--manuscript", "/no/such/folder").ExitCode);
        Assert.Equal(2, Repo.Publisher("biuld").ExitCode);
        Assert.Contains("did you mean '--manuscript'", Repo.Publisher("build", "--manuscirpt", "x").Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_build_leaves_the_last_good_outputs_byte_for_byte()
    {
        var dir = Repo.TempDir("keep");
        File.WriteAllText(Path.Combine(dir, "book.yml"), "title: Kept\n");
        File.WriteAllText(Path.Combine(dir, "a.md"), "# A\n\nThe good text.\n");
        var outDir = Repo.TempDir("keep-out");
        Assert.Equal(0, Repo.Publisher("build", "--manuscript", dir, "--out", outDir).ExitCode);
        var before = Directory.GetFiles(outDir).ToDictionary(f => f, File.ReadAllBytes);
        Assert.Equal(2, before.Count);

        // Break the book: a chapter list naming a file that is not there.
        File.WriteAllText(Path.Combine(dir, "book.yml"), "title: Kept\nchapters: [a.md, gone.md]\n");
        File.WriteAllText(Path.Combine(dir, "a.md"), "# A\n\nChanged text that must not reach the outputs.\n");
        var run = Repo.Publisher("build", "--manuscript", dir, "--out", outDir);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nothing was written", run.Err, StringComparison.Ordinal);
        var after = Directory.GetFiles(outDir);
        Assert.Equal(before.Keys.Order(), after.Order());
        foreach (var (file, bytes) in before)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(file)), file + " changed");
        }
    }

    [Fact]
    public void Source_date_epoch_sets_the_timestamp_of_both_outputs()
    {
        var a = Repo.Build(Repo.Manuscript, "epoch-none");
        Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", "1700000000");
        try
        {
            var b = Repo.Build(Repo.Manuscript, "epoch-set");
            var epubA = File.ReadAllBytes(Directory.GetFiles(a, "*.epub").Single());
            var epubB = File.ReadAllBytes(Directory.GetFiles(b, "*.epub").Single());
            Assert.False(epubA.AsSpan().SequenceEqual(epubB));
            var reader = Publisher.TestKit.Epub.EpubReader.Read(epubB);
            Assert.Equal("2023-11-14T22:13:20Z", reader.Metadata.Modified);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", null);
        }
    }

    private static Regex DiagnosticLine(string file) => new(Regex.Escape(file) + @":\d+:\d+: error PUB\d{4}: \S");

    private static void AssertNoStackTrace(Repo.CliRun run)
    {
        Assert.DoesNotMatch(@"\n\s+at \S+\(", run.Err);
        Assert.DoesNotContain("Exception", run.Err, StringComparison.Ordinal);
    }
}
