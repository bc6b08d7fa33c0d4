using Publisher.Manuscript;
using Publisher.Model;

namespace Publisher.UnitTests.Model;

/// <summary>The counts the build summary prints: words and chapters of what the author wrote.</summary>
public sealed class BookStatisticsTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("one", 1)]
    [InlineData("  two   words ", 2)]
    [InlineData("a dash — stands alone … and is no word", 8)]
    [InlineData("don't count 3.5 twice", 4)]
    public void Words_are_runs_holding_a_letter_or_digit(string text, int words) =>
        Assert.Equal(words, BookStatistics.Count(text));

    [Fact]
    public void Words_come_from_titles_text_lists_tables_and_notes_but_not_generated_pages()
    {
        var book = ManuscriptLoader.Load(MemoryBookSource.FromText(new Dictionary<string, string>
        {
            ["book.yml"] = "title: Many Words In This Title\nchapters:\n  front: [half-title, title-page, contents]\n  body: [a.md, b.md]\n",
            ["a.md"] = "# Two Words\n\nThree more words.[^n]\n\n- four\n- five six\n\n[^n]: Note text.\n",
            ["b.md"] = "# B\n\n| x | y |\n|---|---|\n| z | w |\n\n> quoted word\n",
        }), "", new LoadOptions()).Value!;

        // a.md: 2 title + 3 + 3 list + 2 note; b.md: 1 title + 4 cells + 2 quoted. The title page repeats the
        // book's title and is not counted.
        Assert.Equal(17, BookStatistics.Words(book));
        Assert.Equal(2, BookStatistics.Chapters(book));
    }
}
