using static Publisher.UnitTests.Manuscript.ManuscriptHelper;

namespace Publisher.UnitTests.Manuscript;

/// <summary>Odd input gives diagnostics, never an exception.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> OddMarkdown() =>
    [
        "",
        "   \n\n\t\n",
        "# \n",
        "#\n\n##\n",
        "[^]\n\n[^x]:\n",
        "A{#}b{#-}c{#a b}d{#.x}e\n",
        "[](#) [ ](# ) [x]() ![]() <a id=\"\"></a> </a> <a name='ok'>x</a>\n",
        "| a |\n|---|---|\n| 1 | 2 | 3 |\n",
        "|\n|-|\n",
        "<div>\n<!-- unclosed\n",
        "<script>alert(1)</script>\n",
        "```\nunclosed fence\n",
        "* * *\n- - -\n___\n",
        new string('>', 200) + " deep\n",
        string.Concat(Enumerable.Repeat("* ", 100)) + "deep list\n",
        string.Concat(Enumerable.Repeat("*a ", 2000)) + "\n",
        "[^a]\n\n[^a]: one [^b]\n[^b]: two [^a]\n",
        "'\"'\"''\"\"...---...--\n",
        "# Title{#a}{#b} {#c}\n\ntext{#a}\n",
        "\u0000\u0001\u007f\u0085 text\n",
    ];

    [Theory]
    [MemberData(nameof(OddMarkdown))]
    public void Odd_markdown_never_throws(string markdown)
    {
        var result = LoadChapter(markdown);

        Assert.NotNull(result.Value);
        Assert.True(result.Value.Divisions.Length == 1 || result.HasErrors);
    }

    public static TheoryData<string> OddYaml() =>
    [
        "title",
        "title: [",
        "? [a, b]\n: c\ntitle: T\n",
        "1: 2\ntitle: T\n",
        "title: !!binary aGVsbG8=\n",
        "title: T\nchapters:\n",
        "title: T\nchapters: {}\n",
        "title: T\nchapters: []\n",
        "title: T\nchapters:\n  body:\n    - {}\n",
        "title: T\nchapters:\n  body:\n    - file: [x]\n",
        "title: T\nchapters:\n  body:\n    - .md\n",
        "title: T\nlanguage: \"\"\ndate: \"\"\nauthors: ~\n",
        "%YAML 1.1\n---\ntitle: T\n",
        "title: T\n...\n",
        "\ttitle:\t T\n",
        new string('[', 500),
        string.Concat(Enumerable.Repeat("- ", 300)) + "x\n",
    ];

    [Fact]
    public void Markdown_nested_beyond_markdigs_limit_is_an_error_not_an_exception()
    {
        var result = LoadChapter(new string('>', 200) + " deep\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.StartsWith("book/ch.md:1:1: error PUB1028: the file cannot be read as Markdown: ", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OddYaml))]
    public void Odd_book_yml_never_throws(string yaml)
    {
        var result = Load(new Dictionary<string, string> { ["book.yml"] = yaml, ["a.md"] = "# A\n" });

        Assert.True(result.Value is not null || result.HasErrors);
    }
}
