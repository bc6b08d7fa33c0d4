using System.Security.Cryptography;
using System.Text;
using Publisher.Rendering;
using Publisher.PageModel;

namespace Publisher.Preview;

/// <summary>
/// The pages of the latest good build for a live preview, as PNG rendered on first request. Each page has a key (a
/// digest of what it draws); a PNG is kept per key, so after a rebuild only the pages whose model changed are drawn
/// again and the others are served from memory. Thread-safe: HTTP requests and rebuilds arrive on different threads.
/// </summary>
public sealed class LivePages
{
    // A font's bytes are hashed once per loaded array (the style is loaded again only when it may have changed).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<byte[], byte[]> FontDigests = [];

    private readonly double _dpi;
    private readonly Lock _gate = new();
    private PagedBook? _book;
    private string[] _keys = [];
    private Dictionary<string, byte[]> _pngs = new(StringComparer.Ordinal);

    /// <summary>Pages are drawn at <paramref name="dpi"/>.</summary>
    public LivePages(double dpi) => _dpi = dpi;

    /// <summary>Pages in the current build (0 before the first good build).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _keys.Length;
            }
        }
    }

    /// <summary>Each page's key, in page order: a browser refetches an image only when its key changed.</summary>
    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_gate)
            {
                return [.. _keys];
            }
        }
    }

    /// <summary>Takes a new build; returns how many pages differ from the previous build (new pages count).</summary>
    public int Update(PagedBook book)
    {
        // Glyph runs name fonts by index; the same index can be another font after a style edit, so the fonts are
        // part of every key.
        var fonts = Convert.ToHexString(SHA256.HashData(book.Fonts.SelectMany(f => FontDigests.GetValue(f.Data, SHA256.HashData)).ToArray()))[..16];
        var keys = book.Pages.Select(p => fonts + PageText.Digest(p)[..24]).ToArray();
        lock (_gate)
        {
            var changed = keys.Where((k, i) => i >= _keys.Length || _keys[i] != k).Count();
            // Keep the PNGs still in use (a page that only moved keeps its image), drop the rest.
            var live = keys.ToHashSet(StringComparer.Ordinal);
            _pngs = _pngs.Where(kv => live.Contains(kv.Key)).ToDictionary(StringComparer.Ordinal);
            _book = book;
            _keys = keys;
            return changed;
        }
    }

    /// <summary>The PNG of a page (0-based), drawn now if not drawn yet; null when there is no such page.</summary>
    public byte[]? Png(int index)
    {
        PagedBook book;
        string key;
        lock (_gate)
        {
            if (_book is null || index < 0 || index >= _keys.Length)
            {
                return null;
            }

            if (_pngs.TryGetValue(_keys[index], out var cached))
            {
                return cached;
            }

            book = _book;
            key = _keys[index];
        }

        // Drawn outside the lock so one slow page does not hold up the others; two requests for the same page may
        // both draw it, which costs time but gives equal bytes.
        using var stream = new MemoryStream();
        PngRenderer.Render(book, index, _dpi, stream);
        var png = stream.ToArray();
        lock (_gate)
        {
            if (ReferenceEquals(book, _book))
            {
                _pngs[key] = png;
            }
        }

        return png;
    }

    /// <summary>Plain text of every page's content, pages separated by a form feed: what tests search for words.</summary>
    public string Text()
    {
        PagedBook? book;
        lock (_gate)
        {
            book = _book;
        }

        if (book is null)
        {
            return "";
        }

        var sb = new StringBuilder();
        foreach (var page in book.Pages)
        {
            sb.Append(PageText.Text(page)).Append("\n\f\n");
        }

        return sb.ToString();
    }

    /// <summary>
    /// Plain text of one page (0-based), the image's text alternative on the preview page: a screen reader reads the
    /// page, find-in-page finds it, and a test sees the words. Null when there is no such page.
    /// </summary>
    public string? Text(int index)
    {
        PagedBook? book;
        lock (_gate)
        {
            book = _book;
        }

        return book is null || index < 0 || index >= book.Pages.Length ? null : PageText.Text(book.Pages[index]);
    }
}
