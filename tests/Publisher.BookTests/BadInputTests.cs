using System.Text;
using Publisher.TestKit.Pdf;

namespace Publisher.BookTests;

/// <summary>
/// Bad, hostile and huge input: each case gives either a good book or a clear <c>file:line:col</c> error with a
/// non-zero exit, in bounded time, and never a crash or a stack trace. A start on issue 8's corpus.
/// </summary>
public sealed class BadInputTests
{
    /// <summary>What a case should end in.</summary>
    public enum Outcome
    {
        /// <summary>A book (maybe with warnings, which must then name their place).</summary>
        Builds,

        /// <summary>An error with file:line:col and exit code 1.</summary>
        Error,
    }

    private static readonly string Words = string.Join(' ', Enumerable.Repeat("ordinary words in a long paragraph", 400));

    /// <summary>Case name → (chapter bytes, book.yml text, expected outcome, a code the diagnostics must contain).</summary>
    private static readonly Dictionary<string, (byte[] Chapter, string BookYml, Outcome Outcome, string? Code)> Cases = new()
    {
        ["alias-bomb"] = (Utf8("# A\n\nText.\n"), "title: T\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", Outcome.Error, "PUB1006"),
        ["yaml-wrong-type"] = (Utf8("# A\n\nText.\n"), "title: [not, a, string]\n", Outcome.Error, "PUB1009"),
        ["empty-chapter"] = ([], "title: T\n", Outcome.Builds, null),
        ["invalid-utf8"] = ([.. "# A\n\nBad "u8, 0xC3, 0x28, .. " byte.\n"u8], "title: T\n", Outcome.Error, "PUB1003"),
        ["utf16"] = (Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("# A\n\nText.\n")).ToArray(), "title: T\n", Outcome.Error, "PUB1003"),
        ["bom-crlf-mixed"] = ([.. Encoding.UTF8.GetPreamble(), .. Utf8("# A\r\n\r\nLine one\rline two\nline three.\r\n")], "title: T\n", Outcome.Builds, null),
        ["control-characters"] = (Utf8("# A\n\nBell \u0007 and escape \u001b here.\n"), "title: T\n", Outcome.Builds, "PUB1004"),
        ["deep-nesting"] = (Utf8("# A\n\n" + new string('>', 10_000) + " deep\n\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => new string(' ', i * 2) + "- item\n"))), "title: T\n", Outcome.Error, "PUB1028"),
        ["overlong-word"] = (Utf8("# A\n\nSee https://example.org/" + new string('x', 300) + " now.\n"), "title: T\n", Outcome.Builds, "PUB3001"),
        ["wide-table"] = (Utf8("# A\n\n" + string.Join(" | ", Enumerable.Range(1, 24).Select(i => "Heading" + i)) + "\n" + string.Join(" | ", Enumerable.Repeat("---", 24)) + "\n" + string.Join(" | ", Enumerable.Range(1, 24).Select(i => "cellvalue" + i)) + "\n"), "title: T\n", Outcome.Builds, null),
        ["long-table"] = (Utf8("# A\n\n| a | b |\n|---|---|\n" + string.Concat(Enumerable.Range(1, 300).Select(i => $"| row {i} | value {i} |\n"))), "title: T\n", Outcome.Builds, null),
        ["paragraph-longer-than-a-page"] = (Utf8("# A\n\n" + Words + "\n"), "title: T\n", Outcome.Builds, null),
        ["footnote-longer-than-a-page"] = (Utf8("# A\n\nA note.[^long]\n\n[^long]: " + Words + "\n"), "title: T\n", Outcome.Builds, null),
        ["undefined-and-unused-notes"] = (Utf8("# A\n\nCited[^nope] here.\n\n[^unused]: Never cited.\n"), "title: T\n", Outcome.Builds, "PUB1022"),
        ["duplicate-headings"] = (Utf8("# A\n\n## Same\n\nOne.\n\n## Same\n\nTwo.\n"), "title: T\n", Outcome.Builds, null),
        ["broken-cross-reference"] = (Utf8("# A\n\nSee [](#nowhere).\n"), "title: T\n", Outcome.Error, "PUB1026"),
        ["cjk-and-emoji"] = (Utf8("# A\n\nThe capital is 北京 🙂.\n"), "title: T\n", Outcome.Builds, "PUB3004"),
        ["missing-image"] = (Utf8("# A\n\n![A map](missing.png)\n"), "title: T\n", Outcome.Builds, "PUB1020"),
        ["hostile-html"] = (Utf8("# A\n\n<script>alert(1)</script><div onclick=\"x()\">Text <em>unclosed\n"), "title: T\n", Outcome.Builds, "PUB1029"),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [SkippableTheory]
    [MemberData(nameof(Names))]
    public void Bad_input_gives_a_book_or_an_error_with_its_place_never_a_crash(string name)
    {
        var (chapter, bookYml, outcome, code) = Cases[name];
        var dir = Repo.TempDir("bad-" + name);
        File.WriteAllText(Path.Combine(dir, "book.yml"), bookYml);
        File.WriteAllBytes(Path.Combine(dir, "a.md"), chapter);
        var outDir = Repo.TempDir("bad-out-" + name);

        var task = Task.Run(() => Repo.Publisher("build", "--manuscript", dir, "--out", outDir));
        Assert.True(task.Wait(TimeSpan.FromSeconds(120)), $"{name}: the build did not finish in two minutes");
        var run = task.Result;

        Assert.DoesNotContain("internal error", run.Err, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\n\s+at \S+\(", run.Err);
        if (code is not null)
        {
            Assert.Contains(code, run.Err, StringComparison.Ordinal);
        }

        // Every diagnostic names its place: a file, and for manuscript problems a line and column.
        foreach (var line in run.Err.Split('\n').Where(l => l.Contains(": error PUB", StringComparison.Ordinal) || l.Contains(": warning PUB", StringComparison.Ordinal)))
        {
            Assert.Matches(@"^\S+(:\d+(:\d+)?)?: (error|warning) PUB\d{4}: ", line);
        }

        if (outcome == Outcome.Error)
        {
            Assert.Equal(1, run.ExitCode);
            Assert.Matches(@"(book\.yml|a\.md):\d+:\d+: error PUB\d{4}", run.Err);
            Assert.Empty(Directory.GetFiles(outDir));
            return;
        }

        Assert.True(run.ExitCode == 0, $"{name}: exit {run.ExitCode}\n{run.Err}");
        var pdf = Directory.GetFiles(outDir, "*.pdf").Single();
        Assert.Single(Directory.GetFiles(outDir, "*.epub"));
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
    }
}
