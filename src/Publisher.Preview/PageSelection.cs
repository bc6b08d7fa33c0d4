using System.Globalization;
using Publisher.PageModel;

namespace Publisher.Preview;

/// <summary>
/// Parses a page list such as <c>1-12,15</c>. Plain numbers are physical page numbers, counted from 1 at the first
/// page of the PDF whatever is printed on it. A printed folio is written as it is printed when it has letters
/// (<c>iv</c>, <c>ix-xii</c>) or with a <c>p</c> in front when it is a number (<c>p12</c>, <c>p1-p20</c>), so that
/// "12" always means the twelfth sheet side and never depends on how long the front matter is.
/// </summary>
public static class PageSelection
{
    /// <summary>Turns <paramref name="spec"/> into sorted, distinct 0-based page indices; false with a message when it can't.</summary>
    public static bool TryParse(string spec, PagedBook book, out IReadOnlyList<int> indices, out string error)
    {
        var set = new SortedSet<int>();
        indices = [];
        error = "";
        foreach (var raw in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // A dash splits a range; roman folios never contain one, so the first dash is the only candidate.
            var dash = raw.IndexOf('-', StringComparison.Ordinal);
            var (fromText, toText) = dash > 0 ? (raw[..dash].Trim(), raw[(dash + 1)..].Trim()) : (raw, raw);
            if (!TryPage(fromText, book, out var from, out error) || !TryPage(toText, book, out var to, out error))
            {
                return false;
            }

            if (to < from)
            {
                error = $"page range '{raw}' runs backwards";
                return false;
            }

            for (var i = from; i <= to; i++)
            {
                set.Add(i);
            }
        }

        if (set.Count == 0)
        {
            error = $"no pages in '{spec}'";
            return false;
        }

        indices = [.. set];
        return true;
    }

    private static bool TryPage(string token, PagedBook book, out int index, out string error)
    {
        error = "";
        index = -1;
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var physical))
        {
            if (physical < 1 || physical > book.Pages.Length)
            {
                error = $"page {token} is outside the book, which has pages 1-{book.Pages.Length}";
                return false;
            }

            index = physical - 1;
            return true;
        }

        var folio = token.Length > 1 && token[0] is 'p' or 'P' && char.IsAsciiDigit(token[1]) ? token[1..] : token;
        // The first page that prints the folio: a folio is unique except on unnumbered pages, which print none.
        var page = book.Pages.FirstOrDefault(p => string.Equals(p.Folio, folio, StringComparison.OrdinalIgnoreCase));
        if (page is null)
        {
            error = $"no page has the folio '{folio}' (plain numbers are physical pages 1-{book.Pages.Length}; write p12 for the page printed 12)";
            return false;
        }

        index = page.Index;
        return true;
    }
}
