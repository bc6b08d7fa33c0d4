using Publisher.Model;
using Publisher.Manuscript.Config;
using Publisher.Manuscript.Markdown;
using Publisher.Manuscript.Markdown.Extensions.Anchors;
using Publisher.Manuscript.Text;

namespace Publisher.UnitTests.Manuscript;

public sealed class HelperTests
{
    [Theory]
    [InlineData("The First Chapter", "the-first-chapter")]
    [InlineData("Crème brûlée, naïve & Æsop’s “fables”", "creme-brulee-naive-aesops-fables")]
    [InlineData("1941: The Road to War", "the-road-to-war")]
    [InlineData("01-first", "first")]
    [InlineData("  spaced --- out  ", "spaced-out")]
    [InlineData("1984", "")]
    [InlineData("斯大林", "")]
    public void Slugs_are_lowercase_ascii_with_hyphens_starting_with_a_letter(string text, string slug) =>
        Assert.Equal(slug, Slug.From(text));

    [Theory]
    [InlineData("Stalin Asked Six Times", "stalin-asked-six-times")]
    [InlineData("1984", "1984")]
    [InlineData("1941: The Road to War", "1941-the-road-to-war")]
    [InlineData("Part:Two", "part-two")]
    [InlineData("Crème brûlée", "creme-brulee")]
    [InlineData("斯大林", "book")]
    [InlineData("", "book")]
    public void A_file_name_slug_may_start_with_a_digit_and_is_never_empty(string title, string slug) =>
        Assert.Equal(slug, Slug.ForFileName(title));

    [Theory]
    [InlineData("en", true)]
    [InlineData("en-GB", true)]
    [InlineData("sr-Latn-RS", true)]
    [InlineData("zh-Hans", true)]
    [InlineData("es-419", true)]
    [InlineData("de-CH-1996", true)]
    [InlineData("x-private", true)]
    [InlineData("en_US", false)]
    [InlineData("english", false)]
    [InlineData("engl", false)]
    [InlineData("e", false)]
    [InlineData("en-", false)]
    public void Language_tags_are_checked_for_bcp47_form(string tag, bool ok) =>
        Assert.Equal(ok, LanguageTag.IsWellFormed(tag));

    [Theory]
    [InlineData("autor", "author")]
    [InlineData("titel", "title")]
    [InlineData("chapter", "chapters")]
    [InlineData("zzzzzzzz", null)]
    public void The_nearest_name_is_found_only_when_it_is_close(string name, string? expected) =>
        Assert.Equal(expected, NearestName.Find(name, ["title", "author", "authors", "chapters", "date"]));

    [Fact]
    public void Table_widths_use_given_widths_else_content_with_a_floor()
    {
        Assert.Equal([0.25, 0.75], TableWidths.Compute([10, 30], [1, 1]));
        Assert.Equal([0.5, 0.5], TableWidths.Compute([0, 0], [7, 7]));

        var widths = TableWidths.Compute([], [1, 100, 2]);
        Assert.Equal(1.0, widths.Sum(), 9);
        Assert.Equal(TableWidths.MinimumShare, widths[0], 9);
        Assert.Equal(TableWidths.MinimumShare, widths[2], 9);

        var many = TableWidths.Compute([], [.. Enumerable.Repeat(1, 10)]);
        Assert.All(many, w => Assert.Equal(0.1, w, 9));
    }

    [Theory]
    [InlineData("it's", "it\u2019s")]
    [InlineData("the dogs' bones", "the dogs\u2019 bones")]
    [InlineData("'90s", "\u201990s")]
    [InlineData("\"hi\"", "\u201Chi\u201D")]
    [InlineData("a  b\n\tc", "a b c")]
    public void Leftover_straight_quotes_are_educated_and_whitespace_collapsed(string text, string expected) =>
        Assert.Equal(expected, Typography.Finish(text, '\0'));

    [Fact]
    public void The_anchor_parser_is_tried_before_generic_attributes()
    {
        // Were generic attributes tried first, "word{#x}" would become the paragraph's id and no anchor mark.
        var document = Markdig.Markdown.Parse("A word{#x} here.\n\n{#yy} Start.\n\n# Title {#tt .unnumbered}\n", PipelineFactory.Pipeline);
        var paragraph = (Markdig.Syntax.ParagraphBlock)document[0];
        var mark = paragraph.Inline!.OfType<AnchorMarkInline>().Single();

        Assert.Equal(("x", 0, 6), (mark.Id, mark.Line, mark.Column));
        Assert.Null(Markdig.Renderers.Html.HtmlAttributesExtensions.TryGetAttributes(paragraph)?.Id);
        Assert.Equal("yy", Markdig.Renderers.Html.HtmlAttributesExtensions.TryGetAttributes(document[1])?.Id);
        Assert.Equal("tt", Markdig.Renderers.Html.HtmlAttributesExtensions.TryGetAttributes(document[2])?.Id);
    }

    [Fact]
    public void The_default_identifier_is_stable()
    {
        // A changed identifier makes e-readers treat the book as a new one, so its derivation is pinned here.
        Assert.Equal(BookIdentifier.Derive("A Book", ["Jane"]), BookIdentifier.Derive("A Book", ["Jane"]));
        Assert.NotEqual(BookIdentifier.Derive("A B", ["C"]), BookIdentifier.Derive("A", ["B C"]));
    }
}
