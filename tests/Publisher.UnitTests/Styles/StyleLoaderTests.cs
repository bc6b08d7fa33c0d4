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
    public void A_key_near_nothing_lists_its_sections_keys_instead_of_a_far_guess()
    {
        // "colour" is 5 edits from "bold": the shared "headings.h2." must not make that a suggestion.
        var r = Load(Fonts + "\nheadings:\n  h2: { colour: red }\n");
        var d = Assert.Single(r.Diagnostics, x => x.Severity == Severity.Error);
        Assert.Equal("styles/s/style.yml:8:9: error PUB2003: unknown key 'headings.h2.colour'", d.ToString());
        Assert.Equal(["the keys of 'headings.h2' are size, leading, space-before, space-after, bold, italic, small-caps, align"], d.Hints.ToArray());
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

    /// <summary>A source of text files plus the font, wherever a test's styles put it.</summary>
    private static MemoryBookSource Files(Dictionary<string, string> texts, params string[] fonts)
    {
        var files = texts.ToDictionary(kv => kv.Key, kv => System.Text.Encoding.UTF8.GetBytes(kv.Value));
        foreach (var font in fonts)
        {
            files[font] = FontBytes;
        }

        return new MemoryBookSource(files);
    }

    /// <summary>A book's own styles folder holding only 'mystyle', and a shipped 'trade' that sets the fonts.</summary>
    private static readonly Dictionary<string, string> OwnAndShipped = new()
    {
        ["mine/styles/mystyle/style.yml"] = "extends: trade\nbody:\n  size: 11pt\n",
        ["shipped/trade/style.yml"] = Fonts + "\npage:\n  width: 6in\n",
    };

    private static readonly StyleRoots MineThenShipped = new("mine/styles", "shipped");

    private static string[] Errors(StageResult<StyleSheet> r) => [.. r.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.ToString())];

    [Fact]
    public void A_books_own_styles_folder_adds_to_the_shipped_styles_instead_of_hiding_them()
    {
        var source = Files(OwnAndShipped, "shipped/trade/f.ttf");

        var trade = StyleLoader.Load(source, new StyleChoice("trade"), MineThenShipped);
        var mine = StyleLoader.Load(source, new StyleChoice("mystyle"), MineThenShipped);

        Assert.Empty(Errors(trade));
        Assert.Equal("trade", trade.Value!.Name);
        Assert.Empty(Errors(mine));
        Assert.Equal(11, mine.Value!.Body.Size.Points, 3);
    }

    [Fact]
    public void A_books_own_style_shadows_a_shipped_style_of_the_same_name()
    {
        var files = new Dictionary<string, string>(OwnAndShipped) { ["mine/styles/trade/style.yml"] = Fonts + "\npage:\n  width: 7in\n" };
        var r = StyleLoader.Load(Files(files, "shipped/trade/f.ttf", "mine/styles/trade/f.ttf"), new StyleChoice("trade"), MineThenShipped);

        Assert.Empty(Errors(r));
        Assert.Equal(504, r.Value!.Page.Width.Points, 3);
    }

    [Theory]
    [InlineData("trdae", "publisher: error PUB2001: unknown style 'trdae'", "styles in mine/styles: mystyle")]
    [InlineData("elsewhere/mystyle", "elsewhere/mystyle/style.yml:1:10: error PUB2001: unknown style 'trad'", "styles in elsewhere: mystyle")]
    public void An_unknown_name_lists_the_styles_beside_and_the_shipped_ones(string choice, string error, string beside)
    {
        // The second extends a misspelt parent: it is looked for beside the extending style, then in the shipped ones.
        var files = new Dictionary<string, string>(OwnAndShipped) { ["elsewhere/mystyle/style.yml"] = "extends: trad\n" };
        var r = StyleLoader.Load(Files(files, "shipped/trade/f.ttf"), new StyleChoice(choice), MineThenShipped);

        var d = Assert.Single(r.Diagnostics);
        Assert.Equal(error, d.ToString());
        Assert.Equal(["did you mean 'trade'?", beside, "styles that ship with publisher: trade"], d.Hints.ToArray());
    }

    [Fact]
    public void Extends_by_name_looks_beside_the_style_first_then_in_the_shipped_styles()
    {
        var files = new Dictionary<string, string>(OwnAndShipped)
        {
            ["elsewhere/mystyle/style.yml"] = "extends: trade\nbody:\n  size: 12pt\n",
            ["beside/mystyle/style.yml"] = "extends: trade\n",
            ["beside/trade/style.yml"] = Fonts + "\npage:\n  width: 5in\n",
        };
        var source = Files(files, "shipped/trade/f.ttf", "beside/trade/f.ttf");

        // No styles folder of the book at all: a style kept anywhere still starts from the shipped trade.
        var elsewhere = StyleLoader.Load(source, new StyleChoice("elsewhere/mystyle"), new StyleRoots(null, "shipped"));
        var beside = StyleLoader.Load(source, new StyleChoice("beside/mystyle"), MineThenShipped);

        Assert.Empty(Errors(elsewhere));
        Assert.Equal(12, elsewhere.Value!.Body.Size.Points, 3);
        Assert.Empty(Errors(beside));
        Assert.Equal(360, beside.Value!.Page.Width.Points, 3);
    }

    [Fact]
    public void A_books_own_trade_that_extends_trade_starts_from_the_shipped_one_not_itself()
    {
        var files = new Dictionary<string, string>(OwnAndShipped)
        {
            ["mine/styles/trade/style.yml"] = "extends: trade\nbody:\n  size: 12pt\n",
            // Round about: mine/styles/loop extends trade (the book's own), which extends trade (the shipped one).
            ["mine/styles/loop/style.yml"] = "extends: trade\n",
        };
        var source = Files(files, "shipped/trade/f.ttf");

        var trade = StyleLoader.Load(source, new StyleChoice("trade"), MineThenShipped);
        var loop = StyleLoader.Load(source, new StyleChoice("loop"), MineThenShipped);

        Assert.Empty(Errors(trade));
        Assert.Equal((12, 432), (trade.Value!.Body.Size.Points, trade.Value.Page.Width.Points));
        Assert.Empty(Errors(loop));
        Assert.Equal(12, loop.Value!.Body.Size.Points, 3);
    }

    [Fact]
    public void An_extends_cycle_outside_the_styles_folders_is_still_an_error()
    {
        var files = new Dictionary<string, string>(OwnAndShipped)
        {
            ["elsewhere/a/style.yml"] = "extends: b\n",
            ["elsewhere/b/style.yml"] = "extends: a\n",
        };
        var r = StyleLoader.Load(Files(files, "shipped/trade/f.ttf"), new StyleChoice("elsewhere/a"), MineThenShipped);

        var d = Assert.Single(r.Diagnostics);
        Assert.Equal("elsewhere/b/style.yml:1:10: error PUB2009: 'extends' makes a cycle: elsewhere/a/style.yml → elsewhere/b/style.yml → elsewhere/a/style.yml", d.ToString());
    }

    [Fact]
    public void A_name_from_book_yml_is_reported_at_its_place()
    {
        var files = new Dictionary<string, string>(OwnAndShipped) { ["book/mystyle/style.yml"] = "extends: trade\n" };
        var source = Files(files, "shipped/trade/f.ttf");
        var at = new SourceSpan("book/book.yml", 6, 8);

        var typo = Assert.Single(StyleLoader.Load(source, new StyleChoice("trdae", at, "book"), MineThenShipped).Diagnostics);
        var folder = Assert.Single(StyleLoader.Load(source, new StyleChoice("mystyle", at, "book"), new StyleRoots(null, "shipped")).Diagnostics);

        Assert.Equal("book/book.yml:6:8: error PUB2001: unknown style 'trdae'", typo.ToString());
        Assert.Contains("did you mean 'trade'?", typo.Hints);
        Assert.Equal("book/book.yml:6:8: error PUB2001: unknown style 'mystyle'", folder.ToString());
        Assert.Equal("'mystyle' is not a style name but a folder beside book.yml: write style: ./mystyle", folder.Hints[0]);
    }

    /// <summary>A parent with the fonts, 0.875in + 0.625in side margins, 14pt leading and em-sized quotes.</summary>
    private static StageResult<StyleSheet> Child(string childYml)
    {
        var parent = Fonts + "\npage:\n  width: 6in\n  margin-inner: 0.875in\n  margin-outer: 0.625in\nbody:\n  leading: 14pt\nquote:\n  size: 1.2em\n";
        return Load(childYml, "child", new() { ["styles/base/style.yml"] = System.Text.Encoding.UTF8.GetBytes(parent), ["styles/base/f.ttf"] = FontBytes });
    }

    [Fact]
    public void A_problem_a_childs_value_makes_with_its_parents_is_reported_at_the_childs_line()
    {
        var width = Child("extends: base\npage:\n  width: 2in\n");
        var size = Child("extends: base\nbody:\n  size: 20pt\n");
        var em = Child("extends: base\nbody:\n  size: 70pt\n  leading: 80pt\n");

        Assert.Equal(["styles/child/style.yml:3:10: error PUB2011: the margins leave a text block 36pt wide; at least 1in is needed"], Errors(width));
        Assert.Equal(["styles/child/style.yml:3:9: error PUB2006: body.leading (14pt) is less than body.size (20pt): lines would overlap"], Errors(size));
        var d = Assert.Single(em.Diagnostics, x => x.Severity == Severity.Error);
        Assert.Equal("styles/child/style.yml:3:9: error PUB2006: quote.size is 84pt (1.2em of body.size 70pt), outside the allowed range 4pt to 72pt", d.ToString());
        Assert.Equal(["quote.size is set at styles/base/style.yml:14:9"], d.Hints.ToArray());
    }

    [Fact]
    public void A_problem_of_the_parents_own_values_stays_at_the_parents_line()
    {
        var r = Load("extends: base\nbody:\n  size: 11pt\n", "child", new()
        {
            ["styles/base/style.yml"] = System.Text.Encoding.UTF8.GetBytes(Fonts + "\npage:\n  width: 2in\n"),
            ["styles/base/f.ttf"] = FontBytes,
        });

        Assert.Equal(["styles/base/style.yml:8:10: error PUB2011: the margins leave a text block 36pt wide; at least 1in is needed"], Errors(r));
    }

    [Fact]
    public void Missing_body_faces_are_reported_in_the_style_asked_for_not_its_parent()
    {
        var r = Load("extends: base\nbody:\n  size: 11pt\n", "child", new() { ["styles/base/style.yml"] = "page:\n  width: 6in\n"u8.ToArray() });

        Assert.Equal(4, r.Diagnostics.Length);
        Assert.All(r.Diagnostics, d => Assert.StartsWith("styles/child/style.yml: error PUB2012: the style sets no fonts.body.", d.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Every_independent_mistake_of_a_style_comes_out_in_one_run_in_file_order()
    {
        var r = Load(Fonts + """

            body:
              leadng: 15pt
              size: 10
              align: justfy
            page:
              width: 2in
            colors:
              text: red
              accent: "#12345"
            """);

        Assert.Equal(
        [
            "styles/s/style.yml:8:3: error PUB2003: unknown key 'body.leadng'",
            "styles/s/style.yml:9:9: error PUB2005: body.size: '10' needs a unit: pt, mm, cm, in or em",
            "styles/s/style.yml:10:10: error PUB2004: body.align must be justify, left, center or right, not 'justfy'",
            "styles/s/style.yml:12:10: error PUB2011: the margins leave a text block 36pt wide; at least 1in is needed",
            "styles/s/style.yml:14:9: error PUB2004: colors.text must be a colour like #1a1a1a, not 'red'",
            "styles/s/style.yml:15:11: error PUB2004: colors.accent must be a colour like #1a1a1a, not '#12345'",
        ], Errors(r));
    }

    [Fact]
    public void A_mistake_is_not_reported_again_as_what_follows_from_it()
    {
        // A misspelt face is not also a missing one; a section given a value hides its keys without four more errors;
        // margins are not measured against a width that has no unit, or one out of range.
        var misspelt = Load(Fonts.Replace("regular: f.ttf", "reguler: f.ttf", StringComparison.Ordinal));
        var section = Load("fonts: charis\n");
        var noUnit = Load(Fonts + "\npage:\n  width: 2\n");
        var tooNarrow = Load(Fonts + "\npage:\n  width: 0.5in\n");
        var leading = Load(Fonts + "\nbody:\n  size: 16pt\n  leadng: 18pt\n");

        Assert.Equal(["styles/s/style.yml:3:5: error PUB2003: unknown key 'fonts.body.reguler'"], Errors(misspelt));
        Assert.Equal(["styles/s/style.yml:1:1: error PUB2004: 'fonts' is a section: give it keys, not a value"], Errors(section));
        Assert.Equal(["styles/s/style.yml:8:10: error PUB2005: page.width: '2' needs a unit: pt, mm, cm, in or em"], Errors(noUnit));
        Assert.Equal(["styles/s/style.yml:8:10: error PUB2006: page.width is 36pt, outside the allowed range 72pt to 2000pt"], Errors(tooNarrow));
        Assert.Equal(["styles/s/style.yml:9:3: error PUB2003: unknown key 'body.leadng'"], Errors(leading));
    }

    [Fact]
    public void A_body_size_out_of_range_is_one_error_not_one_per_em_length_of_the_parent()
    {
        // The parent sets quote.size in em: measured from a 99 cm body it would be out of range too.
        var r = Child("extends: base\nbody:\n  size: 99cm\n");
        Assert.Equal(["styles/child/style.yml:3:9: error PUB2006: body.size is 2806.299pt, outside the allowed range 4pt to 72pt"], Errors(r));
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
