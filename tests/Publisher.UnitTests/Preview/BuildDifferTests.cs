using System.Collections.Immutable;
using Publisher.Model;
using Publisher.Preview;
using Publisher.PageModel;
using SkiaSharp;

namespace Publisher.UnitTests.Preview;

/// <summary>The diff on page models made by hand: text lines as glyph runs, a running head and a folio.</summary>
public sealed class BuildDifferTests
{
    private static GlyphRunItem Run(string text, double x, double y) =>
        new(Length.Pt(x), Length.Pt(y), 0, Length.Pt(10), [.. text.Select(c => (ushort)c)], [.. text.Select((_, i) => i * 5.0)], text, [.. Enumerable.Range(0, text.Length)], Colour.Black);

    /// <summary>Pages of one chapter; each page is its lines. Rectos and versos have different margins, as in print.</summary>
    private static PagedBook Book(params string[][] pages) => new(
        new BookMetadata { Title = "T", Identifier = "urn:uuid:00000000-0000-4000-8000-000000000002" },
        [.. pages.Select((lines, i) =>
        {
            var left = i % 2 == 0 ? 63.0 : 45.0;
            // An opener has no running head, as BookLayout sets it.
            var items = new List<FrameItem>();
            if (i > 0)
            {
                items.Add(Run("Running Head", left + 100, 40));
            }

            items.AddRange(lines.Select((l, n) => Run(l, left, 72 + (n * 14))));
            items.Add(Run((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), left + 150, 600));
            return new Page(i, Length.Pt(432), Length.Pt(648), (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), true, i == 0 ? PageKind.Opener : PageKind.Text, "ch1", [.. items]);
        })],
        [],
        [new OutlineEntry("Chapter One", 1, "ch1", 0, Length.Pt(72))],
        ImmutableDictionary<string, AnchorLocation>.Empty);

    [Fact]
    public void The_same_pages_are_identical()
    {
        var a = Book(["a", "b"], ["c", "d"]);
        var diff = BuildDiffer.Diff(a, Book(["a", "b"], ["c", "d"]));
        Assert.True(diff.Identical);
        Assert.Contains("no page changed", diff.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_line_changes_its_page_and_the_reflow_settles_after_it()
    {
        var diff = BuildDiffer.Diff(Book(["a", "b"], ["c", "d"], ["e"]), Book(["a", "b"], ["c", "D"], ["e"]));
        Assert.Equal([1], diff.ChangedPages.ToArray());
        Assert.Equal(2, diff.SettlesAt);
        Assert.Equal(0, diff.Shift);
    }

    [Fact]
    public void An_inserted_page_is_the_only_change_and_later_pages_count_as_moved()
    {
        var before = Book(["a"], ["b"], ["c"], ["d"]);
        var after = Book(["a"], ["new", "lines"], ["b"], ["c"], ["d"]);
        var diff = BuildDiffer.Diff(before, after);
        Assert.Equal(1, diff.Shift);
        Assert.Equal([1], diff.ChangedPages.ToArray());
        Assert.Equal(2, diff.SettlesAt);
        Assert.Contains("1 page later", diff.Summary(), StringComparison.Ordinal);
        Assert.Equal(6, diff.Chapters.Single().LinesAfter);
        Assert.Equal(4, diff.Chapters.Single().LinesBefore);
    }

    [Fact]
    public void Lines_are_counted_per_baseline_without_running_head_and_folio()
    {
        var diff = BuildDiffer.Diff(Book(["a", "b", "c"]), Book(["a", "b", "c", "d"]));
        var chapter = diff.Chapters.Single();
        Assert.Equal(("Chapter One", 3, 4, +1), (chapter.Title, chapter.LinesBefore, chapter.LinesAfter, chapter.LinesDelta));
        Assert.Equal(("1", "1"), (chapter.FolioBefore, chapter.FolioAfter));
    }

    [Fact]
    public void Pixel_comparison_boxes_each_changed_block()
    {
        using var a = new SKBitmap(new SKImageInfo(100, 100, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var b = new SKBitmap(new SKImageInfo(100, 100, SKColorType.Rgba8888, SKAlphaType.Premul));
        a.Erase(SKColors.White);
        b.Erase(SKColors.White);
        for (var y = 10; y < 14; y++)
        {
            for (var x = 20; x < 30; x++)
            {
                b.SetPixel(x, y, SKColors.Black);
                b.SetPixel(x, y + 60, SKColors.Black);
            }
        }

        var (count, regions, _) = DiffReport.Compare(a, b);
        Assert.Equal(80, count);
        Assert.Equal(2, regions.Length);
        Assert.True(regions[0].Contains(new SKRectI(20, 10, 30, 14)), regions[0].ToString());
    }
}
