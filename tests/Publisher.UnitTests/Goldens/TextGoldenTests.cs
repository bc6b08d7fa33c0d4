using System.Text;
using Publisher.Manuscript;
using Publisher.Model;
using Publisher.PageModel;
using Publisher.Styles;
using Publisher.Typesetting;

namespace Publisher.UnitTests.Goldens;

/// <summary>
/// Text goldens: the book model (<see cref="BookDump"/>) and the page model (<see cref="PageDump"/>) of a handful of
/// small books, compared with the files under <c>tests/goldens/expected</c>. A change that moves a line, re-breaks a
/// paragraph or changes what loading makes of the Markdown fails here with the first lines that differ, and the
/// actual dump is written to <c>tests/goldens/ActualOutput/</c> so that <c>diff -u</c> shows the whole change.
/// When the change is meant, <c>UPDATE_GOLDEN=1 dotnet test --filter Golden</c> rewrites the expected files; review
/// their diff in the commit like any other change. Each book is built in the trade style, as the sample is.
/// </summary>
public sealed class TextGoldenTests
{
    private static readonly string GoldenRoot = Path.Combine(TestPaths.Root, "tests", "goldens");

    /// <summary>Book name and manuscript folder, relative to the repository.</summary>
    public static TheoryData<string, string> Books => new()
    {
        { "minimal", "tests/goldens/books/minimal" },
        { "notes-and-lists", "tests/goldens/books/notes-and-lists" },
        { "front-and-back", "tests/goldens/books/front-and-back" },
        { "kitchen-sink", "tests/fixtures/kitchen-sink" },
        { "sample", "manuscript" },
    };

    [Theory]
    [MemberData(nameof(Books))]
    public void Book_model_matches_its_golden(string name, string folder)
    {
        var (book, loadDiagnostics) = Load(folder);
        Check(name, "book", BookDump.Write(book) + Diagnostics(loadDiagnostics));
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Page_model_matches_its_golden(string name, string folder)
    {
        var (book, _) = Load(folder);
        var style = StyleLoader.Load(new FileSystemBookSource(), "trade", TestPaths.Styles).Value!;
        var typeset = Typesetter.Typeset(book, style);
        Assert.NotNull(typeset.Value);
        Check(name, "pages", PageDump.Write(typeset.Value!) + Diagnostics(typeset.Diagnostics));
    }

    [Fact]
    public void A_moved_line_is_a_difference_the_comparison_reports()
    {
        // The comparison itself must be able to fail: a dump with one run moved by a point differs, and the report
        // names the line.
        var expected = "page 1\n  text 72,100 f0 11 #000000 \"a\"\n";
        var actual = "page 1\n  text 72,101 f0 11 #000000 \"a\"\n";
        var report = FirstDifference(expected, actual);
        Assert.NotNull(report);
        Assert.Contains("line 2", report, StringComparison.Ordinal);
        Assert.Null(FirstDifference(expected, expected));
    }

    private static (BookDocument Book, IReadOnlyList<Diagnostic> Diagnostics) Load(string folder)
    {
        var loaded = ManuscriptLoader.Load(new FileSystemBookSource(), Path.Combine(TestPaths.Root, folder), new LoadOptions());
        Assert.True(loaded.Value is not null, string.Join("\n", loaded.Diagnostics));
        return (loaded.Value!, loaded.Diagnostics);
    }

    private static string Diagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        var sb = new StringBuilder();
        foreach (var d in diagnostics)
        {
            var where = d.Span is null ? "" : $"{Path.GetFileName(d.Span.File)}:{d.Span.Line}:{d.Span.Column} ";
            sb.Append("diagnostic ").Append(where).Append(d.Severity).Append(' ').Append(d.Code).Append(": ")
                .Append(BookDump.Quote(d.Message)).Append('\n');
        }

        return sb.Length == 0 ? "" : "\n" + sb;
    }

    private static void Check(string name, string kind, string actual)
    {
        var expectedPath = Path.Combine(GoldenRoot, "expected", $"{name}.{kind}.txt");
        var actualPath = Path.Combine(GoldenRoot, "ActualOutput", $"{name}.{kind}.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, actual);
            return;
        }

        Assert.True(File.Exists(expectedPath), $"no golden {expectedPath}; run UPDATE_GOLDEN=1 dotnet test --filter Golden and review it");
        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        var difference = FirstDifference(expected, actual);
        if (difference is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(actualPath)!);
            File.WriteAllText(actualPath, actual);
            Assert.Fail($"{name}.{kind}.txt differs from its golden at {difference}\n" +
                        $"see: diff -u {expectedPath} {actualPath}\n" +
                        "if the change is meant: UPDATE_GOLDEN=1 dotnet test --filter Golden, and review the diff");
        }
    }

    /// <summary>The first differing line with its neighbours, or null when the texts are equal.</summary>
    internal static string? FirstDifference(string expected, string actual)
    {
        if (expected == actual)
        {
            return null;
        }

        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i])
        {
            i++;
        }

        string At(string[] lines, int k) => k < lines.Length ? lines[k] : "(end of file)";
        var sb = new StringBuilder().Append("line ").Append(i + 1).Append('\n');
        for (var k = Math.Max(0, i - 2); k < i; k++)
        {
            sb.Append("    ").Append(e[k]).Append('\n');
        }

        sb.Append("  - ").Append(At(e, i)).Append('\n').Append("  + ").Append(At(a, i)).Append('\n');
        return sb.ToString();
    }
}
