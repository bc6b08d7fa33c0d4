using Publisher.Manuscript;
using Publisher.Model;
using Publisher.Styles;
using Publisher.Typesetting;
using Publisher.Typesetting.Flow;
using Publisher.PageModel;

namespace Publisher.UnitTests.Typesetting;

/// <summary>The layout stage on small in-memory books with the shipped trade style.</summary>
public sealed class TypesetterTests
{
    private static readonly StyleSheet Trade = StyleLoader.Load(new FileSystemBookSource(), "trade", TestPaths.Styles).Value!;

    private static StageResult<PagedBook> Typeset(Dictionary<string, string> files, LayoutCache? cache = null)
    {
        var book = ManuscriptLoader.Load(MemoryBookSource.FromText(files), "", new LoadOptions());
        Assert.False(book.HasErrors, string.Join("\n", book.Diagnostics));
        return Typesetter.Typeset(book.Value!, Trade, new TypesetOptions { Cache = cache });
    }

    private static string Words(int n, string word = "words") => string.Join(' ', Enumerable.Repeat(word, n));

    private static string PageText(Page page) => string.Join(' ', page.Items.OfType<GlyphRunItem>().Select(g => g.Text));

    private static Dictionary<string, string> Book(int chapters, int parasPerChapter) =>
        new Dictionary<string, string>
        {
            ["book.yml"] = "title: Test Book\nchapters:\n  front: [half-title, title-page, contents]\n  body: [" + string.Join(", ", Enumerable.Range(1, chapters).Select(i => $"c{i}.md")) + "]\n",
        }.Concat(Enumerable.Range(1, chapters).Select(i => KeyValuePair.Create($"c{i}.md",
            $"# Chapter Title {i}\n\n" + string.Join("\n\n", Enumerable.Range(1, parasPerChapter).Select(_ => "Some " + Words(60, "ordinary") + " text.")))))
        .ToDictionary();

    /// <summary>Collects reports on the calling thread, unlike <see cref="Progress{T}"/>, which posts them elsewhere.</summary>
    private sealed class Recorder : IProgress<TypesetProgress>
    {
        public List<TypesetProgress> Reports { get; } = [];

        public void Report(TypesetProgress value) => Reports.Add(value);
    }

    /// <summary>
    /// A body chapter without a title printed a bare "Chapter 2" and was missing from the contents; its bookmark had
    /// no text. Both now name it as its first page does.
    /// </summary>
    [Fact]
    public void An_untitled_chapter_is_in_the_contents_and_the_bookmarks_as_its_first_page_names_it()
    {
        var result = Typeset(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\nchapters:\n  front: [contents]\n  body: [a.md, b.md, c.md]\n",
            ["a.md"] = "# The First\n\nText.\n",
            ["b.md"] = "Just text.\n",
            ["c.md"] = "# The Third\n\nText.\n",
        });
        var book = result.Value!;

        var contents = PageText(book.Pages[book.Locate("contents")!.PageIndex]);
        // Each line's runs: title, number (none for the untitled chapter, whose number is its label), folio, leaders;
        // then the page's own folio.
        Assert.Matches($@"^Contents The First 1 {book.Locate("the-first")!.Folio} [ .]+ Chapter 2 {book.Locate("b")!.Folio} [ .]+ The Third 3 {book.Locate("the-third")!.Folio} [ .]+ i$", contents);
        Assert.Equal(["Contents", "The First", "Chapter 2", "The Third"], book.Outline.Select(o => o.Title));
        Assert.Equal(book.Locate("b")!.PageIndex, book.Outline[2].PageIndex);
    }

    [Fact]
    public void Note_marks_side_by_side_are_set_apart_by_a_raised_comma()
    {
        var result = Typeset(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\n",
            ["a.md"] = "# A\n\nTwo notes.[^x][^y] One more[^x].\n\n[^x]: Note x.\n[^y]: Note y.\n",
        });

        var text = PageText(result.Value!.Pages[0]);
        Assert.Contains("notes. 1 , 2 One more 1 .", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_is_reported_after_each_division_of_each_pass_in_order()
    {
        var files = Book(3, 1);
        var book = ManuscriptLoader.Load(MemoryBookSource.FromText(files), "", new LoadOptions()).Value!;
        var recorder = new Recorder();
        Typesetter.Typeset(book, Trade, new TypesetOptions { Progress = recorder });

        var divisions = book.Divisions.Length;
        Assert.Equal(6, divisions);
        // The contents page settles page numbers in a second pass, so each division is reported once per pass.
        Assert.True(recorder.Reports.Count >= divisions * 2, string.Join("\n", recorder.Reports));
        Assert.Equal(0, recorder.Reports.Count % divisions);
        for (var i = 0; i < recorder.Reports.Count; i++)
        {
            var r = recorder.Reports[i];
            Assert.Equal((i / divisions) + 1, r.Pass);
            Assert.Equal((i % divisions) + 1, r.Division);
            Assert.Equal(divisions, r.Divisions);
        }

        Assert.Equal("Chapter Title 3", recorder.Reports[divisions - 1].Title);
    }

    [Fact]
    public void A_word_wider_than_the_line_is_broken_with_a_warning_naming_it_and_its_place()
    {
        var url = "https://example.org/" + new string('x', 120);
        var result = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = $"# A\n\nSee {url} for more.\n" });
        var warning = Assert.Single(result.Diagnostics, d => d.Code == LayoutCodes.OverlongWord);
        Assert.Contains("xxxxxxxx", warning.Message, StringComparison.Ordinal);
        Assert.Equal("a.md", warning.Span!.File);
        Assert.Equal(3, warning.Span.Line);
        var measureRight = Trade.Page.Width.Points - Trade.Page.MarginOuter.Points;
        foreach (var run in result.Value!.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>())
        {
            Assert.True(run.X.Points + run.Offsets[^1] <= measureRight + 1, $"'{run.Text}' runs past the measure");
        }
    }

    /// <summary>Found by the fuzzer: a table or heading in a list item was set at the text block's edge, over the item's number.</summary>
    [Fact]
    public void Tables_and_headings_in_a_list_item_are_indented_clear_of_its_number()
    {
        var pages = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = "# A\n\n1. | alpha | beta |\n   |---|---|\n   | one | two |\n2. ### gamma\n" }).Value!.Pages;

        var runs = pages.SelectMany(p => p.Items).OfType<GlyphRunItem>().ToList();
        var number = runs.Single(r => r.Text == "1.");
        var numberRight = number.X.Points + number.Offsets[^1];
        foreach (var word in new[] { "alpha", "one", "gamma" })
        {
            var run = runs.Single(r => r.Text.Contains(word, StringComparison.Ordinal));
            Assert.True(run.X.Points > numberRight, $"'{word}' starts at {run.X.Points:0.0} pt, left of the item number's end at {numberRight:0.0} pt");
        }
    }

    /// <summary>Found by the fuzzer: every space of a code line was a no-break space, so a long line broke mid-word.</summary>
    [Theory]
    [InlineData("a b", "a b")]
    [InlineData("    indented  twice", "\u00A0\u00A0\u00A0\u00A0indented\u00A0 twice")]
    [InlineData("\tx  ", "\u00A0\u00A0\u00A0\u00A0x\u00A0\u00A0")]
    public void Code_lines_keep_every_space_and_may_wrap_only_between_words(string line, string expected)
    {
        Assert.Equal(expected, FlowBuilder.CodeSpaces(line));
    }

    [Fact]
    public void A_long_code_line_wraps_between_words_not_inside_them()
    {
        var line = string.Join(' ', Enumerable.Repeat("token", 40));
        var result = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = $"# A\n\n```\n{line}\n```\n" });

        Assert.DoesNotContain(result.Diagnostics, d => d.Code == LayoutCodes.OverlongWord);
        var code = result.Value!.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>().Where(r => r.Text.Contains("token", StringComparison.Ordinal)).ToList();
        Assert.True(code.Count > 1);
        Assert.All(code, r => Assert.Matches(@"^(token[ \u00A0]*)+$", r.Text));
    }

    /// <summary>
    /// Found by the fuzzer: a justified line that must stay underfull (the next word cannot break and fills a line of
    /// its own) spread its excess between letters too, far past the letter-spacing limit, so "itextqurd" read back as
    /// "i t e xt q u r d". The excess goes into word spaces only.
    /// </summary>
    [Fact]
    public void An_underfull_line_puts_its_excess_in_word_spaces_not_between_letters()
    {
        var code = new string('x', 52);
        var result = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = $"# A\n\nitextqurd mglhocsp `{code}` end.\n" });

        using var face = new Publisher.Typesetting.Fonts.FontFace(0, "body", Trade.BodyFont.Regular.Data!);
        var run = result.Value!.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>().First(r => r.Text.StartsWith("itextqurd", StringComparison.Ordinal));
        var size = run.Size.Points;
        var glyphs = face.Shape("itextqurd", "en");
        var natural = glyphs[..^1].Sum(g => g.Advance) * size;
        var set = run.Offsets[glyphs.Length - 1] - run.Offsets[0];
        // Letter-spacing may add at most 2.5 × 12/1000 em per gap (the emergency allowance of ParagraphLayout).
        Assert.InRange(set - natural, -1, (glyphs.Length - 1) * 0.03 * size + 0.1);
    }

    [Fact]
    public void Folios_are_roman_in_the_front_matter_and_page_1_is_the_first_chapter_opener()
    {
        var pages = Typeset(Book(2, 3)).Value!.Pages;
        var opener = pages.First(p => p.Kind == PageKind.Opener && p.DivisionId == "chapter-title-1");
        Assert.Equal("1", opener.Folio);
        Assert.True(opener.IsRecto);
        Assert.All(pages.TakeWhile(p => p != opener), p => Assert.Matches("^[ivxlc]+$", p.Folio));
    }

    [Fact]
    public void Chapters_open_on_rectos_and_blank_pages_carry_nothing()
    {
        var pages = Typeset(Book(3, 2)).Value!.Pages;
        Assert.All(pages.Where(p => p.Kind == PageKind.Opener), p => Assert.True(p.IsRecto, $"opener on page {p.Index + 1}"));
        var blanks = pages.Where(p => p.Kind == PageKind.Blank).ToList();
        Assert.NotEmpty(blanks);
        Assert.All(blanks, p =>
        {
            Assert.False(p.FolioShown);
            Assert.Empty(p.Items.OfType<GlyphRunItem>());
        });
    }

    [Fact]
    public void Running_heads_give_the_book_title_on_versos_the_chapter_on_rectos_and_none_on_openers()
    {
        var pages = Typeset(Book(1, 30)).Value!.Pages;
        var text = pages.Where(p => p.Kind == PageKind.Text).ToList();
        Assert.True(text.Count >= 2);
        foreach (var page in text)
        {
            // The head is the topmost run on the page.
            var head = page.Items.OfType<GlyphRunItem>().MinBy(g => g.Y.Points)!;
            var expected = page.IsRecto ? "Chapter Title 1" : "Test Book";
            Assert.Equal(expected.Split(' ')[0], head.Text);
        }

        var opener = pages.First(p => p.Kind == PageKind.Opener);
        var top = opener.Items.OfType<GlyphRunItem>().Min(g => g.Y.Points);
        Assert.True(top > Trade.Page.MarginTop.Points, "an opener has no running head above the text block");
    }

    [Fact]
    public void Page_references_and_the_contents_settle_on_the_final_folios()
    {
        var files = Book(3, 8);
        files["c1.md"] += "\n\nThe third chapter starts on [](#chapter-title-3).\n";
        var paged = Typeset(files).Value!;
        var folio = paged.Locate("chapter-title-3")!.Folio;
        Assert.Contains(paged.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>(), g => g.Text == "p.\u00A0" + folio);
        var contents = paged.Pages.Single(p => p.DivisionId == "contents");
        Assert.Contains(contents.Items.OfType<GlyphRunItem>(), g => g.Text == folio);
        Assert.Contains(contents.Items.OfType<LinkItem>(), l => l.AnchorId == "chapter-title-3");
    }

    [Fact]
    public void Headings_are_not_hyphenated_and_words_with_capitals_never_are()
    {
        var paged = Typeset(new()
        {
            ["book.yml"] = "title: T\n",
            ["a.md"] = "# A\n\n## Extraordinarily Incomprehensible Administrative Considerations Notwithstanding\n\n" +
                       string.Join(' ', Enumerable.Repeat("Constantinople Internationalization", 40)) + "\n",
        }).Value!;
        var runs = paged.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>().ToList();
        Assert.DoesNotContain(runs, g => g.Text == "-");
    }

    [Fact]
    public void A_line_left_very_loose_by_an_unbreakable_word_is_a_warning_and_a_soft_hyphen_mends_it()
    {
        const string Long = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen";
        const string Tail = ", and the sentence goes on with more words after it so the paragraph has several lines.";
        var loose = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = $"# A\n\nSome words are long: {Long}{Tail}\n" });
        var warning = Assert.Single(loose.Diagnostics, d => d.Code == LayoutCodes.LooseLine);
        Assert.StartsWith("the line 'Some words are' is set with its word spaces ", warning.Message, StringComparison.Ordinal);
        Assert.Equal(("a.md", 3, "Some words are"), (warning.Span!.File, warning.Span.Line, warning.Subject));
        Assert.Contains("soft hyphen", Assert.Single(warning.Hints), StringComparison.Ordinal);

        // The author's soft hyphens (U+00AD, which &shy; gives) are break points even in a word with a capital.
        var mended = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = $"# A\n\nSome words are long: Donau&shy;dampf&shy;schiff&shy;fahrts&shy;gesellschafts&shy;kapitäns&shy;mützen&shy;abzeichen{Tail}\n" });
        Assert.DoesNotContain(mended.Diagnostics, d => d.Code == LayoutCodes.LooseLine);
        Assert.Contains(mended.Value!.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>(), g => g.Text == "-");
    }

    [Fact]
    public void A_table_column_of_short_cells_is_not_wrapped_to_give_a_prose_column_a_sliver()
    {
        var remarks = "a long remark in prose that wraps over several lines of its column whatever width it is given by the layout";
        var paged = Typeset(new()
        {
            ["book.yml"] = "title: T\n",
            ["a.md"] = $"# A\n\n| Year | Bushels | Price | Remarks |\n|---|---|---|---|\n| 1853 | 1,450 | 2s 11d | {remarks} |\n| 1854 | 2,100 | 3s 4d | {remarks} |\n",
        }).Value!;
        var runs = paged.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>().ToList();
        double Y(string text) => runs.First(r => r.Text.Contains(text, StringComparison.Ordinal)).Y.Points;

        // Each price, and the header, on one line: the wide column takes what the short ones do not need.
        Assert.Equal(Y("2s"), Y("11d"));
        Assert.Equal(Y("3s"), Y("4d"));
        Assert.Equal(Y("Bushels"), Y("Remarks"));
    }

    [Fact]
    public void Gaps_that_meet_collapse_so_a_nested_quote_is_followed_by_one_gap_not_two()
    {
        double GapAfter(string quote)
        {
            var paged = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = $"# A\n\nBefore.\n\n{quote}\n\nAfter.\n" }).Value!;
            var runs = paged.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>().ToList();
            return runs.First(r => r.Text.StartsWith("After", StringComparison.Ordinal)).Y.Points - runs.First(r => r.Text.StartsWith("Last", StringComparison.Ordinal)).Y.Points;
        }

        var single = GapAfter("> Last line.");
        var nested = GapAfter("> Outer.\n>\n> > Last line.");
        Assert.Equal(single, nested, 3);
    }

    [Fact]
    public void Struck_words_are_ruled_through_as_one_line_and_scripts_are_smaller_and_shifted()
    {
        var paged = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = "# A\n\nThe price ~~two shillings~~ of H~2~O per m^2^.\n" }).Value!;
        var page = paged.Pages.Single(p => p.Items.OfType<GlyphRunItem>().Any(g => g.Text == "price"));
        var runs = page.Items.OfType<GlyphRunItem>().ToList();
        GlyphRunItem Run(string text) => runs.First(g => g.Text == text);

        // One rule from the start of "two" to the end of "shillings", across the space, between baseline and x-height.
        var strike = Assert.Single(page.Items.OfType<RuleItem>(), r => r.Y1 == r.Y2 && r.Y1.Points < Run("two").Y.Points && r.Y1.Points > Run("two").Y.Points - 6);
        Assert.Equal(Run("two").X.Points, strike.X1.Points, 2);
        Assert.True(strike.X2.Points > Run("shillings").X.Points + 20, "the rule reaches through 'shillings'");

        var body = Run("price");
        Assert.True(Run("2").Size.Points < body.Size.Points);
        var scripts = runs.Where(g => g.Text == "2").OrderBy(g => g.X.Points).ToList();
        Assert.Equal(2, scripts.Count);
        Assert.True(scripts[0].Y.Points > body.Y.Points, "the subscript sits below the baseline");
        Assert.True(scripts[1].Y.Points < body.Y.Points, "the superscript sits above it");
    }

    [Fact]
    public void Two_strikes_with_an_unstruck_space_between_are_two_rules_and_a_broken_struck_word_strikes_its_hyphen()
    {
        var words = string.Join(' ', Enumerable.Repeat("extraordinarily incomprehensible notwithstanding administrative considerations", 3));
        var paged = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = $"# A\n\nTwo ~~alpha~~ ~~beta~~ apart.\n\n~~{words}~~\n" }).Value!;
        var page = paged.Pages.Single(p => p.Items.OfType<GlyphRunItem>().Any(g => g.Text == "alpha"));
        var runs = page.Items.OfType<GlyphRunItem>().ToList();
        var rules = page.Items.OfType<RuleItem>().Where(r => r.Y1 == r.Y2).ToList();

        var alpha = runs.First(g => g.Text == "alpha");
        Assert.Equal(2, rules.Count(r => Math.Abs(r.Y1.Points - alpha.Y.Points) < 6));
        foreach (var hyphen in runs.Where(g => g.Text == "-"))
        {
            Assert.Contains(rules, r => Math.Abs(r.Y1.Points - hyphen.Y.Points) < 6 && r.X2.Points > hyphen.X.Points + 1);
        }

        Assert.Contains(runs, g => g.Text == "-");
    }

    [Fact]
    public void A_code_word_broken_by_force_fits_its_hanging_continuation_lines()
    {
        var paged = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = "# A\n\n- a\n  - b\n    - c\n      - d\n        - e\n\n          ```\n          " + new string('x', 140) + "\n          ```\n" }).Value!;
        var measureRight = Trade.Page.Width.Points - Trade.Page.MarginOuter.Points;
        foreach (var run in paged.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>())
        {
            // The last glyph's right edge: its start plus a monospaced advance (0.6 em in DejaVu Sans Mono).
            var right = run.X.Points + run.Offsets[^1] + (run.Text.EndsWith('x') ? run.Size.Points * 0.6 : 0);
            Assert.True(right <= measureRight + 0.3, $"'{run.Text}' runs past the measure to {right:0.00} (the margin is at {measureRight:0.00})");
        }
    }

    [Fact]
    public void A_word_with_a_soft_hyphen_breaks_only_there()
    {
        // Without the mark the patterns would offer extra-or-di-nar-ily; with it, only extra-ordinarily.
        var text = string.Join(' ', Enumerable.Repeat("an extra&shy;ordinarily", 60));
        var paged = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = $"# A\n\n{text}\n" }).Value!;
        var beforeHyphens = TextsBeforeLineEndHyphens(paged);

        Assert.NotEmpty(beforeHyphens);
        Assert.All(beforeHyphens, t => Assert.Equal("extra", t));
    }

    [Fact]
    public void A_soft_hyphen_is_not_in_the_placed_text_and_the_clusters_still_point_at_their_letters()
    {
        // The unbroken marks must not reach the PDF's text, where a search for "extraordinarily" would fail on them.
        var text = string.Join(' ', Enumerable.Repeat("an extra&shy;ordinarily ef&shy;fi&shy;cient", 40));
        var paged = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = $"# A\n\n{text}\n" }).Value!;
        var runs = paged.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>().ToList();

        Assert.DoesNotContain(runs, g => g.Text.Contains('\u00AD', StringComparison.Ordinal));
        Assert.Contains(runs, g => g.Text.Contains("extraordinarily", StringComparison.Ordinal));
        Assert.Contains(runs, g => g.Text.Contains("efficient", StringComparison.Ordinal));
        Assert.All(runs, g =>
        {
            Assert.Equal(g.Glyphs.Length, g.Clusters.Length);
            Assert.Equal(g.Glyphs.Length, g.Offsets.Length);
            Assert.True(g.Clusters.Zip(g.Clusters.Skip(1)).All(c => c.First <= c.Second), $"clusters out of order in '{g.Text}'");
            Assert.All(g.Clusters, c => Assert.InRange(c, 0, Math.Max(0, g.Text.Length - 1)));
        });

        // No blank glyph is left standing for a mark: every glyph has a cluster of its own, in order.
        var marked = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = "# A\n\nef&shy;fi&shy;cient\n" }).Value!;
        var word = marked.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>().Single(g => g.Text.StartsWith("ef", StringComparison.Ordinal));
        Assert.Equal("efficient", word.Text);
        Assert.True(word.Clusters.Zip(word.Clusters.Skip(1)).All(c => c.First < c.Second), string.Join(",", word.Clusters));
    }

    [Fact]
    public void A_soft_hyphen_inside_a_ligature_is_still_a_break_point()
    {
        // f, f and i make one ffi glyph, and HarfBuzz used to form it across the mark: "dif" could never end a line, and
        // this long word, which may break only at its mark, ran loose or overfull.
        var text = string.Join(' ', Enumerable.Repeat("a dif&shy;ficultiesinsurmountable", 60));
        var paged = Typeset(new() { ["book.yml"] = "title: T\n", ["a.md"] = $"# A\n\n{text}\n" }).Value!;
        var beforeHyphens = TextsBeforeLineEndHyphens(paged);

        Assert.NotEmpty(beforeHyphens);
        Assert.All(beforeHyphens, t => Assert.Equal("dif", t));
    }

    [Fact]
    public void Justified_text_is_hyphenated_where_it_helps()
    {
        var paged = Typeset(new()
        {
            ["book.yml"] = "title: T\n",
            ["a.md"] = "# A\n\n" + string.Join(' ', Enumerable.Repeat("the extraordinarily complicated administrative responsibilities", 30)) + "\n",
        }).Value!;
        Assert.Contains(paged.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>(), g => g.Text == "-");
    }

    /// <summary>The glyph run before each hyphen a line break added: the first half of each broken word.</summary>
    private static List<string> TextsBeforeLineEndHyphens(PagedBook paged)
    {
        var runs = paged.Pages.SelectMany(p => p.Items).OfType<GlyphRunItem>().ToList();
        return [.. runs.Select((g, i) => (g, i)).Where(x => x.g.Text == "-" && x.i > 0).Select(x => runs[x.i - 1].Text)];
    }

    private static string Dump(PagedBook book) => string.Join("\n", book.Pages.Select(p => p.Folio + ": " + string.Join(" ",
        p.Items.OfType<GlyphRunItem>().Select(g => $"{g.X.Points:F2},{g.Y.Points:F2},{g.Font}:{g.Text}"))));

    [Fact]
    public void A_kept_layout_cache_resets_only_the_edited_paragraph_and_gives_the_pages_a_cold_build_gives()
    {
        var files = Book(3, 12);
        files["c2.md"] = "# Chapter Title 2\n\n" + string.Join("\n\n", Enumerable.Range(1, 12).Select(i => $"Paragraph {i} has " + Words(50, "plain") + " text."));
        var cache = new LayoutCache();
        Typeset(files, cache);
        var cold = cache.ParagraphsSet;
        Assert.True(cold > 36, $"a cold run sets every paragraph, set {cold}");

        Typeset(files, cache);
        Assert.Equal(0, cache.ParagraphsSet);

        files["c2.md"] = files["c2.md"].Replace("Paragraph 7 has plain", "Paragraph 7 has one edited", StringComparison.Ordinal);
        var warm = Typeset(files, cache).Value!;
        Assert.InRange(cache.ParagraphsSet, 1, 2);
        Assert.True(cache.ParagraphsReused > 36);
        Assert.Equal(Dump(Typeset(files).Value!), Dump(warm));
        Assert.Contains(warm.Pages, p => PageText(p).Contains("one edited", StringComparison.Ordinal));
    }

    private static string FullDump(StageResult<PagedBook> result) =>
        Dump(result.Value!) + "\n" + string.Join("\n", result.Value!.Outline) + "\n"
        + string.Join("\n", result.Value.Anchors.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value))
        + "\n" + string.Join("\n", result.Diagnostics);

    [Fact]
    public void Kept_chapters_and_layouts_give_after_every_kind_of_edit_what_a_cold_build_gives()
    {
        var files = Book(4, 10);
        files["c1.md"] = "# Chapter Title 1 {#one}\n\nSee [](#two) and [](#late) for more.\n\n" + string.Join("\n\n", Enumerable.Range(1, 9).Select(i => $"Para {i} " + Words(55, "first")));
        files["c3.md"] = "# Chapter Title 3 {#three}\n\n" + string.Join("\n\n", Enumerable.Range(1, 9).Select(i => $"Para {i} " + Words(55, "third"))) + "\n\nLate{#late} words here.[^n]\n\n[^n]: A note.\n";
        files["c2.md"] = "# Chapter Title 2 {#two}\n\n## Section\n\n" + string.Join("\n\n", Enumerable.Range(1, 10).Select(i => $"Para {i} " + Words(55, "second")));
        var chapters = new ManuscriptCache();
        using var cache = new LayoutCache();
        StageResult<PagedBook> Warm()
        {
            var book = ManuscriptLoader.Load(MemoryBookSource.FromText(files), "", new LoadOptions { Cache = chapters });
            Assert.False(book.HasErrors, string.Join("\n", book.Diagnostics));
            return Typesetter.Typeset(book.Value!, Trade, new TypesetOptions { Cache = cache });
        }

        void Same(string what)
        {
            var warm = Warm();
            Assert.True(FullDump(Typeset(files)) == FullDump(warm), $"after {what}, the kept layouts differ from a cold build");
        }

        Same("the first build");
        Same("no edit");
        Assert.Equal(0, chapters.Built);
        Assert.Equal(2, cache.DivisionsBuilt); // only the half title and title page, made anew from book.yml each time

        files["c2.md"] = files["c2.md"].Replace("Para 4 second", "Para 4 one edited second", StringComparison.Ordinal);
        Same("a one-word edit");
        Assert.Equal(1, chapters.Built);

        // Enough text to push chapter 3 (and the target of the page references) two pages on.
        files["c2.md"] += "\n\n" + string.Join("\n\n", Enumerable.Range(1, 12).Select(i => $"Added {i} " + Words(60, "more")));
        Same("a chapter growing by pages");

        files["c2.md"] = files["c2.md"].Replace("# Chapter Title 2 {#two}", "# A Renamed Second Chapter {#two}", StringComparison.Ordinal);
        Same("a retitled chapter (the contents and a page reference's chapter change)");

        // Chapter 1 now takes the id 'section', so chapter 2's unchanged file must not be replayed with it.
        files["c1.md"] = files["c1.md"].Replace("Para 3 first", "## Section\n\nPara 3 first", StringComparison.Ordinal);
        Same("a new section whose generated id was another chapter's");
        Assert.Equal(2, chapters.Built);

        files["book.yml"] = files["book.yml"].Replace("c3.md, ", "", StringComparison.Ordinal).Replace("c4.md]", "c4.md, c3.md]", StringComparison.Ordinal);
        Same("chapters reordered");

        files["book.yml"] = files["book.yml"].Replace("title: Test Book", "title: Another Title", StringComparison.Ordinal);
        Same("a new book title (every verso's running head)");
    }

    [Fact]
    public void Paragraphs_of_the_same_words_in_other_formatting_are_not_taken_for_each_other()
    {
        var cache = new LayoutCache();
        var files = new Dictionary<string, string> { ["book.yml"] = "title: T\n", ["a.md"] = "# A\n\nSome **strong words** here.\n" };
        Typeset(files, cache);
        files["a.md"] = "# A\n\nSome <span class=\"smallcaps\">strong words</span> here.\n";
        Typeset(files, cache);
        Assert.True(cache.ParagraphsSet >= 1, "small capitals were taken for bold");
    }
}

/// <summary>Where pages begin, as text positions the EPUB writer can find again.</summary>
public sealed class PageStartTests
{
    private static readonly StyleSheet Trade = StyleLoader.Load(new FileSystemBookSource(), "trade", TestPaths.Styles).Value!;

    /// <summary>The counted characters (no white space) of a leaf's manuscript text, as the EPUB side would see them.</summary>
    private static string CountedText(BookDocument book, TextPosition p)
    {
        var division = book.Divisions.Single(d => d.Id == p.DivisionId);
        var leaf = TextLeaves.Of(division.Blocks).ElementAt(p.Leaf);
        return string.Concat(Inline.ToPlainText(leaf).Where(c => !char.IsWhiteSpace(c)));
    }

    [Fact]
    public void Each_page_starts_at_a_position_whose_text_is_the_first_text_on_the_page()
    {
        var source = new FileSystemBookSource();
        var book = ManuscriptLoader.Load(source, Path.Combine(TestPaths.Root, "tests", "fixtures", "kitchen-sink"), new LoadOptions()).Value!;
        var paged = Typesetter.Typeset(book, Trade).Value!;
        var checkedPages = 0;
        foreach (var page in paged.Pages)
        {
            if (page.Kind == PageKind.Blank)
            {
                Assert.Null(page.Start);
                continue;
            }

            Assert.NotNull(page.Start);
            if (page.Start!.Leaf < 0)
            {
                continue;
            }

            // The first body text below the running head (skipping an ornament or a list marker the typesetter
            // drew) must be what the position points at.
            var top = Trade.Page.MarginTop.Points;
            var firstRuns = page.Items.OfType<GlyphRunItem>().Where(g => g.Y.Points > top).OrderBy(g => g.Y.Points).ThenBy(g => g.X.Points)
                .Select(g => string.Concat(g.Text.Where(c => !char.IsWhiteSpace(c)))).Take(3).ToList();
            var at = CountedText(book, page.Start)[page.Start.Offset..];
            Assert.True(firstRuns.Any(w => w.Length > 0 && at.StartsWith(w, StringComparison.Ordinal)),
                $"page {page.Index + 1}: position points at '{at[..Math.Min(20, at.Length)]}', page starts with '{string.Join(" ", firstRuns)}'");
            checkedPages++;
        }

        Assert.True(checkedPages >= 8, $"only {checkedPages} pages checked");
    }

}

/// <summary>Text the fonts cannot show.</summary>
public sealed class MissingGlyphTests
{
    [Fact]
    public void A_character_the_font_lacks_is_a_warning_naming_it_and_its_place()
    {
        var trade = StyleLoader.Load(new FileSystemBookSource(), "trade", TestPaths.Styles).Value!;
        var book = ManuscriptLoader.Load(MemoryBookSource.FromText(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\n",
            ["a.md"] = "# A\n\nPlain text.\n\nThe capital is 北京 and that is all.\n",
        }), "", new LoadOptions()).Value!;
        var result = Typesetter.Typeset(book, trade);
        var warnings = result.Diagnostics.Where(d => d.Code == LayoutCodes.MissingGlyph).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Message.Contains("U+5317", StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.Equal("a.md:5:1", w.Span!.ToString()));
    }

}
