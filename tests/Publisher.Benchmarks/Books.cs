using System.Diagnostics;
using System.Globalization;
using Publisher.Epub;
using Publisher.Manuscript;
using Publisher.Model;
using Publisher.Rendering;
using Publisher.Styles;
using Publisher.Typesetting;
using Publisher.PageModel;

namespace Publisher.Benchmarks;

/// <summary>
/// The books the benchmarks run on: the sample manuscript repeated N times by tests/bench/make-book.sh (the same
/// generator the whole-process comparison uses), cached under the temp folder, and the stages run as the CLI runs them.
/// </summary>
public static class Books
{
    /// <summary>The repository root: PUBLISHER_ROOT, else the first folder above this assembly holding Publisher.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The trade style folder.</summary>
    public static string Style => Path.Combine(Root, "styles", "trade");

    /// <summary>The N× manuscript folder, made once (make-book.sh) and reused.</summary>
    public static string Manuscript(int copies)
    {
        var dir = Path.Combine(Path.GetTempPath(), "publisher-bench-books", copies.ToString(CultureInfo.InvariantCulture));
        if (File.Exists(Path.Combine(dir, "book.yml")))
        {
            return dir;
        }

        var psi = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(Root, "tests", "bench", "make-book.sh"), copies.ToString(CultureInfo.InvariantCulture), dir },
            UseShellExecute = false,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start bash");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"make-book.sh {copies} failed with exit code {process.ExitCode}");
        }

        return dir;
    }

    /// <summary>Stage 1: book.yml + Markdown → book model.</summary>
    public static BookDocument Load(string manuscript, ManuscriptCache? cache = null) =>
        Value(ManuscriptLoader.Load(new FileSystemBookSource(), manuscript, new LoadOptions { Cache = cache }), "load manuscript");

    /// <summary>Stage 2: style.yml → style sheet.</summary>
    public static StyleSheet LoadStyle() =>
        Value(StyleLoader.Load(new FileSystemBookSource(), Style, Path.Combine(Root, "styles")), "load style");

    /// <summary>Stage 3: book model + style → pages (all the layout passes that settle page references).</summary>
    public static PagedBook Typeset(BookDocument book, StyleSheet style, int maxPasses = 5) =>
        Value(Typesetter.Typeset(book, style, new TypesetOptions { MaxPasses = maxPasses }), "typeset");

    /// <summary>Stage 3 as watch runs it: with layouts kept from the run before.</summary>
    public static PagedBook Typeset(BookDocument book, StyleSheet style, LayoutCache cache) =>
        Value(Typesetter.Typeset(book, style, new TypesetOptions { Cache = cache }), "typeset");

    /// <summary>Stage 4: pages → PDF bytes.</summary>
    public static long RenderPdf(PagedBook paged)
    {
        using var pdf = new MemoryStream();
        PdfRenderer.Render(paged, new PdfOptions(), pdf);
        return pdf.Length;
    }

    /// <summary>The cover the CLI draws for the EPUB.</summary>
    public static EpubCover Cover(BookDocument book, StyleSheet style) =>
        new(CoverRenderer.Render(book.Metadata, style), CoverRenderer.MediaType);

    /// <summary>The print page map the CLI gives the EPUB writer.</summary>
    public static PrintPageMap PageMap(BookDocument book, StyleSheet style, PagedBook paged) =>
        new($"{book.Metadata.Title}, print edition ({style.Name} style, {paged.Pages.Length} pages)",
            [.. paged.Pages.Select(p => new PrintPage(p.Folio, p.Start))]);

    /// <summary>Stage 5: book model + style → EPUB bytes, with the CLI's cover and page map.</summary>
    public static long WriteEpub(BookDocument book, StyleSheet style, EpubCover cover, PrintPageMap pageMap)
    {
        using var epub = new MemoryStream();
        var diagnostics = EpubWriter.Write(book, style, new EpubOptions { Cover = cover, PageMap = pageMap, SubsetFont = FontSubsetter.SubsetForText }, epub);
        if (diagnostics.Any(d => d.Severity == Severity.Error))
        {
            throw new InvalidOperationException("write EPUB: " + string.Join("; ", diagnostics));
        }

        return epub.Length;
    }

    private static T Value<T>(StageResult<T> result, string stage)
        where T : class =>
        result.Value is { } v && !result.HasErrors
            ? v
            : throw new InvalidOperationException($"{stage} failed: " + string.Join("; ", result.Diagnostics));

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("PUBLISHER_ROOT") is { Length: > 0 } fromEnv)
        {
            return Path.GetFullPath(fromEnv);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Publisher.sln")))
            {
                return dir.FullName;
            }
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Publisher.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (Publisher.sln); set PUBLISHER_ROOT");
    }
}
