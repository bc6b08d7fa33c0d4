using Publisher.Manuscript.Config;
using Publisher.Model;
using Publisher.Styles;

namespace Publisher.UnitTests.Yaml;

/// <summary>
/// Every YAML file goes through one front end: each guard and each syntax message is checked on book.yml and on
/// style.yml alike, with the file's own code and the same words at the same place.
/// </summary>
public sealed class YamlGuardTests
{
    private static readonly byte[] FontBytes = File.ReadAllBytes(Path.Combine(TestPaths.Styles, "trade", "fonts", "CharisSIL-Regular.ttf"));

    /// <summary>The diagnostics of reading <paramref name="yml"/> as book.yml ("book") or as a style's style.yml ("style").</summary>
    private static List<string> Read(string file, string yml)
    {
        if (file == "book")
        {
            var bag = new DiagnosticBag();
            _ = BookConfigReader.Read(yml, "book.yml", bag);
            return [.. bag.ToImmutable().Select(d => d.ToString())];
        }

        var files = new Dictionary<string, byte[]>
        {
            ["s/style.yml"] = System.Text.Encoding.UTF8.GetBytes(yml),
            ["s/f.ttf"] = FontBytes,
        };
        var r = StyleLoader.Load(new MemoryBookSource(files), "./s", ".");
        return [.. r.Diagnostics.Select(d => d.ToString().Replace("s/style.yml", "style.yml", StringComparison.Ordinal))];
    }

    private static string Code(string file, string book, string style) => file == "book" ? book : style;

    [Theory]
    [InlineData("book")]
    [InlineData("style")]
    public void An_alias_is_refused_at_its_place(string file)
    {
        var lines = Read(file, "title: T\nsubtitle: *x\n");
        Assert.Equal([$"{file}.yml:2:11: error {Code(file, "PUB1006", "PUB2013")}: {file}.yml may not use YAML aliases ('*x')"], lines);
    }

    [Theory]
    [InlineData("book")]
    [InlineData("style")]
    public void An_alias_bomb_is_refused_at_its_first_anchor(string file)
    {
        const string Bomb = """
            a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]
            """;
        Assert.Equal([$"{file}.yml:1:4: error {Code(file, "PUB1006", "PUB2013")}: {file}.yml may not use YAML anchors ('&a')"], Read(file, Bomb));
    }

    [Theory]
    [InlineData("book")]
    [InlineData("style")]
    public void A_file_with_too_many_nodes_is_refused(string file)
    {
        var lines = Read(file, "x: [" + string.Join(", ", Enumerable.Repeat("s", 30_000)) + "]\n");
        var line = Assert.Single(lines);
        Assert.Contains($"error {Code(file, "PUB1006", "PUB2013")}: {file}.yml is too large (more than 20000 YAML nodes)", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("book")]
    [InlineData("style")]
    public void A_file_of_more_than_a_mebibyte_is_refused_before_it_is_parsed(string file)
    {
        // One long scalar: few nodes, so only the size guard can catch it.
        var lines = Read(file, "title: " + new string('x', (1 << 20) + 10) + "\n");
        Assert.Equal([$"{file}.yml: error {Code(file, "PUB1006", "PUB2013")}: {file}.yml is too large (1024 KiB; at most 1024 KiB)"], lines);
    }

    [Theory]
    [InlineData("book")]
    [InlineData("style")]
    public void A_syntax_error_has_the_same_words_and_place_in_both_files(string file)
    {
        Assert.Equal(
            [$"{file}.yml:1:8: error {Code(file, "PUB1005", "PUB2002")}: YAML syntax error: while scanning a quoted scalar, found unexpected end of stream"],
            Read(file, "title: 'unclosed\n"));
        Assert.Equal([$"{file}.yml:2:1: error {Code(file, "PUB1005", "PUB2002")}: the key 'title' is given twice"], Read(file, "title: a\ntitle: b\n"));
        Assert.Equal([$"{file}.yml:2:4: error {Code(file, "PUB1005", "PUB2002")}: YAML syntax error: this '{{' is never closed"], Read(file, "title: T\nx: {a: 1\nsubtitle: S\n"));
    }

    [Theory]
    [InlineData("book")]
    [InlineData("style")]
    public void A_second_document_is_refused(string file)
    {
        Assert.Equal(
            [$"{file}.yml:3:1: error {Code(file, "PUB1007", "PUB2002")}: {file}.yml holds more than one YAML document"],
            Read(file, "title: a\n---\ntitle: b\n"));
    }
}
