using System.Collections.Immutable;
using Publisher.Model;
using Publisher.Styles;
using Publisher.Typesetting.Flow;
using Publisher.Typesetting.Fonts;
using Publisher.PageModel;
using Publisher.Typesetting.Hyphenation;
using Publisher.Typesetting.Inline;
using Publisher.Typesetting.Pages;

namespace Publisher.Typesetting;

/// <summary>Options of the layout stage.</summary>
public sealed record TypesetOptions
{
    /// <summary>Most layout passes run to settle page references (contents, "p. N"); typst uses 5 as well.</summary>
    public int MaxPasses { get; init; } = 5;

    /// <summary>
    /// Layouts to reuse from earlier runs (keep one per book and pass it to every run, as watch does): paragraphs whose
    /// content and style did not change are not shaped and broken again. Null: a fresh cache per run.
    /// </summary>
    public LayoutCache? Cache { get; init; }

    /// <summary>
    /// Told after each division is laid out, on the typesetting thread (so a caller's own <see cref="IProgress{T}"/>
    /// sees the reports in order). A long book takes seconds: this is what lets a command line show which chapter
    /// it is on without the layout loop knowing anything about terminals.
    /// </summary>
    public IProgress<TypesetProgress>? Progress { get; init; }
}

/// <summary>Where typesetting is: layout pass (from 1; later passes settle page references) and division done.</summary>
/// <param name="Pass">The layout pass, from 1.</param>
/// <param name="Division">Divisions laid out so far in this pass, from 1.</param>
/// <param name="Divisions">Divisions in the book.</param>
/// <param name="Title">The plain title of the division just laid out (empty for untitled generated pages).</param>
public sealed record TypesetProgress(int Pass, int Division, int Divisions, string Title);

/// <summary>
/// Layouts kept from one typesetting run to the next, for one book and style at a time: the loaded fonts, paragraphs,
/// divisions' vertical lists and pages. Dispose it when done (it holds the fonts' shaping objects).
/// </summary>
public sealed class LayoutCache : IDisposable
{
    private FontSet? _fonts;
    private StyleSheet? _style;

    /// <summary>
    /// The fonts for <paramref name="style"/>, and whether the layouts kept so far were made with it: the same style
    /// object is taken on trust; another is compared by content (its values, fonts and patterns), and when it differs,
    /// everything kept is dropped.
    /// </summary>
    internal FontSet Prepare(StyleSheet style, string language)
    {
        if (ReferenceEquals(style, _style) && _fonts is not null && StyleKey?.EndsWith("|" + language, StringComparison.Ordinal) == true)
        {
            return _fonts;
        }

        var key = Typesetter.StyleKey(style) + "|" + language;
        if (key != StyleKey)
        {
            // Layouts made with other fonts, settings or hyphenation are of no use; line boxes also carry font indexes.
            Paragraphs.Clear();
            Memo.Clear();
            Folios = null;
            StyleKey = key;
        }

        _fonts?.Dispose();
        _fonts = new FontSet(style);
        _style = style;
        return _fonts;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _fonts?.Dispose();
        _fonts = null;
        _style = null;
    }

    internal ParagraphCache Paragraphs { get; } = new();

    internal LayoutMemo Memo { get; } = new();

    /// <summary>The folios the last run settled on: the next run starts from them, so an edit that moves no page
    /// reference settles in one pass.</summary>
    internal IReadOnlyDictionary<string, string>? Folios { get; set; }

    /// <summary>What the cached layouts were made with: fonts and every setting that shapes a line.</summary>
    internal string? StyleKey { get; set; }

    /// <summary>Paragraphs the last run had to shape and break: those new or changed since the run before.</summary>
    public int ParagraphsSet => Paragraphs.SetThisRun;

    /// <summary>Paragraphs the last run took as they were from the run before (or from an earlier pass).</summary>
    public int ParagraphsReused => Paragraphs.ReusedThisRun;

    /// <summary>Divisions whose vertical list the last run built (in any pass); the others were taken whole.</summary>
    public int DivisionsBuilt => Memo.DivisionsBuilt;

    /// <summary>Layout passes the last run needed to settle its page references.</summary>
    public int Passes { get; internal set; }
}

/// <summary>
/// The layout stage: book model + style → pages. Collect the divisions into vertical lists (shaping and breaking
/// each paragraph), fill pages, then finalize each page (running heads, folios) once its number is known. Page
/// references are settled by laying out again while any of them changes.
/// </summary>
public static class Typesetter
{
    /// <summary>Lays out a book into pages. Never throws for content problems; see the diagnostics.</summary>
    public static StageResult<PagedBook> Typeset(BookDocument book, StyleSheet style, TypesetOptions? options = null)
    {
        options ??= new TypesetOptions();
        if (!style.Page.MarginInnerAuto)
        {
            return TypesetWith(book, style, options);
        }

        // margin-inner: auto depends on the page count, which depends on the margin: lay out, pick the gutter for
        // the count, and lay out again until it stays (the gutter only grows, so this ends within the table's rows).
        var result = TypesetWith(book, style, options);
        for (var round = 0; round < Gutter.Table.Count + 1 && result.Value is { } paged; round++)
        {
            var gutter = Gutter.For(paged.Pages.Length, style.Page.MarginOuter);
            if (Math.Abs(gutter.Points - style.Page.MarginInner.Points) < 0.01)
            {
                break;
            }

            style = style with { Page = style.Page with { MarginInner = gutter } };
            result = TypesetWith(book, style, options);
        }

        return result;
    }

    private static StageResult<PagedBook> TypesetWith(BookDocument book, StyleSheet style, TypesetOptions options)
    {
        using var owned = options.Cache is null ? new LayoutCache() : null;
        var layoutCache = options.Cache ?? owned!;
        // The labels are set text (the contents heading, "p."): layouts made with other words are of no use either.
        var fonts = layoutCache.Prepare(style, book.Metadata.Language + "|" + book.Metadata.Labels);
        var hyphenator = LoadHyphenator(style, book.Metadata.Language);
        PassResult? pass = null;

        IReadOnlyDictionary<string, string> folios = layoutCache.Folios ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var cache = layoutCache.Paragraphs;
        cache.BeginRun();
        layoutCache.Memo.BeginRun();
        for (var n = 1; n <= options.MaxPasses; n++)
        {
            layoutCache.Passes = n;
            var passNumber = n;
            pass = new BookLayout(book, style, fonts, hyphenator, folios, cache, layoutCache.Memo).Run(
                options.Progress is { } progress ? (i, d) => progress.Report(new TypesetProgress(passNumber, i, book.Divisions.Length, d.PlainTitle)) : null);
            var newFolios = pass.Anchors.ToDictionary(kv => kv.Key, kv => kv.Value.Folio, StringComparer.Ordinal);
            var settled = newFolios.Count == folios.Count && newFolios.All(kv => folios.TryGetValue(kv.Key, out var f) && f == kv.Value);
            folios = newFolios;
            if (settled)
            {
                break;
            }

            if (n == options.MaxPasses)
            {
                pass.Diagnostics.Add(Diagnostic.Warning(LayoutCodes.NotConverged, $"page references still moved after {n} layout passes; some may be off by a page"));
            }
        }

        layoutCache.Folios = folios;
        var paged = new PagedBook(book.Metadata, [.. pass!.Pages], [.. fonts.ToRefs()], [.. pass.Outline], pass.Anchors.ToImmutableDictionary(StringComparer.Ordinal));
        return new StageResult<PagedBook>(paged, [.. pass.Diagnostics.Distinct()]);
    }

    /// <summary>A digest of what a style contributes to line layout: its value records and its font files.</summary>
    internal static string StyleKey(StyleSheet s)
    {
        var text = string.Join('|', s.Page, s.Body, s.Chapter, s.Quote, s.Footnote, s.Table, s.ListIndent, s.RunningHeads, s.TextColor, s.AccentColor,
            s.TitlePage, s.ListSpacing, s.SceneBreak, s.NoteRule, s.Code,
            string.Join(',', s.Headings),
            // Distinct: a family that repeats one file for several faces (the mono font) is hashed once.
            string.Join(',', new[] { s.BodyFont, s.DisplayFont, s.FallbackFont, s.MonoFont }.SelectMany(f => f?.Faces ?? []).Distinct().Select(f => f.Path + ":" + Digest(f.Data))),
            string.Join(',', s.Hyphenation.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + ":" + Digest(kv.Value.Data))));
        return Digest(System.Text.Encoding.UTF8.GetBytes(text));

        // The bytes, not the length: a font replaced by another of the same size must not reuse the old layouts.
        static string Digest(byte[] data) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(data));
    }

    private static Hyphenator? LoadHyphenator(StyleSheet style, string language)
    {
        var tag = language.ToLowerInvariant();
        var file = style.Hyphenation.TryGetValue(tag, out var f) ? f
            : style.Hyphenation.TryGetValue(tag.Split('-')[0], out var g) ? g
            : style.Hyphenation.FirstOrDefault(kv => kv.Key.StartsWith(tag.Split('-')[0], StringComparison.OrdinalIgnoreCase)).Value;
        return file is null ? null : HyphenatorCache.Get(file);
    }

    /// <summary>Patterns are parsed once per file content, not once per build.</summary>
    private static class HyphenatorCache
    {
        private static readonly Dictionary<string, Hyphenator> Cache = new(StringComparer.Ordinal);

        public static Hyphenator Get(StyleFile file)
        {
            var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(file.Data));
            lock (Cache)
            {
                if (!Cache.TryGetValue(key, out var h))
                {
                    h = new Hyphenator(System.Text.Encoding.UTF8.GetString(file.Data));
                    Cache[key] = h;
                }

                return h;
            }
        }
    }
}

/// <summary>What one layout pass produced.</summary>
internal sealed record PassResult(List<Page> Pages, List<OutlineEntry> Outline, Dictionary<string, AnchorLocation> Anchors, List<Diagnostic> Diagnostics);
