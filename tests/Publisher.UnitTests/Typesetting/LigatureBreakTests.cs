using Publisher.Styles;
using Publisher.Typesetting.Inline;
using static Publisher.UnitTests.Typesetting.TradeFonts;

namespace Publisher.UnitTests.Typesetting;

/// <summary>
/// A hyphenation point inside a ligature (dif-fer-ent, ef-fort, of-fered: ff, fi and ffi are one glyph each) is a
/// break point like any other, as TeX's discretionaries make it; and where the line does not break there, the word
/// keeps its ligature.
/// </summary>
public sealed class LigatureBreakTests
{
    private static List<LaidLine> Lay(string text, double measure) => LayWithWarnings(text, measure).Lines;

    private static (List<LaidLine> Lines, List<LineWarning> Warnings) LayWithWarnings(string text, double measure)
    {
        var runs = new List<Run> { new() { Text = text, Style = new RunStyle(Charis, 10) } };
        var config = new ParagraphConfig(measure, 0, TextAlign.Justify, true, "en", English);
        return ParagraphLayout.Layout(runs, config);
    }

    [Fact]
    public void A_word_broken_after_its_own_ff_keeps_the_ff()
    {
        // stuff-ing: the point falls between ff and i, inside one ffi glyph. Splitting before the point would cost the
        // ff too; the i is split off instead, as TeX's discretionary gives "stuff-" and "ing".
        var ends = new List<PlacedRun>();
        for (var measure = 60.0; measure <= 140; measure += 1)
        {
            var lines = Lay("the men were there at the start of the day and then the stuffing of the birds began in earnest", measure);
            ends.AddRange(lines.Where(l => l.Hyphenated && l.Runs[^2].Text == "stuff").Select(l => l.Runs[^2]));
        }

        Assert.NotEmpty(ends);
        var whole = Charis.Shape("stuff", "en").Length;
        Assert.All(ends, r => Assert.Equal(whole, r.Glyphs.Length));
        Assert.True(whole < 5, "Charis has an ff ligature");
    }

    [Fact]
    public void A_word_that_hyphenates_cleanly_at_a_ligature_is_not_reported_as_broken_by_force()
    {
        // Shaped with its ffi, "difficult" is too wide for this measure but for a forced break; split at dif-fi-cult,
        // it is not, and the warning of the shaping not used must not be given.
        var (lines, warnings) = LayWithWarnings("a difficult b", 17.5);
        Assert.Contains(lines, l => l.Hyphenated);
        Assert.DoesNotContain(warnings, w => w.Kind == LineWarningKind.OverlongWord);
    }

    [Fact]
    public void A_line_may_end_inside_what_would_be_a_ligature()
    {
        // Over a sweep of measures, the breaker takes these points where they serve the paragraph best; before, it
        // could never take one (each fell inside an ff or ffi glyph).
        var ends = new List<string>();
        for (var measure = 60.0; measure <= 240; measure += 4)
        {
            var lines = Lay(Text, measure);
            Assert.All(lines, l => Assert.False(l.Overfull, $"an overfull line at {measure} pt"));
            for (var i = 0; i < lines.Count - 1; i++)
            {
                if (lines[i].Hyphenated && lines[i].Runs[^2].Text is "indif" or "ef" or "suf" or "of" && lines[i].Runs[^1].Text == "-")
                {
                    // The rest of the word starts the next line: "suf-" is followed by "ficiently", set with its fi.
                    var rest = lines[i + 1].Runs[0];
                    ends.Add(lines[i].Runs[^2].Text + "-" + rest.Text);
                    if (rest.Text == "ficiently")
                    {
                        Assert.Equal(rest.Text.Length - 1, rest.Glyphs.Length);
                    }
                }
            }
        }

        Assert.True(ends.Count >= 5, $"{ends.Count} lines ended inside a ligature: {string.Join(", ", ends)}");
        Assert.Contains(ends, e => e is "ef-fortless" or "of-fered" or "indif-ferent" or "suf-ficiently");
    }

    private const string Text = "then came indifferent and effortless replies to all the sufficiently offered terms, and the indifferent offers came effortlessly";

    [Fact]
    public void A_word_not_broken_at_its_ligature_keeps_the_ligature()
    {
        var lines = Lay(Text, 2000);
        var all = lines.SelectMany(l => l.Runs).ToList();
        var line = string.Concat(all.Select(r => r.Text));
        Assert.Contains("indifferent", line, StringComparison.Ordinal);
        var glyphs = all.Sum(r => r.Glyphs.Length);
        var letters = line.Count(c => c != ' ');
        // ff in indifferent (twice), effortless, effortlessly, offered and offers, ffi in sufficiently: eight glyphs
        // fewer than letters.
        Assert.Equal(letters - 8, glyphs);
    }
}
