using Publisher.Model;
using Publisher.Styles;

namespace Publisher.UnitTests.Styles;

public sealed class StyleLoaderTests
{
    private static readonly byte[] FontBytes = File.ReadAllBytes(Path.Combine(TestPaths.Styles, "trade", "fonts", "CharisSIL-Regular.ttf"));

    private const string Fonts = """
        fonts:
          body:
            regular: f.ttf
            italic: f.ttf
            bold: f.ttf
            bold-italic: f.ttf
        """;

    private static StageResult<StyleSheet> Load(string styleYml, string name = "s", Dictionary<string, byte[]>? extra = null)
    {
        var files = new Dictionary<string, byte[]>
        {
            [$"styles/{name}/style.yml"] = System.Text.Encoding.UTF8.GetBytes(styleYml),
            [$"styles/{name}/f.ttf"] = FontBytes,
        };
        foreach (var (k, v) in extra ?? [])
        {
            files[k] = v;
        }

        return StyleLoader.Load(new MemoryBookSource(files), name, "styles");
    }

    [Fact]
    public void The_shipped_trade_style_loads_with_a_6_by_9_page_and_a_larger_inner_margin()
    {
        var r = StyleLoader.Load(new FileSystemBookSource(), "trade", TestPaths.Styles);
        Assert.False(r.HasErrors, string.Join("\n", r.Diagnostics));
        var s = r.Value!;
        Assert.Equal(432, s.Page.Width.Points, 3);
        Assert.Equal(648, s.Page.Height.Points, 3);
        Assert.True(s.Page.MarginInner > s.Page.MarginOuter);
        Assert.True(s.Hyphenation.ContainsKey("en"));
    }

    [Fact]
    public void Units_convert_to_points_and_em_follows_the_body_size()
    {
        var s = Load(Fonts + "\npage:\n  width: 148mm\n  height: 21cm\nbody:\n  size: 12pt\n  indent: 1.5em\n").Value!;
        Assert.Equal(419.53, s.Page.Width.Points, 2);
        Assert.Equal(595.28, s.Page.Height.Points, 2);
        Assert.Equal(18, s.Body.Indent.Points, 3);
    }

    [Fact]
    public void An_unknown_key_is_an_error_with_the_nearest_known_key()
    {
        var r = Load(Fonts + "\nbody:\n  leadng: 14pt\n");
        var d = Assert.Single(r.Diagnostics, x => x.Severity == Severity.Error);
        Assert.Equal("styles/s/style.yml:8:3: error PUB2003: unknown key 'body.leadng'", d.ToString());
        Assert.Contains("did you mean 'body.leading'?", d.Hints);
    }

    [Fact]
    public void A_length_without_a_unit_names_the_units()
    {
        var r = Load(Fonts + "\nbody:\n  size: 11\n");
        var d = Assert.Single(r.Diagnostics, x => x.Severity == Severity.Error);
        Assert.StartsWith("styles/s/style.yml:8:9: error PUB2005:", d.ToString(), StringComparison.Ordinal);
        Assert.Contains("needs a unit", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_out_of_range_is_an_error()
    {
        var r = Load(Fonts + "\nbody:\n  size: 200pt\n");
        Assert.Contains(r.Diagnostics, d => d.Code == StyleCodes.OutOfRange && d.Span!.Line == 8);
    }

    [Fact]
    public void A_missing_font_file_and_a_file_that_is_not_a_font_are_errors()
    {
        var missing = Load(Fonts.Replace("bold: f.ttf", "bold: nope.ttf", StringComparison.Ordinal));
        Assert.Contains(missing.Diagnostics, d => d.Code == StyleCodes.MissingFile && d.Message.Contains("nope.ttf", StringComparison.Ordinal) && d.Span!.Line == 5);
        var notFont = Load(Fonts.Replace("italic: f.ttf", "italic: t.ttf", StringComparison.Ordinal), extra: new() { ["styles/s/t.ttf"] = "plain text"u8.ToArray() });
        Assert.Contains(notFont.Diagnostics, d => d.Code == StyleCodes.NotAFont && d.Span!.Line == 4);
    }

    [Fact]
    public void A_fallback_font_needs_only_its_regular_face_which_stands_in_for_the_others()
    {
        var with = Load(Fonts + "\n  fallback:\n    name: Fall Back\n    regular: f.ttf\n    bold: g.ttf\n", extra: new() { ["styles/s/g.ttf"] = FontBytes });
        var without = Load(Fonts + "\n  fallback:\n    name: Fall Back\n    italic: f.ttf\n");

        Assert.False(with.HasErrors, string.Join("\n", with.Diagnostics));
        var fallback = with.Value!.FallbackFont!;
        Assert.Equal("Fall Back", fallback.Name);
        Assert.Same(fallback.Regular, fallback.Italic);
        Assert.Same(fallback.Regular, fallback.BoldItalic);
        Assert.EndsWith("g.ttf", fallback.Bold.Path, StringComparison.Ordinal);
        Assert.Null(Load(Fonts).Value!.FallbackFont);
        Assert.Contains(without.Diagnostics, d => d.Message.Contains("fonts.fallback.regular: a fallback font needs at least its regular face", StringComparison.Ordinal));
    }

    [Fact]
    public void A_style_extends_another_and_sets_only_what_differs()
    {
        var r = Load("extends: base\nbody:\n  size: 16pt\n  leading: 20pt\n", "child", new()
        {
            ["styles/base/style.yml"] = System.Text.Encoding.UTF8.GetBytes(Fonts + "\npage:\n  width: 7in\n"),
            ["styles/base/f.ttf"] = FontBytes,
        });
        Assert.False(r.HasErrors, string.Join("\n", r.Diagnostics));
        Assert.Equal(504, r.Value!.Page.Width.Points, 3);
        Assert.Equal(16, r.Value.Body.Size.Points, 3);
    }

    [Fact]
    public void An_extends_cycle_is_an_error()
    {
        var r = Load("extends: b\n", "a", new() { ["styles/b/style.yml"] = "extends: a\n"u8.ToArray() });
        Assert.Contains(r.Diagnostics, d => d.Code == StyleCodes.ExtendsCycle);
    }

    [Fact]
    public void Malformed_yaml_is_an_error_with_a_place()
    {
        var r = Load("page: [1in, 2in\nbody:\n  size: 10pt\n");
        var d = Assert.Single(r.Diagnostics);
        Assert.Equal(StyleCodes.Syntax, d.Code);
        Assert.True(d.Span!.Line >= 1);
    }
}
