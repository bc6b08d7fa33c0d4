using System.Collections.Immutable;
using System.Text;
using Publisher.PageModel;

namespace Publisher.Rendering.Finishing;

/// <summary>
/// Builds the document outline (bookmarks, ISO 32000-1 §12.3.3) from the page model's outline entries: chapters
/// (level 1) at the top, each section under the nearest earlier entry of a lower level, every item jumping to its
/// heading with an explicit destination (§12.3.2.2).
/// </summary>
internal static class OutlineWriter
{
    /// <summary>
    /// Items at this level or above are open (their children shown); deeper items with children are closed, so the
    /// bookmarks panel lists chapters with their sections but doesn't unfold every sub-section.
    /// </summary>
    private const int DeepestOpenLevel = 1;

    private sealed class Node(OutlineEntry? entry, int level)
    {
        public OutlineEntry? Entry { get; } = entry;

        public int Level { get; } = level;

        public Node? Parent { get; init; }

        public List<Node> Children { get; } = [];

        public int Number { get; set; }

        public bool Open => Entry is null || Level <= DeepestOpenLevel;

        /// <summary>Descendants shown when this node is open: children, plus the visible descendants of open children.</summary>
        public int VisibleDescendants => Children.Sum(c => 1 + (c.Open ? c.VisibleDescendants : 0));
    }

    /// <summary>
    /// The outline's objects, numbered from <paramref name="firstNumber"/>, the outline dictionary first; empty when
    /// the book has no outline entries.
    /// </summary>
    /// <param name="entries">The entries in reading order.</param>
    /// <param name="pageRefs">Each page's object, by page index.</param>
    /// <param name="pageHeights">Each page's height in points, by page index, to turn a top-down y into PDF space.</param>
    /// <param name="firstNumber">The first free object number.</param>
    public static ImmutableArray<(int Number, PdfObject Value)> Build(
        IReadOnlyList<OutlineEntry> entries, IReadOnlyList<PdfReference> pageRefs, IReadOnlyList<double> pageHeights, int firstNumber)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        var root = new Node(null, 0);
        var open = new Stack<Node>();
        open.Push(root);
        foreach (var entry in entries)
        {
            // A level that skips (a level-3 heading straight after a chapter) hangs under the nearest lower level.
            var level = Math.Max(1, entry.Level);
            while (open.Peek().Level >= level)
            {
                open.Pop();
            }

            var node = new Node(entry, level) { Parent = open.Peek() };
            node.Parent.Children.Add(node);
            open.Push(node);
        }

        // Numbers in reading order (pre-order), so the objects appear in the file in bookmark order.
        var all = new List<Node>();
        Number(root);

        void Number(Node n)
        {
            n.Number = firstNumber + all.Count;
            all.Add(n);
            foreach (var c in n.Children)
            {
                Number(c);
            }
        }

        var objects = ImmutableArray.CreateBuilder<(int, PdfObject)>(all.Count);
        foreach (var n in all)
        {
            objects.Add((n.Number, n.Entry is null ? OutlineDictionary(n) : Item(n, pageRefs, pageHeights)));
        }

        return objects.MoveToImmutable();
    }

    private static PdfDictionary OutlineDictionary(Node root)
    {
        // Table 152: /Count is the number of visible items at all levels.
        return PdfDictionary.Of(
            ("Type", new PdfName("Outlines")),
            ("First", PdfReference.To(root.Children[0].Number)),
            ("Last", PdfReference.To(root.Children[^1].Number)),
            ("Count", PdfNumber.Of(root.VisibleDescendants)));
    }

    private static PdfDictionary Item(Node n, IReadOnlyList<PdfReference> pageRefs, IReadOnlyList<double> pageHeights)
    {
        var entry = n.Entry!;
        var parent = n.Parent!;
        var index = parent.Children.IndexOf(n);
        var page = entry.PageIndex;
        if (page < 0 || page >= pageRefs.Count)
        {
            throw new InvalidOperationException($"outline entry '{entry.Title}' points at page index {page}, outside the book");
        }

        // §8.3.2.3: PDF user space has y growing upwards from the bottom of the page; the page model measures from
        // the top. Skia's pages are exactly the page model's size, so the top of the view is height − y.
        var top = Math.Clamp(pageHeights[page] - entry.Y.Points, 0, pageHeights[page]);
        var item = PdfDictionary.Of(
            ("Title", PdfString.Text(CleanTitle(entry.Title))),
            ("Parent", PdfReference.To(parent.Number)),
            ("Dest", new PdfArray([pageRefs[page], new PdfName("XYZ"), PdfNumber.Of(0), PdfNumber.Of(top), PdfNumber.Of(0)])));
        if (index > 0)
        {
            item = item.With("Prev", PdfReference.To(parent.Children[index - 1].Number));
        }

        if (index < parent.Children.Count - 1)
        {
            item = item.With("Next", PdfReference.To(parent.Children[index + 1].Number));
        }

        if (n.Children.Count > 0)
        {
            // Table 153: positive when open (visible descendants), negative when closed (those that opening shows).
            item = item
                .With("First", PdfReference.To(n.Children[0].Number))
                .With("Last", PdfReference.To(n.Children[^1].Number))
                .With("Count", PdfNumber.Of(n.Open ? n.VisibleDescendants : -n.VisibleDescendants));
        }

        return item;
    }

    /// <summary>
    /// A title as a bookmark shows it: white space (a line break in a heading) collapsed to single spaces, and soft
    /// hyphens dropped, because viewers draw them.
    /// </summary>
    internal static string CleanTitle(string title)
    {
        var sb = new StringBuilder(title.Length);
        var space = false;
        foreach (var c in title)
        {
            if (c == '\u00AD')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
