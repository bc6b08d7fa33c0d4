using Publisher.Typesetting.Hyphenation;

namespace Publisher.UnitTests.Typesetting;

public sealed class HyphenatorTests
{
    private static readonly Hyphenator English = new(File.ReadAllText(Path.Combine(TestPaths.Styles, "trade", "hyphenation", "hyph-en-us.tex")));

    [Theory]
    [InlineData("hyphenation", "hy-phen-ation")]
    [InlineData("extensive", "ex-ten-sive")]
    [InlineData("typesetting", "type-set-ting")]
    [InlineData("computer", "com-puter")]
    [InlineData("international", "in-ter-na-tional")]
    [InlineData("strategic", "strate-gic")]
    public void Known_words_break_where_the_patterns_say(string word, string expected) =>
        Assert.Equal(expected, English.Hyphenate(word));

    [Fact]
    public void Left_and_right_minimums_are_two_and_three()
    {
        // "about" could be a-bout by the patterns; a single letter may not stand before a hyphen.
        Assert.DoesNotContain(English.Points("about"), p => p < 2);
        Assert.All(English.Points("reorganize"), p => Assert.InRange(p, 2, "reorganize".Length - 3));
        Assert.Empty(English.Points("the"));
    }

    [Fact]
    public void The_whole_pattern_file_is_read()
    {
        Assert.True(English.PatternCount > 4900, $"{English.PatternCount} patterns");
    }

    [Fact]
    public void Exceptions_in_the_file_override_patterns()
    {
        var h = new Hyphenator("\\patterns{ 1b1 } \\hyphenation{ ta-ble }");
        Assert.Equal("ta-ble", h.Hyphenate("table"));
    }
}
