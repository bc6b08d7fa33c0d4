using System.Collections.Immutable;
using System.Net;
using System.Text.RegularExpressions;
using Publisher.Epub;
using Publisher.Manuscript;
using Publisher.Model;
using Publisher.PageModel;
using Publisher.Styles;
using Publisher.TestKit.Epub;
using Publisher.Typesetting;
using Publisher.Typesetting.Flow;

namespace Publisher.UnitTests.Model;

/// <summary>
/// Both outputs number a division's text leaves by <see cref="LeafNumbering"/>: print pages record where they begin
/// as (leaf, offset), and the EPUB puts its page-break markers there. These tests read, for every leaf of the
/// kitchen-sink fixture (every block kind), what each output sets at that leaf's number, and check it is that leaf's text.
/// </summary>
public sealed partial class LeafNumberingTests
{
    private static readonly StyleSheet Trade = StyleLoader.Load(new FileSystemBookSource(), "trade", TestPaths.Styles).Value!;

    private static readonly BookDocument KitchenSink =
        ManuscriptLoader.Load(new FileSystemBookSource(), Path.Combine(TestPaths.Root, "tests", "fixtures", "kitchen-sink"), new LoadOptions()).Value!;

    /// <summary>Every leaf of the book's text divisions, with the counted characters (no white space) of its text.</summary>
    private static List<(Division Division, int Leaf, string Text, TextLeaf Of)> Leaves() =>
        [.. KitchenSink.Divisions.Where(d => d.Kind is DivisionKind.Chapter or DivisionKind.Copyright)
            .SelectMany(d => TextLeaves.Walk(d.Blocks).Select((leaf, n) => (d, n, Counted(Inline.ToPlainText(leaf.Inlines)), leaf)))];

    /// <summary>
    /// True for a table cell after the row's first cell with text: a row is one box in print, and it begins where
    /// that first cell does, so only that cell's position can be seen there.
    /// </summary>
    private static bool InsideRow(TextLeaf leaf) =>
        leaf.Row is { } row && row.Cells.Take(leaf.Cell).Any(c => Counted(Inline.ToPlainText(c)).Length > 0);

    private static string Counted(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public void The_numbering_follows_the_walk_and_tells_equal_paragraphs_apart()
    {
        ParagraphBlock P(string text) => new([new TextInline(text)], null);
        var twin = P("same");
        var row = new TableRow([[new TextInline("x")], [new TextInline("y")]]);
        var table = new TableBlock([], [row], [], [], [], null, null);
        var blocks = ImmutableArray.Create<Block>(P("same"), new QuoteBlock([twin], null), table, new SceneBreakBlock(null), P("end"));
        var numbering = LeafNumbering.Of(blocks);

        Assert.Equal(TextLeaves.Of(blocks).Count(), numbering.Count);
        Assert.Equal(0, numbering.Of(blocks[0]));
        Assert.Equal(1, numbering.Of(twin));
        Assert.Equal(3, numbering.Of(row, 1));
        Assert.Null(numbering.Of(row, 2));
        Assert.Equal(4, numbering.Of(blocks[4]));
        Assert.Null(numbering.Of(P("end")));
    }

    [Fact]
    public void The_typesetter_sets_each_leaf_under_its_number()
    {
        using var cache = new LayoutCache();
        Assert.False(Typesetter.Typeset(KitchenSink, Trade, new TypesetOptions { Cache = cache }).HasErrors);
        var firstLines = cache.Memo.Flows
            .SelectMany(f => f.Items.OfType<VBox>().Where(b => b.Start is not null).Select(b => (f.Division, b)))
            .GroupBy(x => (x.Division.Id, x.b.Start!.Leaf))
            .ToDictionary(g => g.Key, g => g.First().b);

        var compared = 0;
        foreach (var (division, leaf, text, _) in Leaves().Where(l => l.Text.Length > 0 && !InsideRow(l.Of)))
        {
            // Copyright pages set only paragraphs and headings with positions; other blocks there are flattened.
            if (!firstLines.TryGetValue((division.Id, leaf), out var line))
            {
                Assert.True(division.Kind == DivisionKind.Copyright, $"{division.Id}: leaf {leaf} ('{text}') was set without its number");
                continue;
            }

            var at = text[line.Start!.Offset..];
            var runs = line.Items.OfType<GlyphRunItem>().OrderBy(g => g.X.Points).Select(g => Counted(g.Text)).Where(t => t.Length > 0).Take(3).ToList();
            Assert.True(runs.Any(r => at.StartsWith(r, StringComparison.Ordinal)), $"{division.Id}: leaf {leaf} is '{at}', its first line reads '{string.Join(" ", runs)}'");
            compared++;
        }

        Assert.True(compared >= 40, $"only {compared} leaves compared");
    }

    [Fact]
    public void The_epub_puts_a_marker_at_each_leaf_number_right_before_that_leaf_s_text()
    {
        var leaves = Leaves();
        var pages = leaves.Select((l, i) => new PrintPage("L" + i, new TextPosition(l.Division.Id, l.Leaf, 0))).ToImmutableArray();
        using var output = new MemoryStream();
        EpubWriter.Write(KitchenSink, Trade, new EpubOptions { PageMap = new PrintPageMap("print", pages) }, output);
        var epub = EpubReader.Read(output.ToArray());
        var documents = epub.Paths.Where(p => p.EndsWith(".xhtml", StringComparison.Ordinal)).Select(epub.GetString).ToList();

        var compared = 0;
        for (var i = 0; i < leaves.Count; i++)
        {
            var text = leaves[i].Text;
            if (text.Length == 0)
            {
                continue;
            }

            var marker = $"id=\"page-L{i}\"";
            var xhtml = Assert.Single(documents, d => d.Contains(marker, StringComparison.Ordinal));
            var after = xhtml[(xhtml.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
            var following = Counted(WebUtility.HtmlDecode(Tags().Replace(after[(after.IndexOf('>', StringComparison.Ordinal) + 1)..], "")));
            var n = Math.Min(12, text.Length);
            Assert.True(following.StartsWith(text[..n], StringComparison.Ordinal), $"{leaves[i].Division.Id}: leaf {leaves[i].Leaf} is '{text[..n]}', its marker is followed by '{following[..Math.Min(n, following.Length)]}'");
            compared++;
        }

        Assert.True(compared >= 40, $"only {compared} leaves compared");
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
