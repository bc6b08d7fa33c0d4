using System.Globalization;
using CsCheck;
using Publisher.Fuzz;
using Publisher.TestKit;
using Xunit.Abstractions;

namespace Publisher.BookTests;

/// <summary>
/// The Markdown fuzzer (tests/Publisher.Fuzz) as a property test: random manuscripts build in-process into a valid PDF
/// and a well-formed EPUB that both show every word. A few cases here, to keep the suite short;
/// <c>PUBLISHER_FUZZ_CASES</c> asks for more, and the fuzzer's own program runs a thousand. A failure prints the
/// smallest failing manuscript CsCheck found and the seed that reproduces it (<c>CsCheck_Seed</c>).
/// </summary>
[Slow("builds random books and checks each with qpdf")]
public sealed class FuzzTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Random_manuscripts_build_into_valid_outputs_that_show_every_word()
    {
        ExternalTools.Require("qpdf", "qpdf");
        ExternalTools.Require("pdftotext (poppler-utils)", "pdftotext");
        var cases = long.TryParse(Environment.GetEnvironmentVariable("PUBLISHER_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 12;

        MarkdownGen.Manuscripts.Sample(BookCheck.Check, writeLine: output.WriteLine, iter: cases, threads: 1, print: m => m.ToString());
    }

    [Fact]
    public void The_checker_fails_a_book_that_loses_a_word()
    {
        // The property must be able to fail: a manuscript that claims a word no output can show.
        var manuscript = MarkdownGen.Render([new Chapter(["title"], [new Para([new Word("shown")])], [])]);
        var lying = manuscript with { Expected = new HashSet<string>(manuscript.Expected) { "neverwritten" } };

        var e = Assert.Throws<PropertyFailedException>(() => BookCheck.Check(lying));

        Assert.Contains("lacks 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("neverwritten", e.Message, StringComparison.Ordinal);
    }
}
