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

        // The guard stops at the quote marker that goes one level past the limit: column 129 of line 1.
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("book/ch.md:1:129: error PUB1028: the file cannot be read as Markdown: quotes and lists are nested more than 128 deep", diagnostic.ToString());
    }

    /// <summary>
    /// Markdig's block parser does work proportional to the depth for every open container on every line, and checks
    /// its limit only after the whole parse: 3,000 nested list items (each indented two more spaces, 9 MB) took 70 s
    /// and 10,000 would take an hour. The nesting guard stops the parse at the item that goes past the limit. (10,000
    /// items indented this way are 100 MB, which the size limit refuses before parsing.)
    /// </summary>
    [Theory]
    [InlineData(2_000, 0)]
    [InlineData(1, 10_000)]
    public void Deeply_nested_lists_fail_fast_at_the_line_that_goes_too_deep(int indentedItems, int markersOnOneLine)
    {
        var markdown = "# A\n\n" + string.Concat(Enumerable.Range(0, indentedItems).Select(i => new string(' ', i * 2) + "- item\n"))
            + string.Concat(Enumerable.Repeat("- ", markersOnOneLine)) + "deep\n";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = LoadChapter(markdown);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        var diagnostic = Assert.Single(result.Diagnostics);
        // Each item is a list and an item (two containers): the 65th item is the one too many, on line 67 when each
        // is on a line of its own, at column 129 when they all stand on line 4.
        Assert.StartsWith(indentedItems > 1 ? "book/ch.md:67:" : "book/ch.md:4:129:", diagnostic.ToString(), StringComparison.Ordinal);
        Assert.Contains("error PUB1028", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Chapter_paths_that_leave_the_manuscript_folder_are_refused_and_never_read()
    {
        var result = Load(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\nchapters: [a.md, ../outside.md, sub/../../outside.md, /etc/x.md]\n",
            ["a.md"] = "# A\n",
        });

        Assert.Equal(
            [
                "book/book.yml:2:18: error PUB1033: chapter file '../outside.md' is outside the manuscript folder; it is not read",
                "book/book.yml:2:33: error PUB1033: chapter file 'sub/../../outside.md' is outside the manuscript folder; it is not read",
                "book/book.yml:2:55: error PUB1033: chapter file '/etc/x.md' is outside the manuscript folder; it is not read",
            ],
            result.Lines());
    }

    [Theory]
    [MemberData(nameof(OddYaml))]
    public void Odd_book_yml_never_throws(string yaml)
    {
        var result = Load(new Dictionary<string, string> { ["book.yml"] = yaml, ["a.md"] = "# A\n" });

        Assert.True(result.Value is not null || result.HasErrors);
    }
}
