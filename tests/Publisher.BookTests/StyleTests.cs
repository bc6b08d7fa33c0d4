using System.Text.RegularExpressions;
using Publisher.TestKit.Epub;
using Publisher.TestKit.Pdf;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>Styles drive both outputs; presets build the sample book; mistakes in a style are errors with places.</summary>
public sealed partial class StyleTests
{
    /// <summary>Writes a style folder that extends trade with the given extra YAML, and returns its path.</summary>
    private static string StyleExtendingTrade(string name, string yaml)
    {
        var dir = Path.Combine(Repo.TempDir("styles"), name);
        Directory.CreateDirectory(dir);
        var trade = Path.GetRelativePath(dir, Path.Combine(Repo.Root, "styles", "trade"));
        File.WriteAllText(Path.Combine(dir, "style.yml"), $"extends: {trade}\n{yaml}");
        return dir;
    }

    private static string Css(string outDir)
    {
        var epub = EpubReader.ReadFile(Directory.GetFiles(outDir, "*.epub").Single());
        return epub.GetString(epub.Manifest.Single(m => m.MediaType == "text/css").Path);
    }

    private static string Pdf(string outDir) => Directory.GetFiles(outDir, "*.pdf").Single();

    /// <summary>The most common distance between consecutive body lines on full text pages: the leading.</summary>
    private static double Leading(string pdf)
    {
        var steps = new List<double>();
        foreach (var page in BboxLayout.Read(pdf))
        {
            var ys = page.Lines.Where(l => l.Words.Count > 3).Select(l => Math.Round(l.Words.Max(w => w.YMax), 1)).Distinct().Order().ToList();
            steps.AddRange(ys.Zip(ys.Skip(1), (a, b) => Math.Round(b - a, 0)));
        }

        return steps.GroupBy(s => s).MaxBy(g => g.Count())!.Key;
    }

    private static double MedianWordHeight(string pdf)
    {
        var heights = PdfTools.Words(pdf).Select(w => w.YMax - w.YMin).Order().ToList();
        return heights[heights.Count / 2];
    }

    [Slow("poppler-utils")]
    [SkippableFact]
    public void Changing_size_leading_and_font_shows_in_both_the_pdf_and_the_epub_css()
    {
        var baseline = Repo.Build(Repo.Manuscript, "style-base");
        var style = StyleExtendingTrade("changed", """
            fonts:
              body:
                name: Charis SIL Bold Text
                regular: fonts/CharisSIL-Bold.ttf
            body:
              size: 12pt
              leading: 17pt
            """);

        // The changed style names its own regular face; copy the file so the relative path resolves beside it.
        Directory.CreateDirectory(Path.Combine(style, "fonts"));
        File.Copy(Path.Combine(Repo.Root, "styles", "trade", "fonts", "CharisSIL-Bold.ttf"), Path.Combine(style, "fonts", "CharisSIL-Bold.ttf"));
        var changed = Repo.Build(Repo.Manuscript, "style-changed", "--style", style);

        // PDF: leading from line positions, size from word boxes, font from the embedded font list.
        Assert.Equal(14, Leading(Pdf(baseline)), 0);
        Assert.Equal(17, Leading(Pdf(changed)), 0);
        Assert.Equal(12 / 10.5, MedianWordHeight(Pdf(changed)) / MedianWordHeight(Pdf(baseline)), 1);
        Assert.Contains(PdfTools.Fonts(Pdf(baseline)), f => f.Name.EndsWith("+CharisSIL", StringComparison.Ordinal));
        Assert.DoesNotContain(PdfTools.Fonts(Pdf(changed)), f => f.Name.EndsWith("+CharisSIL", StringComparison.Ordinal));

        // EPUB: line height is leading over size; other sizes are ems of the body size; the regular face's file changed.
        var cssBase = Css(baseline);
        var cssChanged = Css(changed);
        Assert.Matches(@"body \{[^}]*line-height: 1\.3333;", cssBase);
        Assert.Matches(@"body \{[^}]*line-height: 1\.4167;", cssChanged);
        Assert.NotEqual(ChapterTitleSize(cssBase), ChapterTitleSize(cssChanged));
        Assert.Contains("Charis SIL Bold Text", cssChanged, StringComparison.Ordinal);
        Assert.DoesNotContain("Charis SIL Bold Text", cssBase, StringComparison.Ordinal);
    }

    private static string ChapterTitleSize(string css) => ChapterTitle().Match(css).Groups[1].Value;

    [GeneratedRegex(@"h1\.chapter-heading[^{]*\{[^}]*font-size: ([\d.]+em)")]
    private static partial Regex ChapterTitle();

    [Slow("poppler-utils")]
    [SkippableTheory]
    [InlineData("trade", 432.0, 648.0)]
    [InlineData("a5", 419.53, 595.28)]
    [InlineData("large-print", 504.0, 720.0)]
    public void Every_preset_builds_the_sample_book_at_its_trim_size(string preset, double width, double height)
    {
        var outDir = Repo.Build(Repo.Manuscript, "preset-" + preset, "--style", preset);
        var sizes = PdfTools.PageSizes(Pdf(outDir));
        Assert.All(sizes, s =>
        {
            Assert.Equal(width, s.Width, 0);
            Assert.Equal(height, s.Height, 0);
        });
        Assert.Equal(0, PdfTools.QpdfCheck(Pdf(outDir)).ExitCode);
    }

    [Slow("poppler-utils")]
    [SkippableFact]
    public void Large_print_sets_16_point_type_ragged_right()
    {
        var outDir = Repo.Build(Repo.Manuscript, "preset-lp", "--style", "large-print");
        var words = PdfTools.Words(Pdf(outDir));

        // Ragged: the right ends of full body lines spread over many points instead of lining up.
        var rights = BboxLayout.Read(Pdf(outDir)).SelectMany(p => p.Lines).Where(l => l.Words.Count > 4).Select(l => Math.Round(l.Words.Max(w => w.XMax))).Distinct().Count();
        Assert.True(rights > 40, $"only {rights} distinct line ends: the text looks justified");
        Assert.True(MedianWordHeight(Pdf(outDir)) > 16 * 1.3, "body type should be 16 pt or more");
        Assert.NotEmpty(words);
    }

    [Slow("poppler-utils")]
    [SkippableFact]
    public void An_auto_gutter_follows_the_page_count()
    {
        var style = StyleExtendingTrade("auto", "page:\n  margin-inner: auto\n");
        var outDir = Repo.Build(Repo.Manuscript, "auto-gutter", "--style", style);

        // 27 pages: KDP asks 0.375 in; the outer margin (0.625 in) plus 0.125 in is more, so the gutter is 0.75 in.
        var rectoLefts = PdfTools.Words(Pdf(outDir)).GroupBy(w => w.Page).Where(g => g.Key % 2 == 1 && g.Count() > 150).Select(g => g.Min(w => w.XMin)).ToList();
        Assert.NotEmpty(rectoLefts);
        Assert.All(rectoLefts, x => Assert.InRange(x, 53.5, 56.5));
        Assert.Equal(0.375, Publisher.Styles.Gutter.For(24, Model.Length.In(0.2)).Inches, 3);
        Assert.Equal(0.5, Publisher.Styles.Gutter.For(151, Model.Length.In(0.2)).Inches, 3);
        Assert.Equal(0.875, Publisher.Styles.Gutter.For(828, Model.Length.In(0.2)).Inches, 3);
        Assert.Equal(0.75, Publisher.Styles.Gutter.For(27, Model.Length.In(0.625)).Inches, 3);
    }

    /// <summary>A one-chapter book in <paramref name="dir"/> whose book.yml names <paramref name="style"/>.</summary>
    private static string TinyBook(string dir, string style)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "book.yml"), $"title: Tiny\nstyle: {style}\n");
        File.WriteAllText(Path.Combine(dir, "one.md"), "# One\n\nA few words.\n");
        return dir;
    }

    private static void WriteStyle(string folder, string yaml)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "style.yml"), yaml);
    }

    [Fact]
    public void A_styles_folder_of_ones_own_adds_to_the_shipped_styles_instead_of_hiding_them()
    {
        // As a new user has it: their own styles/ in the folder they work in, holding one style that is not trade.
        var root = Repo.TempDir("own-styles");
        WriteStyle(Path.Combine(root, "styles", "mystyle"), "extends: trade\nbody:\n  size: 11pt\n");
        var book = TinyBook(Path.Combine(root, "mybook"), "trade");

        var trade = Repo.PublisherIn(root, "build", "mybook", "--out", "out-trade", "--quiet");
        File.WriteAllText(Path.Combine(book, "book.yml"), "title: Tiny\nstyle: mystyle\n");
        var mine = Repo.PublisherIn(root, "build", "mybook", "--out", "out-mine", "--quiet");
        File.WriteAllText(Path.Combine(book, "book.yml"), "title: Tiny\nstyle: trdae\n");
        var typo = Repo.PublisherIn(root, "build", "mybook", "--out", "out-typo", "--quiet");

        Assert.True(trade.ExitCode == 0, trade.Err);
        Assert.True(mine.ExitCode == 0, mine.Err);
        Assert.Equal(1, typo.ExitCode);
        Assert.Contains(
            "mybook/book.yml:2:8: error PUB2001: unknown style 'trdae'\n  hint: did you mean 'trade'?\n  hint: styles in styles: mystyle\n"
            + "  hint: styles that ship with publisher: a5, large-print, trade\n",
            typo.Err,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_style_kept_anywhere_extends_a_shipped_style_by_name()
    {
        var dir = Repo.TempDir("extends-anywhere");
        WriteStyle(Path.Combine(dir, "bad", "mystyle"), "extends: trade\nbody:\n  size: 11pt\n");
        WriteStyle(Path.Combine(dir, "book", "mystyle"), "extends: trade\nbody:\n  size: 12pt\n");
        var book = TinyBook(Path.Combine(dir, "book"), "./mystyle");

        var byOption = Repo.Publisher("build", book, "--style", Path.Combine(dir, "bad", "mystyle"), "--out", Path.Combine(dir, "out-option"), "--quiet");
        var byBookYml = Repo.Publisher("build", book, "--out", Path.Combine(dir, "out-book"), "--quiet");

        Assert.True(byOption.ExitCode == 0, byOption.Err);
        Assert.True(byBookYml.ExitCode == 0, byBookYml.Err);
    }

    [Fact]
    public void A_wrong_style_name_in_book_yml_is_reported_at_its_line()
    {
        var dir = Repo.TempDir("style-name");
        var typo = TinyBook(Path.Combine(dir, "typo"), "trdae");
        var folder = TinyBook(Path.Combine(dir, "folder"), "mystyle");
        WriteStyle(Path.Combine(folder, "mystyle"), "extends: trade\n");

        var typoRun = Repo.Publisher("build", typo, "--out", Path.Combine(dir, "out"));
        var folderRun = Repo.Publisher("build", folder, "--out", Path.Combine(dir, "out"));

        Assert.Equal(1, typoRun.ExitCode);
        Assert.Matches(@"typo/book\.yml:2:8: error PUB2001: unknown style 'trdae'\n  hint: did you mean 'trade'\?\n", typoRun.Err);
        Assert.Equal(1, folderRun.ExitCode);
        Assert.Matches(@"folder/book\.yml:2:8: error PUB2001: unknown style 'mystyle'\n  hint: 'mystyle' is not a style name but a folder beside book\.yml: write style: \./mystyle\n", folderRun.Err);
    }

    [Fact]
    public void Every_mistake_of_a_style_that_extends_trade_is_reported_at_once_at_its_own_lines()
    {
        var dir = Repo.TempDir("child-errors");
        WriteStyle(Path.Combine(dir, "mystyle"), "extends: trade\npage:\n  width: 2in\nbody:\n  leadng: 15pt\ncolors:\n  text: red\n");
        var run = Repo.Publisher("build", TinyBook(dir, "./mystyle"), "--out", Path.Combine(dir, "out"));

        Assert.Equal(1, run.ExitCode);
        var errors = run.Err.Split('\n').Where(l => l.Contains(": error PUB2", StringComparison.Ordinal)).ToList();
        Assert.Collection(
            errors,
            e => Assert.EndsWith("mystyle/style.yml:3:10: error PUB2011: the margins leave a text block 36pt wide; at least 1in is needed", e, StringComparison.Ordinal),
            e => Assert.EndsWith("mystyle/style.yml:5:3: error PUB2003: unknown key 'body.leadng'", e, StringComparison.Ordinal),
            e => Assert.EndsWith("mystyle/style.yml:7:9: error PUB2004: colors.text must be a colour like #1a1a1a, not 'red'", e, StringComparison.Ordinal));
    }

    [Fact]
    public void A_mistake_in_a_style_stops_the_build_with_its_place_and_a_hint()
    {
        var style = StyleExtendingTrade("typo", "body:\n  leadng: 14pt\n");
        var run = Repo.Publisher("build", "--manuscript", Repo.Manuscript, "--style", style, "--out", Repo.TempDir("typo-out"));
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"style\.yml:3:3: error PUB2003: unknown key 'body\.leadng'\n  hint: did you mean 'body\.leading'\?", run.Err);
    }
}
