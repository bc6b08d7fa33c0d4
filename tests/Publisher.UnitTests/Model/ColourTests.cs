using Publisher.Model;

namespace Publisher.UnitTests.Model;

public sealed class ColourTests
{
    [Theory]
    [InlineData("#1A1a1a", 0x1a, 0x1a, 0x1a, "#1a1a1a")]
    [InlineData(" #7a1f1f ", 0x7a, 0x1f, 0x1f, "#7a1f1f")]
    [InlineData("#abc", 0xaa, 0xbb, 0xcc, "#aabbcc")]
    public void Hex_notation_parses_once_and_prints_as_rrggbb(string text, byte r, byte g, byte b, string printed)
    {
        Assert.True(Colour.TryParse(text, out var c));
        Assert.Equal(new Colour(r, g, b), c);
        Assert.Equal(printed, c.ToString());
    }

    [Theory]
    [InlineData("red")]
    [InlineData("1a1a1a")]
    [InlineData("#1a1a1")]
    [InlineData("#12345g")]
    [InlineData("red; } body { display: none")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_refused(string? text) => Assert.False(Colour.TryParse(text, out _));

    [Fact]
    public void Contrast_is_the_wcag_ratio()
    {
        Assert.Equal(21, Colour.Contrast(Colour.Black, Colour.White), 3);
        Assert.Equal(2.85, Colour.Contrast(Colour.Parse("#999999"), Colour.White), 2);
        Assert.Equal(1, Colour.Contrast(Colour.White, Colour.White), 3);
    }
}
