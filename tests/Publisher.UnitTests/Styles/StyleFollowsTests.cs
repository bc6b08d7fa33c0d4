using System.IO.Compression;
using Publisher.Epub.Css;
using Publisher.Manuscript;
using Publisher.Manuscript.Config;
using Publisher.Model;
using Publisher.PageModel;
using Publisher.Styles;
using Publisher.Typesetting;
using Publisher.UnitTests.Epub;

namespace Publisher.UnitTests.Styles;

/// <summary>
/// Each design decision the PDF and the EPUB both make is one value of the resolved <see cref="StyleSheet"/>: changing
/// it changes the typeset pages and the generated CSS alike. (Nothing here passes if either output keeps a number of
/// its own.)
/// </summary>
public sealed class StyleFollowsTests
{
    private static readonly StyleSheet Trade = StyleLoader.Load(new FileSystemBookSource(), "trade", TestPaths.Styles).Value!;

    private static readonly Dictionary<string, string> Files = new()
    {
        ["book.yml"] = "title: The Book\nsubtitle: A Subtitle\nauthor: Ann Author\nchapters:\n  front: [title-page, contents]\n  body: [a.md]\n",
        ["a.md"] = "# Opening\n\nText with a note.[^1]\n\n### A Justified Heading\n\nMore text.\n\n* * *\n\n1. first item\n\n2. second item\n\nAfter.\n\n```\ncode line\n```\n\n[^1]: The note.\n",
    };

    private static BookDocument Load(Dictionary<string, string>? files = null)
    {
        var book = ManuscriptLoader.Load(MemoryBookSource.FromText(files ?? Files), "", new LoadOptions());
        Assert.False(book.HasErrors, string.Join("\n", book.Diagnostics));
        return book.Value!;
    }

    private static PagedBook Typeset(StyleSheet style, BookDocument? book = null) => Typesetter.Typeset(book ?? Load(), style).Value!;

    private static string Css(StyleSheet style) => StylesheetGenerator.Generate(style, []);

    private static string Rule(string css, string selector)
    {
        var start = css.IndexOf("\n" + selector + " {", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no rule for '{selector}'");
        return css[start..css.IndexOf('}', start)];
    }

    private static IEnumerable<GlyphRunItem> Runs(PagedBook book) => book.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>();

    private static GlyphRunItem Run(PagedBook book, string text) => Runs(book).First(g => g.Text.Contains(text, StringComparison.Ordinal));

    [Fact]
    public void The_note_rule_length_weight_and_colour_reach_both_outputs()
    {
        var accent = Colour.Parse("#7a1f1f");
        var style = Trade with { NoteRule = new NoteRuleStyle(0.5, Length.Pt(1.2)), AccentColor = accent };

        var rule = Typeset(style).Pages.SelectMany(p => p.Items).OfType<RuleItem>().Single(r => r.Thickness.Points == 1.2);
        Assert.Equal(Trade.Page.Measure.Points * 0.5, rule.X2.Points - rule.X1.Points, 3);
        Assert.Equal(accent, rule.Color);

        var css = Rule(Css(style), "section.footnotes::before");
        Assert.Contains("width: 50%;", css, StringComparison.Ordinal);
        Assert.Contains("border-top: 1.2pt solid #7a1f1f;", css, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_note_rule_is_print_s_short_hairline_in_both()
    {
        var rule = Typeset(Trade).Pages.SelectMany(p => p.Items).OfType<RuleItem>().Single(r => r.Thickness.Points == 0.4);
        Assert.Equal(Trade.Page.Measure.Points * 0.3, rule.X2.Points - rule.X1.Points, 3);
        Assert.Contains("width: 30%;", Rule(Css(Trade), "section.footnotes::before"), StringComparison.Ordinal);
        Assert.DoesNotContain("border-top", Rule(Css(Trade), "section.footnotes"), StringComparison.Ordinal);
    }

    [Fact]
    public void Title_page_sizes_reach_both_outputs()
    {
        var tp = Trade.TitlePage with { TitleSize = Length.Pt(30), TitleLeading = Length.Pt(33), SubtitleSize = Length.Pt(21), AuthorSize = Length.Pt(14.7) };
        var style = Trade with { TitlePage = tp };

        var book = Typeset(style);
        Assert.Equal(30, Run(book, "The").Size.Points, 3);
        Assert.Equal(21, Run(book, "Subtitle").Size.Points, 3);

        var css = Css(style);
        var body = Trade.Body.Size.Points;
        Assert.Contains($"font-size: {Math.Round(30 / body, 4).ToString(System.Globalization.CultureInfo.InvariantCulture)}em;", Rule(css, ".titlepage h1.title"), StringComparison.Ordinal);
        Assert.Contains("line-height: 1.1;", Rule(css, ".titlepage h1.title"), StringComparison.Ordinal); // 33 / 30
        Assert.Contains("font-size: 2em;", Rule(css, ".titlepage .subtitle"), StringComparison.Ordinal); // 21 / 10.5
        Assert.Contains("font-size: 1.4em;", Rule(css, ".titlepage .author"), StringComparison.Ordinal); // 14.7 / 10.5
    }

    [Fact]
    public void The_scene_break_mark_and_space_reach_both_outputs()
    {
        var style = Trade with { SceneBreak = Trade.SceneBreak with { Mark = "***", SpaceAround = Length.Pt(21) } };

        var mark = Run(Typeset(style), "***");
        // Charis has no asterism (U+2042): the style resolves the mark to print's fallback, and the CSS shows it too.
        Assert.Equal("\u00B7\u2003\u00B7\u2003\u00B7", Trade.SceneBreak.Mark);
        Assert.Contains($"content: \"{Trade.SceneBreak.Mark}\";", Rule(Css(Trade), "hr.scene-break::after"), StringComparison.Ordinal);
        var before = Run(Typeset(Trade), "\u00B7");
        // The space above the mark grows from half a line (7pt) to 21pt; the text above it stays put.
        Assert.Equal(before.Y.Points + 14, mark.Y.Points, 3);

        var css = Css(style);
        Assert.Contains("content: \"***\";", Rule(css, "hr.scene-break::after"), StringComparison.Ordinal);
        Assert.Contains("margin: 2em auto;", Rule(css, "hr.scene-break"), StringComparison.Ordinal); // 21 / 10.5
    }

    [Fact]
    public void The_gap_between_loose_list_items_reaches_both_outputs()
    {
        static double Gap(PagedBook b) => Run(b, "second").Y.Points - Run(b, "first").Y.Points;
        var style = Trade with { ListSpacing = Trade.ListSpacing with { BetweenItems = Length.Pt(21) } };

        Assert.Equal(Gap(Typeset(Trade)) + 14, Gap(Typeset(style)), 3); // 21pt instead of half a 14pt line

        Assert.Contains("margin-top: 2em;", Rule(Css(style), "li + li > p:first-child"), StringComparison.Ordinal);
        Assert.Contains("margin-top: 0.6667em;", Rule(Css(Trade), "li + li > p:first-child"), StringComparison.Ordinal);
    }

    [Fact]
    public void Code_in_the_body_face_is_sized_alike()
    {
        var style = Trade with { MonoFont = null, Code = Trade.Code with { BodyFaceScale = 0.8 } };

        Assert.Equal(Trade.Body.Size.Points * 0.8, Run(Typeset(style), "code").Size.Points, 3);
        Assert.Contains("font-size: 0.8em;", Rule(Css(style), "pre"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_block_s_space_around_and_indent_reach_both_outputs()
    {
        var style = Trade with { Code = Trade.Code with { SpaceAround = Length.Pt(20), Indent = Length.Pt(30) } };

        // Print: the code line moves right by the indent's difference and down by the space's (above the block).
        var (plain, spaced) = (Typeset(Trade), Typeset(style));
        Assert.Equal(Run(plain, "code").X.Points + 30 - Trade.Code.Indent.Points, Run(spaced, "code").X.Points, 3);
        Assert.Equal(Run(plain, "code").Y.Points + 20 - Trade.Code.SpaceAround.Points, Run(spaced, "code").Y.Points, 3);

        // EPUB: the pre's margins, in its own ems (the body size times the code scale).
        var em = Trade.Body.Size.Points * Trade.Code.BodyFaceScale;
        static string N(double v) => Math.Round(v, 4).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"margin: {N(20 / em)}em 0 {N(20 / em)}em {N(30 / em)}em;", Rule(Css(style), "pre"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_chapter_number_s_small_caps_reach_both_outputs()
    {
        static string NumberLine(PagedBook b) => string.Join("|", b.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>()
            .Where(g => g.Text.Contains("hapter", StringComparison.Ordinal) || g.Text.Contains("HAPTER", StringComparison.Ordinal)).Select(g => $"{g.Text}/{g.Size.Points}/{string.Join(',', g.Glyphs)}"));
        var plain = Trade with { Chapter = Trade.Chapter with { NumberSmallCaps = false } };

        Assert.NotEqual(NumberLine(Typeset(Trade)), NumberLine(Typeset(plain)));
        Assert.Contains("font-variant: small-caps;", Rule(Css(Trade), ".chapter-number"), StringComparison.Ordinal);
        Assert.Contains("font-variant: normal;", Rule(Css(plain), ".chapter-number"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_justified_heading_is_set_flush_left_in_both_outputs()
    {
        var headings = Trade.Headings.SetItem(1, Trade.Headings[1] with { Align = TextAlign.Justify });
        var style = Trade with { Headings = headings };

        // Flush left: where the unindented paragraph after it starts, not spread across the measure.
        var book = Typeset(style);
        var heading = Run(book, "Justified");
        var page = book.Pages.Single(p => p.Items.Contains(heading));
        var lineStart = page.Items.OfType<GlyphRunItem>().Where(g => g.Y == heading.Y).Min(g => g.X.Points);
        Assert.Equal(Run(book, "More").X.Points, lineStart, 3);

        Assert.Contains("text-align: left;", Rule(Css(style), "h3"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_colour_reaches_both_outputs()
    {
        var ink = Colour.Parse("#203040");
        var style = Trade with { TextColor = ink };

        Assert.All(Runs(Typeset(style)), g => Assert.Equal(ink, g.Color));
        Assert.Contains("color: #203040;", Rule(Css(style), "body"), StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_from_book_yml_reach_both_outputs()
    {
        var files = new Dictionary<string, string>(Files)
        {
            ["book.yml"] = Files["book.yml"] + "language: de\neditors: [Eva Editor]\nlabels:\n  contents: Inhalt\n  chapter: Kapitel\n  edited-by: Herausgegeben von\n",
        };
        var book = Load(files);
        Assert.Equal("Inhalt", book.Metadata.Labels.Contents);

        var pdfText = string.Join(" ", Runs(Typeset(Trade, book)).Select(g => g.Text));
        Assert.Contains("Inhalt", pdfText, StringComparison.Ordinal);
        Assert.Contains("Herausgegeben von Eva Editor", pdfText, StringComparison.Ordinal);
        Assert.DoesNotContain("Contents", pdfText, StringComparison.Ordinal);
        Assert.Matches("(?i)kapitel", pdfText);

        using var zip = new ZipArchive(new MemoryStream(EpubTestSupport.Write(book, Trade).Bytes));
        var xhtml = string.Join("\n", zip.Entries.Where(e => e.FullName.EndsWith(".xhtml", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains(">Inhalt<", xhtml, StringComparison.Ordinal);
        Assert.Contains("Kapitel 1", xhtml, StringComparison.Ordinal);
        Assert.Contains("Herausgegeben von Eva Editor", xhtml, StringComparison.Ordinal);
        Assert.DoesNotContain(">Contents<", xhtml, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_label_is_an_error_at_its_place_with_the_nearest_key()
    {
        var bag = new DiagnosticBag();
        _ = BookConfigReader.Read("title: T\nlabels:\n  contnets: Inhalt\n", "book.yml", bag);
        var d = Assert.Single(bag.ToImmutable());
        Assert.Equal("book.yml:3:3: error PUB1008: unknown key 'contnets' in labels", d.ToString());
        Assert.Equal("did you mean 'contents'?", Assert.Single(d.Hints));
    }

    [Fact]
    public void A_language_with_no_words_of_its_own_takes_its_primary_language_s_then_english()
    {
        Assert.Same(Labels.English, Labels.For("en-GB"));
        Assert.Same(Labels.English, Labels.For("xx"));
        Assert.Equal("Inhalt", Labels.English.With([KeyValuePair.Create("contents", "Inhalt")]).Contents);
    }
}

public sealed class CmapCoverageTests
{
    private static readonly byte[] Charis = File.ReadAllBytes(Path.Combine(TestPaths.Styles, "trade", "fonts", "CharisSIL-Regular.ttf"));

    [Theory]
    [InlineData("A*é\u00B7\u2003", true)]
    [InlineData("\u2042", false)]
    [InlineData("A\u2042", false)]
    public void The_cmap_says_which_characters_a_font_has(string text, bool covered) =>
        Assert.Equal(covered, CmapCoverage.CoversAll(Charis, text));

    [Fact]
    public void A_file_that_is_not_a_font_covers_nothing() => Assert.False(CmapCoverage.CoversAll([0, 1, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0], "A"));
}
