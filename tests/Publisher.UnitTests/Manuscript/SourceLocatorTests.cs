using Publisher.Manuscript.Text;
using Publisher.Model;

namespace Publisher.UnitTests.Manuscript;

public sealed class SourceLocatorTests
{
    private static readonly MemoryBookSource Source = MemoryBookSource.FromText(new Dictionary<string, string>
    {
        ["a.md"] = "# A\r\n\r\nFirst ☃ line\r\nsecond ☃ and Wörd here\r\n\r\nNext ☃ paragraph.\r\n\r\n```\r\ncode\r\n\r\nafter ☃ blank\r\n```\r\n",
        ["book.yml"] = "\uFEFFtitle: ☃ Book\n",
    });

    private static SourceSpan? Locate(SourceSpan from, string text) => new SourceLocator(Source).Locate(from, text);

    [Fact]
    public void Finds_the_text_from_the_blocks_start_in_code_units_from_one()
    {
        Assert.Equal(new SourceSpan("a.md", 3, 7), Locate(new SourceSpan("a.md", 3, 1), "☃"));
        Assert.Equal(new SourceSpan("a.md", 4, 14), Locate(new SourceSpan("a.md", 4, 9), "Wörd"));
        // From a column past the first one on the line, the next line's is found.
        Assert.Equal(new SourceSpan("a.md", 4, 8), Locate(new SourceSpan("a.md", 3, 8), "☃"));
    }

    [Fact]
    public void Looks_no_further_than_the_paragraph_but_through_a_fenced_block()
    {
        // "paragraph" stands only in the next paragraph: the block starting at line 3 does not hold it.
        Assert.Null(Locate(new SourceSpan("a.md", 3, 1), "paragraph"));
        Assert.Equal(new SourceSpan("a.md", 11, 7), Locate(new SourceSpan("a.md", 8, 1), "☃"));
    }

    [Fact]
    public void Finds_a_printed_line_across_source_line_breaks_and_smart_punctuation()
    {
        // The line as printed: curly apostrophe, an em dash, one space between words; the source breaks the line
        // after "don't" and spells the dash "---". An earlier "the" must not be taken for the line's start.
        var source = MemoryBookSource.FromText(new Dictionary<string, string>
        {
            ["b.md"] = "# B\n\nThe first words, then the line we don't\nwant---here it is.\n",
        });
        var locator = new SourceLocator(source);

        Assert.Equal(new SourceSpan("b.md", 3, 23), locator.Locate(new SourceSpan("b.md", 3, 1), "the line we don\u2019t want\u2014here"));
        Assert.Null(locator.Locate(new SourceSpan("b.md", 3, 1), "the line we never wrote"));
    }

    [Fact]
    public void Searches_a_whole_file_place_from_the_top_without_the_byte_order_mark()
    {
        Assert.Equal(new SourceSpan("book.yml", 1, 8), Locate(new SourceSpan("book.yml"), "☃"));
    }

    [Fact]
    public void Leaves_a_diagnostic_it_cannot_place_as_it_was()
    {
        var locator = new SourceLocator(Source);
        Diagnostic[] given =
        [
            Diagnostic.Warning("PUB3004", "no glyph", new SourceSpan("a.md", 6, 1)) with { Subject = "☃" },
            Diagnostic.Warning("PUB3001", "too wide", new SourceSpan("a.md", 6, 1)) with { Subject = "absent" },
            Diagnostic.Warning("PUB3004", "no glyph", new SourceSpan("missing.md", 3, 1)) with { Subject = "☃" },
            Diagnostic.Warning("PUB1022", "no subject", new SourceSpan("a.md", 3, 1)),
        ];

        var narrowed = locator.Narrow(given).ToList();

        Assert.Equal(new SourceSpan("a.md", 6, 6), narrowed[0].Span);
        Assert.Equal(given[1..], narrowed[1..]);
    }
}
