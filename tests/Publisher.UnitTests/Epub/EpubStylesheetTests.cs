using Publisher.Epub.Css;
using Publisher.Model;
using Publisher.TestKit.Epub;

namespace Publisher.UnitTests.Epub;

/// <summary>The EPUB stylesheet follows the same StyleSheet as print.</summary>
public sealed class EpubStylesheetTests
{
    private static string Css(Publisher.Styles.StyleSheet style)
    {
        var bag = new DiagnosticBag();
        var css = StylesheetGenerator.Generate(style, FontResources.Collect(style, bag));
        Assert.Empty(bag.ToImmutable());
        return css;
    }

    private static string Rule(string css, string selector)
    {
        var start = css.IndexOf("\n" + selector + " {", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no rule for '{selector}' in:\n{css}");
        var end = css.IndexOf('}', start);
        return css[start..end];
    }

    [Fact]
    public void Body_sizes_become_ratios_of_the_body_size()
    {
        var css = Css(SampleBook.Style());
        Assert.Contains("Body 10.5pt/14pt", css, StringComparison.Ordinal);
        var body = Rule(css, "body");
        Assert.Contains("font-size: 100%;", body, StringComparison.Ordinal);
        Assert.Contains("line-height: 1.3333;", body, StringComparison.Ordinal); // 14 / 10.5
        Assert.Contains("color: #1a1a1a;", body, StringComparison.Ordinal);
        var p = Rule(css, "p");
        Assert.Contains("text-indent: 1.25em;", p, StringComparison.Ordinal); // 13.125 / 10.5
        Assert.Contains("text-align: justify;", p, StringComparison.Ordinal);
        Assert.Contains("hyphens: auto;", p, StringComparison.Ordinal);
        Assert.Contains("font-size: 1.0476em;", Rule(css, "h2"), StringComparison.Ordinal); // 11 / 10.5
        Assert.Contains("font-size: 1.8095em;", Rule(css, "h1.chapter-heading, h1.toc-title"), StringComparison.Ordinal); // 19 / 10.5
        Assert.Contains("font-variant: small-caps;", Rule(css, "h2"), StringComparison.Ordinal);
        Assert.Contains("font-style: italic;", Rule(css, "h3"), StringComparison.Ordinal);
        Assert.Contains("font-size: 0.8095em;", Rule(css, "section.footnotes"), StringComparison.Ordinal); // 8.5 / 10.5
        Assert.Contains("font-size: 0.8333em;", Rule(css, "table"), StringComparison.Ordinal); // 8.75 / 10.5
        Assert.Contains("font-size: 0.9286em;", Rule(css, "blockquote"), StringComparison.Ordinal); // 9.75 / 10.5
        Assert.Contains("1px solid #333333", Rule(css, "thead th"), StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_body_size_changes_the_css()
    {
        var css = Css(SampleBook.Style(bodySize: 12));
        Assert.Contains("Body 12pt/14pt", css, StringComparison.Ordinal);
        Assert.Contains("line-height: 1.1667;", Rule(css, "body"), StringComparison.Ordinal); // 14 / 12
        Assert.Contains("font-size: 0.9167em;", Rule(css, "h2"), StringComparison.Ordinal); // 11 / 12
        Assert.NotEqual(Css(SampleBook.Style()), css);
    }

    [Fact]
    public void Changing_the_leading_the_font_or_a_heading_size_changes_the_css()
    {
        var style = SampleBook.Style();
        var baseline = Css(style);

        // Leading: the body's line height is leading ÷ size, and the comment names both.
        var leading = Css(style with { Body = style.Body with { Leading = Length.Pt(16) } });
        Assert.Contains("Body 10.5pt/16pt", leading, StringComparison.Ordinal);
        Assert.Contains("line-height: 1.5238;", Rule(leading, "body"), StringComparison.Ordinal); // 16 / 10.5
        Assert.Contains("margin: 0.7619em auto;", Rule(leading, "hr.scene-break"), StringComparison.Ordinal); // half a line, as print
        Assert.Contains("line-height: 1.5238;", Rule(leading, "hr.scene-break::after"), StringComparison.Ordinal);

        // Font: another family's name in font-family and @font-face, its own files embedded.
        var f = style.BodyFont;
        var other = new Publisher.Styles.FontFamily("Other Serif", f.Italic, f.Regular, f.BoldItalic, f.Bold);
        var font = Css(style with { BodyFont = other, DisplayFont = other });
        Assert.Contains("font-family: \"Other Serif\", serif;", Rule(font, "body"), StringComparison.Ordinal);
        Assert.Contains("font-family: \"Other Serif\", serif;", Rule(font, "h1, h2, h3, h4, h5, h6"), StringComparison.Ordinal);
        Assert.Equal(4, font.Split("font-family: \"Other Serif\";").Length - 1);
        Assert.DoesNotContain("Charis SIL", font, StringComparison.Ordinal);

        // A heading size: h2 is Headings[0], in ems of the body.
        var headings = style.Headings.SetItem(0, style.Headings[0] with { Size = Length.Pt(14), Leading = Length.Pt(17.5) });
        var heading = Css(style with { Headings = headings });
        Assert.Contains("font-size: 1.3333em;", Rule(heading, "h2"), StringComparison.Ordinal); // 14 / 10.5
        Assert.Contains("line-height: 1.25;", Rule(heading, "h2"), StringComparison.Ordinal); // 17.5 / 14

        // The chapter title size.
        var chapter = Css(style with { Chapter = style.Chapter with { TitleSize = Length.Pt(24) } });
        Assert.Contains("font-size: 2.2857em;", Rule(chapter, "h1.chapter-heading, h1.toc-title"), StringComparison.Ordinal); // 24 / 10.5

        Assert.All(new[] { leading, font, heading, chapter }, css => Assert.NotEqual(baseline, css));
    }

    [Fact]
    public void Links_are_underlined_in_the_text_colour_but_not_in_the_contents()
    {
        var css = Css(SampleBook.Style());
        Assert.Contains("color: inherit;", Rule(css, "a"), StringComparison.Ordinal);
        Assert.Contains("text-decoration: underline;", Rule(css, "a"), StringComparison.Ordinal);
        Assert.Contains("text-decoration: none;", Rule(css, "nav.toc a"), StringComparison.Ordinal);
        Assert.Contains("text-decoration: none;", Rule(css, "a.noteref"), StringComparison.Ordinal);
    }

    [Fact]
    public void Ragged_unhyphenated_text_and_paragraph_spacing()
    {
        var style = SampleBook.Style();
        style = style with { Body = style.Body with { Align = Publisher.Styles.TextAlign.Left, Hyphenate = false, ParagraphSpacing = Length.Pt(5.25) } };
        var css = Css(style);
        var p = Rule(css, "p");
        Assert.Contains("text-align: left;", p, StringComparison.Ordinal);
        Assert.Contains("hyphens: manual;", p, StringComparison.Ordinal);
        Assert.Contains("margin-top: 0.5em;", Rule(css, "p + p"), StringComparison.Ordinal);
    }

    [Fact]
    public void Fonts_are_declared_and_embedded()
    {
        var css = Css(SampleBook.Style());
        Assert.Equal(4, css.Split("@font-face").Length - 1);
        Assert.Contains("src: url(\"../fonts/charissil-bolditalic.ttf\");", css, StringComparison.Ordinal);
        var epub = EpubTestSupport.Read(SampleBook.Create());
        var embedded = epub.GetString("EPUB/styles/book.css");
        foreach (var font in epub.Manifest.Where(m => m.MediaType == "font/ttf"))
        {
            Assert.Contains(font.Href.Replace("fonts/", "../fonts/", StringComparison.Ordinal), embedded, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_different_display_font_is_embedded_too()
    {
        var style = SampleBook.Style();
        var f = style.BodyFont;
        var display = new Publisher.Styles.FontFamily("Display \"Face\"", f.Bold, f.BoldItalic, f.Bold, f.BoldItalic);
        var css = Css(style with { DisplayFont = display });
        Assert.Contains("font-family: \"Display \\\"Face\\\"\", serif;", Rule(css, "h1, h2, h3, h4, h5, h6"), StringComparison.Ordinal);

        // Same files as the body's bold faces: embedded once, declared for both families.
        var bag = new DiagnosticBag();
        var fonts = FontResources.Collect(style with { DisplayFont = display }, bag);
        Assert.Equal(8, fonts.Length);
        Assert.Equal(4, fonts.Select(x => x.FileName).Distinct().Count());
    }

    [Fact]
    public void Extra_css_is_appended_and_bad_colours_are_refused()
    {
        // A colour is typed: what could break out of a rule is refused where the style is read, never reaches the CSS.
        Assert.False(Colour.TryParse("red; } body { display: none", out _));
        var style = SampleBook.Style() with { ExtraEpubCss = "p.custom { color: red; }", AccentColor = Colour.Parse("#abc") };
        var css = StylesheetGenerator.Generate(style, []);
        Assert.EndsWith("p.custom { color: red; }\n", css, StringComparison.Ordinal);
        Assert.DoesNotContain("red;", Rule(css, "body"), StringComparison.Ordinal);
        Assert.Contains("1px solid #aabbcc", css, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_font_files_are_not_embedded()
    {
        var style = SampleBook.Style();
        var bad = new Publisher.Styles.StyleFile("fonts/Face.pfb", [1, 2, 3]);
        var family = style.BodyFont with { Regular = bad };
        var (bytes, diagnostics) = EpubTestSupport.Write(SampleBook.Create(), style with { BodyFont = family, DisplayFont = family });
        Assert.Contains(diagnostics, d => d.Code == "PUB4031");
        var epub = EpubReader.Read(bytes);
        Assert.Empty(epub.Validate());
        Assert.Equal(3, epub.Manifest.Count(m => m.MediaType == "font/ttf"));
    }
}
