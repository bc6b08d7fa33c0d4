using Publisher.Model;
using static Publisher.UnitTests.Manuscript.ManuscriptHelper;

namespace Publisher.UnitTests.Manuscript;

public sealed class BookConfigTests
{
    [Fact]
    public void An_unknown_key_is_reported_at_the_key_with_the_nearest_known_key_as_hint()
    {
        var result = Load(new Dictionary<string, string> { ["book.yml"] = "title: T\nautor: Jane\n", ["a.md"] = "# A\n" });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("book/book.yml:2:1: error PUB1008: unknown key 'autor' in book.yml", diagnostic.ToString());
        Assert.Equal(["did you mean 'author'?"], diagnostic.Hints.ToArray());
    }

    [Fact]
    public void Generated_pages_lead_a_plain_list_as_front_matter_and_warn_among_the_body_chapters()
    {
        var plain = LoadClean(new Dictionary<string, string> { ["book.yml"] = "title: T\nchapters: [half-title, contents, a.md]\n", ["a.md"] = "# A\n" });
        Assert.Equal([(DivisionKind.HalfTitle, Matter.Front), (DivisionKind.Contents, Matter.Front), (DivisionKind.Chapter, Matter.Body)],
            plain.Divisions.Select(d => (d.Kind, d.Matter)));

        Assert.Equal(
            [
                "book/book.yml:2:18: warning PUB1041: 'contents' is listed among the body chapters, so it is paged as one, with arabic folios",
                "book/book.yml:5:7: warning PUB1041: 'title-page' is listed among the body chapters, so it is paged as one, with arabic folios",
            ],
            ConfigDiagnostics("title: T\nchapters: [a.md, contents]\n").Concat(
                ConfigDiagnostics("title: T\nchapters:\n  front: [half-title]\n  body:\n    - title-page\n    - a.md\n  back: [contents]\n")));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_at_the_value()
    {
        Assert.Equal(
            [
                "book/book.yml:2:11: error PUB1009: 'subtitle' must be a string, not a mapping",
                "book/book.yml:3:10: error PUB1009: 'editors' must be a list, not a string",
                "book/book.yml:4:15: error PUB1009: an item of 'subjects' must be a string, not a list",
            ],
            ConfigDiagnostics("title: T\nsubtitle: {a: b}\neditors: Ed\nsubjects: [a, [b]]\n"));
    }

    [Fact]
    public void A_missing_or_empty_title_is_an_error()
    {
        Assert.Equal(["book/book.yml:1:1: error PUB1010: book.yml has no title"], ConfigDiagnostics("author: Jane\n"));
        Assert.Equal(["book/book.yml:1:7: error PUB1010: the title is empty"], ConfigDiagnostics("title:\n"));
        Assert.Equal(["book/book.yml:1:8: error PUB1009: 'title' must be a string, not a list"], ConfigDiagnostics("title: [a, b]\n"));
    }

    [Fact]
    public void A_yaml_syntax_error_is_reported_at_its_mark_with_a_clean_message()
    {
        Assert.Equal(
            ["book/book.yml:1:8: error PUB1005: YAML syntax error: while scanning a quoted scalar, found unexpected end of stream"],
            ConfigDiagnostics("title: 'unclosed\n"));
        Assert.Equal(
            ["book/book.yml:2:1: error PUB1005: the key 'title' is given twice"],
            ConfigDiagnostics("title: a\ntitle: b\n"));
    }

    [Theory]
    [InlineData("title: [X\n", "book/book.yml:1:8: error PUB1005: YAML syntax error: this '[' is never closed")]
    [InlineData("title: T\nauthors: [one, [two]\n", "book/book.yml:2:10: error PUB1005: YAML syntax error: this '[' is never closed")]
    [InlineData("title: T\nx: {a: 1\nsubtitle: S\n", "book/book.yml:2:4: error PUB1005: YAML syntax error: this '{' is never closed")]
    public void An_unclosed_bracket_is_reported_at_the_bracket_not_where_the_parser_gave_up(string yml, string expected)
    {
        var result = Load(new Dictionary<string, string> { ["book.yml"] = yml, ["a.md"] = "# A\n" });
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(expected, d.ToString());
        Assert.StartsWith("close it with '", d.Hints.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Anchors_and_aliases_are_refused_so_an_alias_bomb_cannot_explode()
    {
        const string Bomb = """
            title: T
            a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
            g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
            """;

        var result = Load(new Dictionary<string, string> { ["book.yml"] = Bomb, ["a.md"] = "# A\n" });

        Assert.Null(result.Value);
        Assert.Equal(["book/book.yml:2:4: error PUB1006: book.yml may not use YAML anchors ('&a')"], result.Lines());
        Assert.Equal(
            ["book/book.yml:2:11: error PUB1006: book.yml may not use YAML aliases ('*x')"],
            ConfigDiagnostics("title: T\nsubtitle: *x\n"));
    }

    [Fact]
    public void Empty_and_oddly_shaped_files_are_errors()
    {
        Assert.Equal(["book/book.yml: error PUB1007: book.yml is empty; it needs at least a title"], ConfigDiagnostics("# nothing\n"));
        Assert.Equal(["book/book.yml:1:1: error PUB1007: book.yml must be a mapping of keys to values, not a list"], ConfigDiagnostics("- title\n"));
        Assert.Equal(["book/book.yml:3:1: error PUB1007: book.yml holds more than one YAML document"], ConfigDiagnostics("title: a\n---\ntitle: b\n"));
    }

    [Fact]
    public void Values_are_validated_where_they_stand()
    {
        Assert.Equal(
            [
                "book/book.yml:2:11: error PUB1011: language 'en_US' is not a BCP 47 language tag",
                "book/book.yml:3:7: error PUB1011: date '2026-13-01' is not a date in the form YYYY-MM-DD",
                "book/book.yml:4:11: error PUB1011: modified 'yesterday' is not an ISO 8601 date and time",
            ],
            ConfigDiagnostics("title: T\nlanguage: en_US\ndate: 2026-13-01\nmodified: yesterday\n"));

        var result = Load(new Dictionary<string, string> { ["book.yml"] = "title: T\nlanguage: en_US\n", ["a.md"] = "# A\n" });
        Assert.Equal(["BCP 47 joins parts with a hyphen: 'en-US'"], result.Diagnostics.Single().Hints.ToArray());
    }

    [Fact]
    public void Author_and_authors_together_conflict()
    {
        Assert.Equal(
            ["book/book.yml:3:1: error PUB1012: both 'author' and 'authors' are given"],
            ConfigDiagnostics("title: T\nauthor: A\nauthors: [B]\n"));
    }

    [Fact]
    public void Bad_chapter_entries_are_reported_where_they_stand()
    {
        var result = Load(new Dictionary<string, string>
        {
            ["book.yml"] = """
                title: T
                chapters:
                  front:
                    - contnets
                    - notes.txt
                    - file: a.md
                      kind: copyrite
                    - file: a.md
                      colour: red
                    - kind: chapter
                  middle:
                    - a.md
                  body:
                    - [a.md]
                    - a.md
                """,
            ["a.md"] = "# A\n",
        });

        Assert.Equal(
            [
                "book/book.yml:4:7: error PUB1013: chapter entry 'contnets' is neither a .md file nor a generated page",
                "book/book.yml:5:7: error PUB1013: chapter entry 'notes.txt' is neither a .md file nor a generated page",
                "book/book.yml:7:13: error PUB1011: unknown chapter kind 'copyrite'",
                "book/book.yml:9:7: error PUB1008: unknown key 'colour' in a chapter entry",
                "book/book.yml:10:7: error PUB1010: chapter entry has no 'file'",
                "book/book.yml:11:3: error PUB1008: unknown key 'middle' in chapters",
                "book/book.yml:14:7: error PUB1009: a chapter entry must be a file name, a generated page or a mapping with 'file' and 'kind', not a list",
            ],
            result.Lines());
        Assert.Equal("did you mean 'contents'?", result.Diagnostics[0].Hints.Single());
        Assert.Equal("did you mean 'copyright'?", result.Diagnostics[2].Hints.Single());
        Assert.Equal("the keys are: front, body, back", result.Diagnostics[5].Hints.Single());
        Assert.Equal(["a"], result.Value!.Divisions.Select(d => d.Id));
    }
}
