using Publisher.Styles;
using Publisher.Typesetting.Inline;
using Publisher.Typesetting.LineBreaking;
using static Publisher.UnitTests.Typesetting.TradeFonts;

namespace Publisher.UnitTests.Typesetting;

/// <summary>The stages of inline layout one at a time: shape, items, break, place.</summary>
public sealed class InlineStagesTests
{
    private const double Size = 10;

    private static Run Text(string text) => new() { Text = text, Style = new RunStyle(Charis, Size) };

    private static ParagraphConfig Justified(double measure, bool hyphenate = true) => new(measure, 0, TextAlign.Justify, hyphenate, "en", hyphenate ? English : null);

    [Fact]
    public void Shape_returns_one_shaped_run_per_run_with_clusters_in_its_text()
    {
        var runs = new List<Run> { Text("an office hour"), Text(""), Text("AV") };

        var shaped = Shape.Runs(runs, "en");

        Assert.Equal(3, shaped.Length);
        Assert.All(shaped.Zip(runs), p => Assert.Same(p.Second, p.First.Run));
        Assert.Empty(shaped[1].Glyphs);
        foreach (var run in shaped.Where(r => r.Text.Length > 0))
        {
            Assert.Equal(0, run.Glyphs[0].Cluster);
            Assert.All(run.Glyphs.Zip(run.Glyphs.Skip(1)), p => Assert.True(p.First.Cluster < p.Second.Cluster));
            Assert.All(run.Glyphs, g => Assert.InRange(g.Cluster, 0, run.Text.Length - 1));
        }

        // "ffi" is one glyph in Charis: the glyph after it starts three characters on.
        var ffi = Array.FindIndex(shaped[0].Glyphs, g => g.Cluster == "an o".Length);
        Assert.Equal("an offi".Length, shaped[0].Glyphs[ffi + 1].Cluster);
        Assert.Equal("an office hour".Length - 2, shaped[0].Glyphs.Length);
    }

    [Fact]
    public void Items_of_a_hyphenatable_word_have_a_flagged_penalty_at_each_pattern_point()
    {
        var shaped = Shape.Runs([Text("a hyphenation b")], "en");

        var paragraph = Itemize.Paragraph(shaped, Justified(300));

        var hyphens = paragraph.Items.Where(i => i.Kind == ItemKind.Penalty && i.Flagged).ToList();
        Assert.Equal(English.Points("hyphenation").Count, hyphens.Count);
        Assert.NotEmpty(hyphens);
        Assert.All(hyphens, h =>
        {
            Assert.Equal(Itemize.HyphenPenalty, h.Penalty);
            Assert.Equal(Charis.HyphenAdvance * Size, h.Width, 6);
        });

        // The word's pieces, between its penalties, are the word.
        var word = paragraph.Pieces.OfType<Piece>().Where(p => p.CharStart >= "a ".Length && p.CharEnd <= "a hyphenation".Length).ToList();
        Assert.Equal(hyphens.Count + 1, word.Count);
        Assert.Equal("hyphenation", string.Concat(word.Select(p => "a hyphenation b"[p.CharStart..p.CharEnd])));
    }

    [Fact]
    public void Items_without_hyphenation_break_only_at_spaces_and_explicit_hyphens()
    {
        var shaped = Shape.Runs([Text("a hyphenation and a well-known b")], "en");

        var items = Itemize.Paragraph(shaped, Justified(300, hyphenate: false)).Items;

        var penalties = items.Where(i => i.Kind == ItemKind.Penalty && Math.Abs(i.Penalty) < Item.Infinity).ToList();
        var explicitHyphen = Assert.Single(penalties);
        Assert.Equal(Itemize.ExplicitHyphenPenalty, explicitHyphen.Penalty);
        Assert.Equal(0, explicitHyphen.Width);
        Assert.Equal(5, items.Count(i => i.Kind == ItemKind.Glue && i.Width > 0));
    }

    [Fact]
    public void A_line_starts_after_the_glue_and_penalties_that_vanish_at_its_break()
    {
        List<Item> items = [Item.Box(5), Item.Glue(3, 1, 1), Item.PenaltyItem(0, 50, false), Item.Glue(3, 1, 1), Item.Box(5), Item.PenaltyItem(0, -Item.Infinity, false)];

        Assert.Equal(4, Item.LineStartAfter(items, 1));
        Assert.Equal(5, Item.LineStartAfter(items, 4));
        Assert.Equal(6, Item.LineStartAfter(items, 5));
    }

    [Fact]
    public void Break_balances_a_ragged_display_paragraph_to_lines_of_even_length()
    {
        var shaped = Shape.Runs([Text("The quick brown fox jumps over the lazy dog and then the cat")], "en");
        var ragged = new ParagraphConfig(200, 0, TextAlign.Left, false, "en", null);
        var items = Itemize.Paragraph(shaped, ragged).Items;

        var plain = Break.Lines(items, ragged);
        var balanced = Break.Lines(items, ragged with { Balance = true });

        Assert.Equal(2, plain.Lines.Count);
        Assert.Equal(plain.Lines.Count, balanced.Lines.Count);
        double Spread(BreakResult r) => Math.Abs(Natural(items, r, 0) - Natural(items, r, 1));
        Assert.True(Spread(balanced) < Spread(plain) / 2, $"balanced {Spread(balanced):0.0} pt apart, unbalanced {Spread(plain):0.0}");
    }

    private static double Natural(List<Item> items, BreakResult result, int line)
    {
        var start = line == 0 ? 0 : Item.LineStartAfter(items, result.Lines[line - 1].Break);
        return LineSums.Of(items, start, result.Lines[line].Break).Natural;
    }

    [Fact]
    public void Place_sets_the_last_glyph_of_a_justified_line_at_the_measure()
    {
        const double measure = 150;
        var config = Justified(measure);
        var shaped = Shape.Runs([Text("Whether the weather be fine or whether the weather be not, we shall weather the weather whatever the weather, whether we like it or not.")], "en");
        var paragraph = Itemize.Paragraph(shaped, config);
        var result = Break.Lines(paragraph.Items, config);

        var lines = Place.Lines(shaped, paragraph, result, config, []);

        Assert.True(lines.Count >= 3);
        foreach (var line in lines.SkipLast(1))
        {
            var last = line.Runs[^1];
            var advance = Charis.Shape(last.Text, "en")[^1].Advance * last.Size;
            Assert.InRange(last.X + last.Offsets[^1] + advance, measure - 0.01, measure + 0.01);
        }
    }
}
