using Publisher.Preview;
using Publisher.UnitTests.Rendering;

namespace Publisher.UnitTests.Preview;

/// <summary>Page lists: physical numbers by default, printed folios as printed (iv) or with a p (p2).</summary>
public sealed class PageSelectionTests
{
    private static readonly Publisher.PageModel.PagedBook Book = FinishingTestBook.Build();

    [Theory]
    [InlineData("1-3,5", new[] { 0, 1, 2, 4 })]
    [InlineData("3, 1", new[] { 0, 2 })]
    [InlineData("iv", new[] { 3 })]
    [InlineData("ii-iv", new[] { 1, 2, 3 })]
    [InlineData("p2", new[] { 5 })]
    [InlineData("p1-p3", new[] { 4, 5, 6 })]
    [InlineData("8", new[] { 7 })]
    public void Parses(string spec, int[] expected)
    {
        Assert.True(PageSelection.TryParse(spec, Book, out var pages, out var error), error);
        Assert.Equal(expected, pages);
    }

    [Theory]
    [InlineData("9", "outside the book")]
    [InlineData("0", "outside the book")]
    [InlineData("3-1", "runs backwards")]
    [InlineData("xx", "no page has the folio 'xx'")]
    [InlineData(",", "no pages")]
    public void Rejects_with_a_reason(string spec, string reason)
    {
        Assert.False(PageSelection.TryParse(spec, Book, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
