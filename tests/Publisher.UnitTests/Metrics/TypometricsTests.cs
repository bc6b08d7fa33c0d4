using Publisher.TestKit.Pdf;

namespace Publisher.UnitTests.Metrics;

/// <summary>The typographic metrics on synthetic word boxes: each rule fires on the case it names and not on its near miss.</summary>
public sealed class TypometricsTests
{
    private static TypometricsReport Measure(SyntheticPages pages) => Typometrics.Measure(pages.Build());

    /// <summary>Two full pages of ordinary paragraphs at natural spacing, then whatever the test adds on page 3.</summary>
    private static SyntheticPages Book() => new SyntheticPages().FillTo(0).NewPage().FillTo(0).NewPage();

    [Fact]
    public void Ordinary_pages_break_no_rule()
    {
        var r = Measure(Book().FillTo(0));
        Assert.Equal(3, r.Pages);
        Assert.Equal(SyntheticPages.BodyHeight, r.BodyHeight, 2);
        Assert.Equal(SyntheticPages.Pitch, r.LinePitch, 2);
        Assert.Equal(SyntheticPages.Space, r.NaturalSpace, 3);
        Assert.Equal(387, r.TextRightRecto, 2);
        Assert.Equal(369, r.TextRightVerso, 2);
        Assert.Equal(63, r.TextLeftRecto, 2);
        Assert.True(r.JustifiedLines > 60, $"{r.JustifiedLines} justified lines");
        Assert.Equal(1.0, r.MeanSpaceRatio, 3);
        Assert.Empty(r.LooseLines);
        Assert.Equal(0, r.HyphenatedLines);
        Assert.Empty(r.Overfull);
        Assert.Empty(r.Widows);
        Assert.Empty(r.Orphans);
        Assert.Empty(r.StrandedHeadings);
    }

    [Fact]
    public void A_line_at_1_6_times_the_natural_space_is_loose_and_the_worst()
    {
        var pages = Book().Justified(indent: true).Justified(ratio: 1.6).Justified().Ragged().FillTo(0);
        var r = Measure(pages);
        var loose = Assert.Single(r.LooseLines);
        Assert.Equal(1.6, loose.Ratio, 3);
        Assert.Equal(3, loose.Page);
        Assert.Equal(loose, r.Worst);
        Assert.Equal(1.0 / r.JustifiedLines, r.ShareLoose, 6);
    }

    [Fact]
    public void A_line_at_1_4_times_is_not_loose_but_is_the_worst()
    {
        var r = Measure(Book().Justified(indent: true).Justified(ratio: 1.4).Ragged().FillTo(0));
        Assert.Empty(r.LooseLines);
        Assert.Equal(1.4, r.Worst!.Ratio, 3);
    }

    [Fact]
    public void A_tight_line_counts_below_one()
    {
        var r = Measure(Book().Justified(indent: true).Justified(ratio: 0.7).Ragged().FillTo(0));
        Assert.True(r.MeanSpaceRatio < 1.0);
        Assert.Equal(1.0, r.Worst!.Ratio, 3);
    }

    [Fact]
    public void A_note_number_touching_a_word_is_not_a_word_space()
    {
        // Were the note number a word of its own, the line would gain a zero-width gap and read tighter than 1.6×.
        var r = Measure(Book().Justified(indent: true).Justified(ratio: 1.6, superscript: true).Ragged().FillTo(0));
        Assert.Equal(1.6, Assert.Single(r.LooseLines).Ratio, 3);
    }

    [Fact]
    public void A_note_number_on_a_poppler_line_of_its_own_joins_its_line()
    {
        var pages = Book().Justified(indent: true).Justified(ratio: 1.6, superscript: true).Ragged().FillTo(0).Build().ToList();
        var page = pages[2];
        var lines = page.Lines.ToList();
        var host = lines.First(l => l.Words.Any(w => w.Height < 12));
        var mark = host.Words.Single(w => w.Height < 12);
        lines[lines.IndexOf(host)] = new LayoutLine([.. host.Words.Where(w => w != mark)]);
        lines.Add(new LayoutLine([mark]));
        pages[2] = page with { Lines = lines };
        var r = Typometrics.Measure(pages);
        Assert.Equal(1.6, Assert.Single(r.LooseLines).Ratio, 3);
    }

    [Fact]
    public void A_word_past_the_right_edge_is_overfull()
    {
        var r = Measure(Book().Justified(indent: true).Justified(overshoot: 1.0).Ragged().FillTo(0));
        var o = Assert.Single(r.Overfull);
        Assert.Equal(3, o.Page);
        Assert.Equal(1.0, o.Excess, 3);
    }

    [Fact]
    public void A_line_within_half_a_point_of_the_edge_is_not_overfull()
    {
        var r = Measure(Book().Justified(indent: true).Justified(overshoot: 0.3).Ragged().FillTo(0));
        Assert.Empty(r.Overfull);
    }

    [Fact]
    public void The_right_edge_can_be_given()
    {
        var r = Typometrics.Measure(Book().FillTo(0).Build(), new TypometricsOptions { TextRightRecto = 380 });
        Assert.NotEmpty(r.Overfull);
        Assert.All(r.Overfull, o => Assert.Equal(1, o.Page % 2));
        Assert.Equal(380, r.TextRightRecto);
    }

    [Fact]
    public void Three_hyphenated_lines_in_a_row_are_a_run()
    {
        var pages = Book().Justified(indent: true, lastWord: "hy-").Justified(lastWord: "phen-").Justified(lastWord: "ation-")
            .Justified().Ragged().FillTo(0);
        var r = Measure(pages);
        Assert.Equal(3, r.HyphenatedLines);
        Assert.Equal(3, r.LongestHyphenRun);
        var run = Assert.Single(r.HyphenRunsOverTwo);
        Assert.Equal(3, run.Length);
        Assert.Equal(3, run.Page);
        Assert.EndsWith("hy-", run.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Two_hyphenated_lines_in_a_row_are_allowed()
    {
        var pages = Book().Justified(indent: true, lastWord: "hy-").Justified(lastWord: "phen-").Justified()
            .Justified(lastWord: "ation-").Ragged().FillTo(0);
        var r = Measure(pages);
        Assert.Equal(3, r.HyphenatedLines);
        Assert.Equal(2, r.LongestHyphenRun);
        Assert.Empty(r.HyphenRunsOverTwo);
    }

    [Fact]
    public void Dashes_and_a_hyphen_on_a_paragraphs_last_line_are_not_hyphenated_line_ends()
    {
        var pages = Book().Justified(indent: true, lastWord: "1941–").Justified(lastWord: "word—").Justified(lastWord: "-")
            .Ragged(lastWord: "well-").FillTo(0);
        Assert.Equal(0, Measure(pages).HyphenatedLines);
    }

    [Fact]
    public void The_last_line_of_a_paragraph_alone_at_the_top_of_a_page_is_a_widow()
    {
        var pages = Book().FillTo(3).Justified(indent: true).Justified().Justified()
            .NewPage().Ragged().Paragraph().FillTo(0);
        var r = Measure(pages);
        var widow = Assert.Single(r.Widows);
        Assert.Equal(4, widow.Page);
        Assert.Empty(r.Orphans);
    }

    [Fact]
    public void Two_lines_of_a_paragraph_at_the_top_of_a_page_are_not_a_widow()
    {
        var pages = Book().FillTo(3).Justified(indent: true).Justified().Justified()
            .NewPage().Justified().Ragged().Paragraph().FillTo(0);
        var r = Measure(pages);
        Assert.Empty(r.Widows);
        Assert.Empty(r.Orphans);
    }

    [Fact]
    public void A_paragraph_starting_at_the_top_of_a_page_is_not_a_widow_even_if_it_is_one_line()
    {
        var pages = Book().FillTo(1).Ragged()
            .NewPage().Ragged(indent: true).Paragraph().FillTo(0);
        Assert.Empty(Measure(pages).Widows);
    }

    [Fact]
    public void The_first_line_of_a_paragraph_alone_at_the_foot_of_a_page_is_an_orphan()
    {
        var pages = Book().FillTo(1).Justified(indent: true)
            .NewPage().Justified().Justified().Ragged().FillTo(0);
        var r = Measure(pages);
        var orphan = Assert.Single(r.Orphans);
        Assert.Equal(3, orphan.Page);
        Assert.Empty(r.Widows);
    }

    [Fact]
    public void Two_lines_of_a_paragraph_at_the_foot_of_a_page_are_not_an_orphan()
    {
        var pages = Book().FillTo(2).Justified(indent: true).Justified()
            .NewPage().Justified().Ragged().FillTo(0);
        Assert.Empty(Measure(pages).Orphans);
    }

    [Fact]
    public void An_orphan_above_footnotes_is_still_at_the_foot_of_the_page()
    {
        var pages = Book().FillTo(4).Justified(indent: true).Footnote(0).Footnote(1)
            .NewPage().Justified().Justified().Ragged().FillTo(0);
        var r = Measure(pages);
        Assert.Equal(3, Assert.Single(r.Orphans).Page);
        Assert.Empty(r.Overfull);
    }

    [Fact]
    public void Footnotes_are_not_counted_as_justified_lines()
    {
        var without = Measure(Book().FillTo(3));
        var with = Measure(Book().FillTo(3).Footnote(0).Footnote(1));
        Assert.Equal(without.JustifiedLines, with.JustifiedLines);
        Assert.Empty(with.Orphans);
    }

    [Fact]
    public void A_heading_as_the_last_line_of_a_page_is_stranded()
    {
        var pages = Book().FillTo(2).Heading("The First Telegram")
            .NewPage().Paragraph(indent: false).FillTo(0);
        var r = Measure(pages);
        var stranded = Assert.Single(r.StrandedHeadings);
        Assert.Equal(3, stranded.Page);
        Assert.Equal("The First Telegram", stranded.Text);
    }

    [Fact]
    public void A_heading_with_two_lines_under_it_is_not_stranded()
    {
        var pages = Book().FillTo(4).Heading().Justified().Justified()
            .NewPage().Justified().Ragged().FillTo(0);
        var r = Measure(pages);
        Assert.Empty(r.StrandedHeadings);
        Assert.Empty(r.Orphans);
    }

    [Fact]
    public void A_body_size_centred_line_is_a_heading_too()
    {
        // A centred heading in the body size (a small-caps h2 can be): li = ri = 100 pt.
        var pages = Book().FillTo(2);
        var built = pages.Build().ToList();
        var page = built[2];
        var y = page.Lines.Where(l => l.Words[0].Height > 17).Max(l => l.Words[0].YMax) + 28;
        var heading = new LayoutLine([new LayoutWord(163, y - 17.18, 225, y, "Centred"), new LayoutWord(228, y - 17.18, 287, y, "Heading")]);
        built[2] = page with { Lines = [.. page.Lines, heading] };
        var next = new SyntheticPages().FillTo(0).NewPage().FillTo(0).NewPage().FillTo(0).NewPage().Paragraph(indent: false).FillTo(0).Build();
        built.Add(next[3]);
        var r = Typometrics.Measure(built);
        Assert.Equal("Centred Heading", Assert.Single(r.StrandedHeadings).Text);
    }

    [Fact]
    public void A_display_page_with_only_a_title_is_not_a_stranded_heading()
    {
        var pages = new SyntheticPages().Heading("Half-title").NewPage().FillTo(0).NewPage().FillTo(0);
        Assert.Empty(Measure(pages).StrandedHeadings);
    }

    [Fact]
    public void Running_heads_and_folios_are_not_text()
    {
        // Every synthetic page has a body-size running head flush at both edges and a folio; none may count.
        var r = Measure(Book().FillTo(0));
        Assert.DoesNotContain(r.LooseLines, l => l.Text.Contains("RUNNING", StringComparison.Ordinal));
        Assert.Equal(0, r.HyphenatedLines);
        Assert.Empty(r.Widows);
    }

    [Fact]
    public void Contents_lines_with_dot_leaders_are_not_justified_lines()
    {
        var plain = Measure(Book().FillTo(0));
        var contents = Measure(Book().Leaders().Leaders().Leaders().FillTo(0));
        Assert.Empty(contents.LooseLines);
        Assert.True(contents.JustifiedLines <= plain.JustifiedLines);
    }

    [Fact]
    public void The_natural_space_can_be_given()
    {
        var r = Typometrics.Measure(Book().FillTo(0).Build(), new TypometricsOptions { NaturalSpace = 2.0 });
        Assert.Equal(2.0, r.NaturalSpace);
        Assert.Equal(0, r.NaturalSpaceSamples);
        Assert.Equal(1.5, r.MeanSpaceRatio, 3);
        Assert.Empty(r.LooseLines); // exactly 1.5× is not past 1.5×
    }

    [Fact]
    public void Pages_before_the_first_body_page_are_left_out()
    {
        var pages = new SyntheticPages().FillTo(1).Justified(indent: true).NewPage().Justified().Ragged().FillTo(0)
            .NewPage().FillTo(0);
        Assert.Single(Measure(pages).Orphans);
        var r = Typometrics.Measure(pages.Build(), new TypometricsOptions { FirstBodyPage = 2 });
        Assert.Equal(2, r.Pages);
        Assert.Empty(r.Orphans);
    }

    [Fact]
    public void Bbox_layout_output_is_parsed_into_pages_lines_and_words()
    {
        const string xhtml = """
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml">
            <head><title>T &amp; U</title></head>
            <body><doc>
              <page width="432.000000" height="648.000000"><flow><block xMin="1" yMin="2" xMax="3" yMax="4">
                <line xMin="63" yMin="51.38" xMax="196.81" yMax="68.55">
                  <word xMin="63.000000" yMin="51.380000" xMax="80.5" yMax="68.550000">For</word>
                  <word xMin="83.1" yMin="51.38" xMax="120" yMax="68.55">Stalin’s</word>
                </line>
              </block></flow></page>
              <page width="432.000000" height="648.000000"></page>
            </doc></body></html>
            """;
        var pages = BboxLayout.Parse(xhtml);
        Assert.Equal(2, pages.Count);
        Assert.Equal(2, pages[1].Number);
        Assert.Empty(pages[1].Lines);
        var words = Assert.Single(pages[0].Lines).Words;
        Assert.Equal(["For", "Stalin’s"], words.Select(w => w.Text));
        Assert.Equal(17.17, words[0].Height, 2);
        Assert.Equal(83.1, words[1].XMin, 3);
    }
}
