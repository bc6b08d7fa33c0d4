using System.Text.Json;
using System.Text.RegularExpressions;
using Publisher.Cli;

namespace Publisher.BookTests;

/// <summary>
/// The command line as a person and a script meet it: the summary, --json, --quiet, plain output off a terminal,
/// help for every verb, and suggestions for a mistyped option. The tests that switch NO_COLOR are in this one class,
/// so xunit runs them one after another.
/// </summary>
public sealed partial class CommandLineTests
{
    /// <summary>A two-chapter book whose <c>&lt;div&gt;</c> draws one warning (PUB1018) with its place.</summary>
    private static string SmallBook(string name)
    {
        var dir = Repo.TempDir(name);
        File.WriteAllText(Path.Combine(dir, "book.yml"), "title: A Small Book\nchapters: [a.md, b.md]\n");
        File.WriteAllText(Path.Combine(dir, "a.md"), "# First\n\nOne two three.\n\n<div>four five</div>\n");
        File.WriteAllText(Path.Combine(dir, "b.md"), "# Second\n\nSix seven.\n");
        return dir;
    }

    private static Repo.CliRun Run(bool? terminal, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr, terminal);
        return new Repo.CliRun(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Json_is_one_document_on_stdout_with_the_summary_and_every_diagnostic_and_nothing_else()
    {
        var book = SmallBook("json");
        var outDir = Repo.TempDir("json-out");
        var run = Repo.Publisher("build", book, "--out", outDir, "--json");

        Assert.True(run.ExitCode == 0, run.Out + run.Err);
        Assert.Equal("", run.Err);
        // Parsing the whole of stdout proves there is nothing before or after the document.
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("build", root.GetProperty("command").GetString());
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());

        var facts = root.GetProperty("book");
        Assert.Equal("A Small Book", facts.GetProperty("title").GetString());
        Assert.True(facts.GetProperty("pages").GetInt32() >= 2);
        Assert.Equal(2, facts.GetProperty("chapters").GetInt32());
        Assert.Equal(9, facts.GetProperty("words").GetInt32());

        var outputs = root.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal([".pdf", ".epub"], outputs.Select(o => Path.GetExtension(o.GetProperty("path").GetString())));
        foreach (var o in outputs)
        {
            Assert.Equal(new FileInfo(o.GetProperty("path").GetString()!).Length, o.GetProperty("bytes").GetInt64());
        }

        var stages = root.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["load", "style", "typeset", "render PDF", "write EPUB", "write files"], stages);
        Assert.All(root.GetProperty("stages").EnumerateArray(), s => Assert.True(s.GetProperty("seconds").GetDouble() >= 0));

        Assert.Equal(1, root.GetProperty("warnings").GetProperty("PUB1018").GetInt32());
        Assert.Empty(root.GetProperty("errors").EnumerateObject());
        var warning = Assert.Single(root.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("PUB1018", warning.GetProperty("code").GetString());
        Assert.Equal("warning", warning.GetProperty("severity").GetString());
        Assert.EndsWith("a.md", warning.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, warning.GetProperty("line").GetInt32());
        Assert.Equal(1, warning.GetProperty("column").GetInt32());
        Assert.False(string.IsNullOrEmpty(warning.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Array, warning.GetProperty("hints").ValueKind);
    }

    [Fact]
    public void Json_of_a_failed_build_holds_the_errors_with_their_places_and_keeps_exit_code_1()
    {
        var book = Repo.TempDir("json-bad");
        File.WriteAllText(Path.Combine(book, "book.yml"), "title: Broken\nchapters: [a.md, gone.md]\n");
        File.WriteAllText(Path.Combine(book, "a.md"), "# A\n\nText.\n");
        var run = Repo.Publisher("build", "--manuscript", book, "--out", Repo.TempDir("json-bad-out"), "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Err);
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("book").ValueKind);
        Assert.Contains("nothing was written", root.GetProperty("failure").GetString(), StringComparison.Ordinal);
        var error = root.GetProperty("diagnostics").EnumerateArray().First(d => d.GetProperty("code").GetString() == "PUB1014");
        Assert.Equal("error", error.GetProperty("severity").GetString());
        Assert.EndsWith("book.yml", error.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("column").GetInt32() > 0);
        Assert.Equal(1, root.GetProperty("errors").GetProperty("PUB1014").GetInt32());
    }

    [Fact]
    public void Json_reports_a_usage_error_as_json_with_exit_code_2()
    {
        var run = Repo.Publisher("build", "--json", "--stlye", "a5");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Err);
        var error = Assert.Single(JsonDocument.Parse(run.Out).RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("PUB0001", error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("file").ValueKind);
        Assert.Contains("did you mean '--style'?", error.GetProperty("hints")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_names_the_style_the_book_was_built_in_when_none_was_given()
    {
        var run = Repo.Publisher("diff", SmallBook("diff-label"), "--vs-style", "a5", "--out", Repo.TempDir("diff-label-out"), "--dpi", "10");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("style trade → style a5", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_reports_an_unknown_command_as_json_too()
    {
        var run = Repo.Publisher("biuld", "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Err);
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal(2, root.GetProperty("exitCode").GetInt32());
        var error = Assert.Single(root.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("PUB0001", error.GetProperty("code").GetString());
        Assert.Equal("unknown command 'biuld'", error.GetProperty("message").GetString());
        // Escaped only as JSON needs: a script that greps the raw text finds the apostrophes.
        Assert.Contains("\"unknown command 'biuld'\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("did you mean 'build'?", error.GetProperty("hints")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_and_diff_take_json_too()
    {
        var book = SmallBook("json-preview");
        var preview = Repo.Publisher("preview", book, "--pages", "1-2", "--dpi", "20", "--out", Repo.TempDir("json-preview-out"), "--json");
        Assert.True(preview.ExitCode == 0, preview.Out + preview.Err);
        var images = JsonDocument.Parse(preview.Out).RootElement.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, i => Assert.True(File.Exists(i.GetProperty("path").GetString())));

        var diff = Repo.Publisher("diff", book, "--vs-style", "a5", "--dpi", "20", "--out", Repo.TempDir("json-diff-out"), "--json");
        Assert.True(diff.ExitCode == 0, diff.Out + diff.Err);
        var d = JsonDocument.Parse(diff.Out).RootElement.GetProperty("diff");
        Assert.True(d.GetProperty("pagesBefore").GetInt32() > 0);
        Assert.NotEmpty(d.GetProperty("changedPages").EnumerateArray());
        Assert.EndsWith("index.html", d.GetProperty("report").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_build_ends_with_a_summary_of_pages_words_chapters_files_stage_times_and_warnings_by_code()
    {
        var outDir = Repo.TempDir("summary-out");
        var run = Repo.Publisher("build", SmallBook("summary"), "--out", outDir);
        Assert.True(run.ExitCode == 0, run.Err);

        Assert.Matches(@"^Built ""A Small Book"" in \d+\.\d\d s: \d+ pages, 9 words, 2 chapters\n", run.Out);
        var pdf = Path.Combine(outDir, "a-small-book.pdf");
        Assert.Matches(Regex.Escape(pdf) + @" +\d+\.\d KiB  \d+ pages\n", run.Out);
        Assert.Matches(Regex.Escape(Path.Combine(outDir, "a-small-book.epub")) + @" +\d+\.\d (KiB|MiB)  \d+ documents\n", run.Out);
        Assert.Matches(@"  time: load \d+\.\d\d s, style \d+\.\d\d s, typeset \d+\.\d\d s, render PDF \d+\.\d\d s, write EPUB \d+\.\d\d s, write files \d+\.\d\d s\n", run.Out);
        Assert.Contains("  warnings: 1 (PUB1018 ×1)", run.Out, StringComparison.Ordinal);
        // The warning itself is on stderr with its place, as ever; the summary only counts it.
        Assert.Matches(@"a\.md:5:1: warning PUB1018: ", run.Err);
    }

    [Fact]
    public void Quiet_prints_only_errors_and_warnings()
    {
        var run = Repo.Publisher("build", SmallBook("quiet"), "--out", Repo.TempDir("quiet-out"), "--quiet");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(@"^(\S+: warning PUB\d{4}: |  hint: )", l));
    }

    [Fact]
    public void Off_a_terminal_or_with_NO_COLOR_the_output_is_plain_lines()
    {
        var book = SmallBook("plain");

        // Not a terminal (the writers are not the console): one plain line per stage, no escape codes.
        var plain = Run(null, "build", book, "--out", Repo.TempDir("plain-out"));
        Assert.Equal(0, plain.ExitCode);
        Assert.DoesNotContain('\u001b', plain.Out + plain.Err);
        Assert.Contains("publisher: typeset", plain.Err, StringComparison.Ordinal);
        Assert.Contains("publisher: render PDF", plain.Err, StringComparison.Ordinal);

        // A terminal does get colour and the live display: this is what the two checks around it rule out.
        var live = Run(true, "build", book, "--out", Repo.TempDir("live-out"));
        Assert.Equal(0, live.ExitCode);
        Assert.Contains('\u001b', live.Out + live.Err);
        Assert.Contains("Built \"A Small Book\"", live.Out, StringComparison.Ordinal);

        Environment.SetEnvironmentVariable("NO_COLOR", "1");
        try
        {
            var noColor = Run(true, "build", book, "--out", Repo.TempDir("nocolor-out"));
            Assert.Equal(0, noColor.ExitCode);
            Assert.DoesNotContain('\u001b', noColor.Out + noColor.Err);
            Assert.Contains("publisher: typeset", noColor.Err, StringComparison.Ordinal);
            Assert.Matches(@"a\.md:5:1: warning PUB1018: ", noColor.Err);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NO_COLOR", null);
        }
    }

    [Fact]
    public void Every_verb_has_help_listing_every_option_with_a_description_and_an_example()
    {
        var overview = Repo.Publisher("--help");
        Assert.Equal(0, overview.ExitCode);
        Assert.Equal(["build", "check", "init", "preview", "diff", "watch"], CommandLine.Verbs.Select(v => v.Name));
        foreach (var verb in CommandLine.Verbs)
        {
            Assert.Contains($"  {verb.Name} ", overview.Out, StringComparison.Ordinal);
            var help = Repo.Publisher(verb.Name, "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.StartsWith($"Usage: publisher {verb.Name}", help.Out, StringComparison.Ordinal);
            Assert.Contains("Examples:\n  publisher " + verb.Name, help.Out, StringComparison.Ordinal);
            Assert.NotEmpty(verb.Options);
            foreach (var option in verb.Options)
            {
                var left = option.IsFlag ? option.Name : $"{option.Name} {option.Value}";
                Assert.Matches($@"\n  {Regex.Escape(left)} +{Regex.Escape(option.Description)}\n +e\.g\. publisher {verb.Name} {Regex.Escape(option.Example)}\n", help.Out);
                Assert.False(string.IsNullOrWhiteSpace(option.Description));
                Assert.DoesNotContain('\n', option.Description);
            }

            // The options help lists are the ones the parser takes: every long option in the text is one of them.
            var listed = Regex.Matches(help.Out, @"(?m)^  (--[a-z-]+)").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(verb.Options.Select(o => o.Name), listed);
        }
    }

    [Fact]
    public void The_readme_documents_every_option_of_every_verb()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        foreach (var verb in CommandLine.Verbs)
        {
            Assert.Contains($"publisher {verb.Name}", readme, StringComparison.Ordinal);
            foreach (var option in verb.Options)
            {
                Assert.True(readme.Contains(option.Name, StringComparison.Ordinal), $"README.md does not mention {verb.Name} {option.Name}");
            }
        }
    }

    [Theory]
    [InlineData("build", "--stlye", "--style")]
    [InlineData("build", "--ouut", "--out")]
    [InlineData("preview", "--contactsheet", "--contact-sheet")]
    [InlineData("diff", "--vs-styel", "--vs-style")]
    [InlineData("init", "--titel", "--title")]
    [InlineData("watch", "--prot", "--port")]
    public void An_unknown_option_is_a_usage_error_naming_the_nearest_option(string verb, string typo, string nearest)
    {
        var run = Repo.Publisher(verb, typo, "x");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error PUB0001: unknown option '{typo}' for {verb}", run.Err, StringComparison.Ordinal);
        Assert.Contains($"did you mean '{nearest}'?", run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void An_option_far_from_any_gets_no_guess_but_the_way_to_the_help()
    {
        var run = Repo.Publisher("build", "--zzzzzzzzzz");
        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("did you mean", run.Err, StringComparison.Ordinal);
        Assert.Contains("publisher build --help", run.Err, StringComparison.Ordinal);

        var command = Repo.Publisher("biuld");
        Assert.Equal(2, command.ExitCode);
        Assert.Contains("did you mean 'build'?", command.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_package_version()
    {
        var run = Repo.Publisher("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^publisher \d+\.\d+\.\d+\n$", run.Out);
    }

    [Fact]
    public void A_folder_given_without_its_option_is_the_manuscript_and_two_are_an_error()
    {
        var book = SmallBook("positional");
        var run = Repo.Publisher("build", book, "--out", Repo.TempDir("positional-out"), "--quiet");
        Assert.Equal(0, run.ExitCode);

        var two = Repo.Publisher("build", book, book);
        Assert.Equal(2, two.ExitCode);
        Assert.Contains("takes one DIR", two.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_manuscript_folder_says_where_it_looked_and_how_to_start_a_book()
    {
        var run = Repo.Publisher("build", "/no/such/book");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("/no/such/book: error PUB1000: manuscript folder does not exist", run.Err, StringComparison.Ordinal);
        Assert.Contains("publisher init", run.Err, StringComparison.Ordinal);
    }
}
