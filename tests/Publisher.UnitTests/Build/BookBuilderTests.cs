using System.Text;
using System.Text.Json;
using Publisher.Build;
using Publisher.Model;
using Publisher.Styles;
using Publisher.Typesetting;

namespace Publisher.UnitTests.Build;

public sealed class BookBuilderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"publisher-builder-{Guid.NewGuid():N}");

    public BookBuilderTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "book"));
        File.WriteAllText(Path.Combine(_dir, "book", "book.yml"), """
            title: "A Small Book"
            authors: [Ann Author]
            language: en
            date: 2024-05-01
            chapters:
              body: [one.md, two.md]

            """);
        File.WriteAllText(Path.Combine(_dir, "book", "one.md"), "# One\n\nThe first chapter has a paragraph, and a reference to [the second](#two).\n");
        File.WriteAllText(Path.Combine(_dir, "book", "two.md"), "# Two {#two}\n\nThe second chapter has a paragraph too.\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Manuscript => Path.Combine(_dir, "book");

    private string Out => Path.Combine(_dir, "out");

    private BuildRequest Request(BuildTarget target = BuildTarget.Files) => new()
    {
        Manuscript = Manuscript,
        StyleRoots = new StyleRoots(null, TestPaths.Styles),
        OutDir = Out,
        Target = target,
        SourceDateEpoch = "1700000000",
    };

    [Fact]
    public void A_build_writes_both_files_and_returns_their_sizes_the_stage_timings_and_the_books_facts()
    {
        var result = BookBuilder.Build(Request());

        Assert.Equal(BuildStatus.Succeeded, result.Status);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["load", "style", "typeset", "render PDF", "write EPUB", "write files"], result.Stages.Select(s => s.Name));
        Assert.Equal([Path.Combine(Out, "a-small-book.pdf"), Path.Combine(Out, "a-small-book.epub")], result.Outputs.Select(o => o.Path));
        Assert.All(result.Outputs, o => Assert.Equal(new FileInfo(o.Path).Length, o.Bytes));
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(File.ReadAllBytes(result.Outputs[0].Path), 0, 5), StringComparison.Ordinal);
        Assert.Equal(new BookFacts("A Small Book", result.Pages!.Pages.Length, result.Facts!.Words, 2), result.Facts);
        Assert.True(result.Facts.Words > 20);
    }

    [Fact]
    public void Stages_are_timed_by_the_requests_clock_and_no_stage_reads_it()
    {
        // Every reading of this clock moves it on by a second: a stage that read it would take more than one.
        var clock = new SteppingClock();
        var result = BookBuilder.Build(Request() with { Clock = clock });

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        foreach (var name in new[] { "load", "style", "typeset", "write files" })
        {
            Assert.Equal(TimeSpan.FromSeconds(1), result.Stages.Single(s => s.Name == name).Elapsed);
        }

        // The PDF and the EPUB are made at once: each is timed on its own, by the same clock.
        Assert.All(result.Stages.Where(s => s.Name is "render PDF" or "write EPUB"), s => Assert.InRange(s.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Progress_hears_each_stage_begin_and_end_the_chapters_being_set_and_the_diagnostics_as_they_come()
    {
        // A body chapter without a title is a warning of the load stage.
        File.WriteAllText(Path.Combine(Manuscript, "one.md"), "# One\n\nThe first chapter.\n");
        File.WriteAllText(Path.Combine(Manuscript, "two.md"), "The second chapter has no title.\n");
        var progress = new RecordingProgress();
        var result = BookBuilder.Build(Request(BuildTarget.Pages), progress);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(
            [$"start load {Path.Combine(Manuscript, "book.yml")}", "end load", "diagnostics 1", "start load style trade", "end style", "start typeset 2 divisions", "end typeset"],
            progress.Events.Where(e => !e.StartsWith("chapter", StringComparison.Ordinal)));
        Assert.Contains("chapter pass 1: 1/2 One", progress.Events);
        Assert.Equal(result.Diagnostics, progress.Diagnostics);
        Assert.Equal((Severity.Warning, "PUB1040"), Assert.Single(result.Diagnostics) is var d ? (d.Severity, d.Code) : default);
    }

    [Fact]
    public void A_failed_build_leaves_the_last_good_files_as_they_were()
    {
        var good = BookBuilder.Build(Request());
        Assert.True(good.Succeeded);
        var before = good.Outputs.Select(o => File.ReadAllBytes(o.Path)).ToList();

        File.WriteAllText(Path.Combine(Manuscript, "book.yml"), File.ReadAllText(Path.Combine(Manuscript, "book.yml")).Replace("body: [one.md, two.md]", "body: [one.md, two.md, three.md]", StringComparison.Ordinal));
        var failed = BookBuilder.Build(Request());

        Assert.Equal(BuildStatus.BookErrors, failed.Status);
        Assert.Contains(failed.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Empty(failed.Outputs);
        Assert.Null(failed.Pages);
        Assert.DoesNotContain(failed.Stages, s => s.Name is "typeset" or "write files");
        Assert.Equal(before, good.Outputs.Select(o => File.ReadAllBytes(o.Path)));
        Assert.Equal(2, Directory.GetFiles(Out).Length);
    }

    [Fact]
    public void Loading_only_keeps_the_book_and_the_style_even_when_they_have_errors()
    {
        var result = BookBuilder.Build(Request(BuildTarget.Load) with { Style = "no-such-style" });

        Assert.Equal(BuildStatus.BookErrors, result.Status);
        Assert.NotNull(result.Book);
        Assert.Contains(result.Diagnostics, d => d.Code.StartsWith("PUB2", StringComparison.Ordinal));
        Assert.Equal(["load", "style"], result.Stages.Select(s => s.Name));
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData(null, "yesterday", "PUB0002")]
    [InlineData("gone", null, "PUB1000")]
    public void Input_errors_stop_the_build_before_any_stage(string? manuscript, string? epoch, string code)
    {
        var result = BookBuilder.Build(Request() with { Manuscript = manuscript is null ? Manuscript : Path.Combine(_dir, manuscript), SourceDateEpoch = epoch });

        Assert.Equal(BuildStatus.InputErrors, result.Status);
        Assert.Equal(code, Assert.Single(result.Diagnostics).Code);
        Assert.Empty(result.Stages);
    }

    [Fact]
    public void An_output_folder_that_cannot_be_written_is_a_diagnostic_at_the_file_not_an_exception()
    {
        File.WriteAllText(Out, "a file where the folder should be");
        var result = BookBuilder.Build(Request());

        Assert.Equal(BuildStatus.InputErrors, result.Status);
        var problem = Assert.Single(result.Diagnostics);
        Assert.Equal("PUB5002", problem.Code);
        Assert.StartsWith(Out, problem.Span!.File, StringComparison.Ordinal);
        Assert.Equal("write files", result.Stages[^1].Name);
    }

    [Fact]
    public void A_diagnostic_is_written_the_same_way_as_text_and_as_json()
    {
        var d = Diagnostic.Warning("PUB1026", "no target 'x'", new SourceSpan("book/a.md", 3, 7), "define it", "or remove the link");
        Assert.Equal(["book/a.md:3:7: warning PUB1026: no target 'x'", "  hint: define it", "  hint: or remove the link"], DiagnosticFormatter.Lines(d));

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = DiagnosticFormatter.JsonEncoder }))
        {
            DiagnosticFormatter.WriteJson(json, d);
        }

        Assert.Equal("""{"code":"PUB1026","severity":"warning","file":"book/a.md","line":3,"column":7,"message":"no target 'x'","hints":["define it","or remove the link"]}""", Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>A clock that moves on one second each time it is read.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => 1;

        public override long GetTimestamp() => Interlocked.Increment(ref _now);
    }

    private sealed class RecordingProgress : IBuildProgress
    {
        public List<string> Events { get; } = [];

        public List<Diagnostic> Diagnostics { get; } = [];

        public void StageStarted(string activity) => Add("start " + activity);

        public void StageFinished(string activity, IReadOnlyList<StageTiming> timings) => Add("end " + string.Join(", ", timings.Select(t => t.Name)));

        public void Typesetting(TypesetProgress progress) => Add($"chapter pass {progress.Pass}: {progress.Division}/{progress.Divisions} {progress.Title}");

        public void Reported(IReadOnlyList<Diagnostic> diagnostics)
        {
            Add($"diagnostics {diagnostics.Count}");
            lock (Diagnostics)
            {
                Diagnostics.AddRange(diagnostics);
            }
        }

        private void Add(string e)
        {
            lock (Events)
            {
                Events.Add(e);
            }
        }
    }

    [Fact]
    public void A_terminal_decorates_the_formatter_s_parts_without_wording_them_again()
    {
        var d = Diagnostic.Warning("PUB1026", "no target 'x'", new SourceSpan("book/a.md", 3, 7)) with { Hints = ["define it"] };
        var lines = DiagnosticFormatter.Lines(d, new Brackets()).ToList();
        Assert.Equal(["<book/a.md:3:7:> {warning} (PUB1026:) |no target 'x'|", "  [hint:] |define it|"], lines);
        Assert.Equal(d.ToString(), DiagnosticFormatter.Lines(d).First());
    }

    private sealed class Brackets : IDiagnosticDecoration
    {
        public string Where(string text) => $"<{text}>";

        public string Severity(string text, Severity severity) => $"{{{text}}}";

        public string Code(string text) => $"({text})";

        public string Hint(string text) => $"[{text}]";

        public string Text(string text) => $"|{text}|";
    }
}
