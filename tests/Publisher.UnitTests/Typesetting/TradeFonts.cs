using Publisher.Typesetting.Fonts;
using Publisher.Typesetting.Hyphenation;

namespace Publisher.UnitTests.Typesetting;

/// <summary>The trade style's text face and English patterns, loaded once for the inline layout tests.</summary>
internal static class TradeFonts
{
    public static readonly Hyphenator English = new(File.ReadAllText(Path.Combine(TestPaths.Styles, "trade", "hyphenation", "hyph-en-us.tex")));

    public static readonly FontFace Charis = new(0, "Charis SIL", File.ReadAllBytes(Path.Combine(TestPaths.Styles, "trade", "fonts", "CharisSIL-Regular.ttf")));
}
