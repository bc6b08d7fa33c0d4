using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Publisher.Epub;
using Publisher.Manuscript;
using Publisher.Manuscript.Text;
using Publisher.Model;
using Publisher.Rendering;
using Publisher.Styles;
using Publisher.Typesetting;
using Publisher.PageModel;

namespace Publisher.Cli;

/// <summary><c>publisher build</c>: manuscript + style → PDF + EPUB, written atomically.</summary>
public static class BuildCommand
{
    /// <summary>The verb's options, help and entry point.</summary>
    public static VerbSpec Spec { get; } = new()
    {
        Name = "build",
        Summary = "Build the print PDF and the EPUB 3 of a book",
        Details = "Writes <slug>.pdf and <slug>.epub (the slug is made from the title). Both are made in memory and renamed into\n"
            + "place only when the whole build succeeded, so a failed build leaves the last good files as they were.",
        Positional = CommonOptions.ManuscriptArgument,
        PositionalDescription = CommonOptions.ManuscriptArgumentDescription,
        Options = [.. CommonOptions.BookInputs, CommonOptions.Out("the PDF and the EPUB", "dist"), .. CommonOptions.Reporting],
        Examples = ["publisher build my-book", "publisher build --manuscript my-book --style a5 --out dist", "publisher build --json > build.json"],
        Run = Run,
    };

    private static int Run(VerbArgs args, Reporter reporter) =>
        reporter.Run(() => Build(args.Manuscript, args.Get("--style"), args.Get("--out", "dist"), reporter));

    private const string Failed = "publisher: build failed; nothing was written";

    private static int Build(string manuscript, string? styleName, string outDir, Reporter reporter)
    {
        SkiaStartup.Begin();

        // The cover needs only the title page's facts and the style: it is drawn on the other core while the book is
        // typeset, which takes the longest job off the EPUB's path.
        Task<byte[]>? coverImage = null;
        var typeset = BookPipeline.Typeset(manuscript, styleName, null, Failed, reporter, out var exit,
            onLoaded: (loadedBook, loadedStyle) => coverImage = Task.Run(() => CoverRenderer.Render(loadedBook.Metadata, loadedStyle)));
        if (typeset is null)
        {
            return exit;
        }

        var (book, style, paged) = typeset;

        // Both outputs are made in memory first: if either fails, the output folder is not touched. They depend only
        // on the typeset book, so they are made at once, one per core.
        using var pdf = new MemoryStream();
        using var epub = new MemoryStream();
        var epubDiagnostics = ImmutableArray<Diagnostic>.Empty;
        reporter.Parallel(
            $"render PDF ({Reporter.Count(paged.Pages.Length, "page")}) and write EPUB",
            ("render PDF", () => PdfRenderer.Render(paged, new PdfOptions(), pdf)),
            ("write EPUB", () =>
            {
                // The cover is drawn by the renderer (begun above), not by the EPUB writer: Publisher.Epub does not reference it.
                var cover = new EpubCover(coverImage?.GetAwaiter().GetResult() ?? CoverRenderer.Render(book.Metadata, style), CoverRenderer.MediaType);
                // The EPUB marks where the print edition's pages begin, so its page-list matches the PDF page for page.
                var pageMap = new PrintPageMap(
                    $"{book.Metadata.Title}, print edition ({style.Name} style, {paged.Pages.Length} pages), {book.Metadata.Identifier}",
                    [.. paged.Pages.Select(p => new PrintPage(p.Folio, p.Start))]);
                epubDiagnostics = EpubWriter.Write(book, style, new EpubOptions { Cover = cover, PageMap = pageMap, SubsetFont = FontSubsetter.SubsetForText }, epub);
            }));
        reporter.Report(epubDiagnostics);
        if (epubDiagnostics.Any(d => d.Severity == Severity.Error))
        {
            reporter.Fail(Failed);
            return ExitCodes.BookErrors;
        }

        var slug = Slug(book.Metadata.Title);
        AtomicFile.WriteAll(
            outDir,
            [
                (slug + ".pdf", pdf.ToArray(), Reporter.Count(paged.Pages.Length, "page")),
                (slug + ".epub", epub.ToArray(), Reporter.Count(book.Divisions.Length, "document")),
            ],
            reporter);
        reporter.Headline = "Built";
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The style to build with: the command line's, else the one <c>book.yml</c> names (a path there is relative to
    /// the manuscript folder; a mistake in it is reported at its place in book.yml), else the default.
    /// </summary>
    internal static StyleChoice ChooseStyle(string? commandLine, BookDocument? book, string manuscript)
    {
        if (commandLine is not null)
        {
            return new StyleChoice(commandLine);
        }

        if (book?.Style is { NameOrPath.Length: > 0 } named)
        {
            var nameOrPath = StyleLoader.IsPath(named.NameOrPath) ? Path.Combine(manuscript, named.NameOrPath) : named.NameOrPath;
            return new StyleChoice(nameOrPath, named.Source, manuscript);
        }

        return new StyleChoice(StyleLoader.DefaultStyle);
    }

    /// <summary>
    /// Style names are looked up in the book's own styles folder (<c>styles/</c> of the current folder, else beside or
    /// above the manuscript), then in the styles that ship with the program, so a book anywhere on disk builds with
    /// the presets, and a folder of one's own adds to them without hiding them.
    /// </summary>
    internal static StyleRoots FindStyleRoots(string manuscript) => new(FindBookStyles(manuscript), ShippedStyles);

    /// <summary>The styles copied beside the program (the build and the tool package both carry <c>styles/</c>).</summary>
    internal static string ShippedStyles => Path.Combine(AppContext.BaseDirectory, "styles");

    private static string? FindBookStyles(string manuscript)
    {
        if (Directory.Exists("styles"))
        {
            return "styles";
        }

        for (var dir = new DirectoryInfo(Path.GetFullPath(manuscript)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "styles");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    internal static bool TryReadEpoch(out DateTimeOffset? epoch, Reporter reporter)
    {
        epoch = null;
        var raw = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            reporter.UsageError(CliCodes.BadValue, $"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not '{raw}'", "unset it to take the date from book.yml");
            return false;
        }

        epoch = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    /// <summary>A file name from the title: lower-case ASCII words joined by hyphens.</summary>
    public static string Slug(string title)
    {
        var sb = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if ((char.IsWhiteSpace(c) || c is '-' or '_' or ':' or '.') && sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "book" : slug;
    }
}

/// <summary>
/// Writes a file so that readers see the old file or the complete new one, never a truncated one: a build killed at
/// any moment leaves the last good output in place, and two builds writing the same file at once each rename a whole
/// file over it (POSIX rename(2) replaces the target atomically), so the last one wins and both files are whole.
/// </summary>
public static class AtomicFile
{
    // The machine's name goes into temporary file names, split on '.', so a dot in it would shift the fields.
    private static readonly string Machine = Environment.MachineName.Replace('.', '-');

    /// <summary>
    /// Writes files into a folder (made if need be) as the "write files" stage, each atomically, and records each
    /// for the summary with its note ("9 pages", "481 × 721 px"). The files are committed together: every one is first
    /// written whole to its temporary file and flushed to disk, and only then are they renamed into place, one rename
    /// after another. A build killed while it writes so leaves the old set or the new set (the PDF and the EPUB of one
    /// build), short of a kill in the microseconds between two renames; writing and renaming file by file left a
    /// window of a whole fsync in which the new PDF stood beside the old EPUB, or alone on a first build.
    /// </summary>
    internal static void WriteAll(string outDir, IEnumerable<(string Name, byte[] Content, string? Note)> files, Reporter reporter)
    {
        var list = files.ToList();
        reporter.Stage("write files", $"write {outDir}", () =>
        {
            // Each write makes the folder if need be, inside its own error handling (an unwritable folder is PUB5002).
            WriteTogether(list.Select(f => (Path.Combine(outDir, f.Name), f.Content)));
        });
        foreach (var (name, bytes, note) in list)
        {
            reporter.Output(Path.Combine(outDir, name), bytes.Length, note);
        }
    }

    /// <summary>
    /// Writes the stream's bytes to a hidden temporary file beside the target, flushes it to disk, then renames it into
    /// place. Creates the folder if needed. Temporary files left by builds that were killed are removed first. A file
    /// system error becomes an <see cref="OutputException"/> that names the path.
    /// </summary>
    public static void Write(string path, MemoryStream content) => WriteTogether([(path, content.ToArray())]);

    /// <summary>
    /// Writes files so that they appear together: every one is first written whole to its temporary file and flushed
    /// to disk, and only then are they renamed into place. Any failure leaves none of the temporary files behind.
    /// </summary>
    public static void WriteTogether(IEnumerable<(string Path, byte[] Content)> files)
    {
        var staged = new List<(string Temp, string Path)>();
        try
        {
            foreach (var (path, bytes) in files)
            {
                staged.Add((Stage(path, bytes), path));
            }

            foreach (var (temp, path) in staged)
            {
                Commit(temp, path);
            }
        }
        finally
        {
            foreach (var (temp, _) in staged)
            {
                DeleteQuietly(temp);
            }
        }
    }

    /// <summary>
    /// Writes the bytes whole to a new hidden temporary file beside <paramref name="path"/> and flushes it to disk;
    /// returns the temporary file's path. Makes the folder if need be and first removes temporary files that killed
    /// builds left behind.
    /// </summary>
    private static string Stage(string path, byte[] bytes)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var name = Path.GetFileName(path);
        var temp = Path.Combine(dir, $".{name}.{Machine}.{Environment.ProcessId}.{Guid.CreateVersion7():N}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            RemoveAbandoned(dir, name);
            using var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.WriteThrough);
            f.Write(bytes);
            f.Flush(flushToDisk: true);
            return temp;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(temp);
            throw new OutputException(path, e.Message, e);
        }
    }

    /// <summary>Renames a staged temporary file over the target (POSIX rename(2): atomic).</summary>
    private static void Commit(string temp, string path)
    {
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(path, e.Message, e);
        }
    }

    private static void DeleteQuietly(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the next build removes it.
        }
    }

    /// <summary>
    /// Removes the temporary files of <paramref name="name"/> that a killed build left behind: those made on this
    /// machine by a process that no longer runs, and any older than a day (made elsewhere, on a shared folder). A
    /// temporary file of a build still running is never touched.
    /// </summary>
    private static void RemoveAbandoned(string dir, string name)
    {
        var prefix = $".{name}.";
        foreach (var temp in Directory.EnumerateFiles(dir, prefix + "*.tmp"))
        {
            var parts = Path.GetFileName(temp)[prefix.Length..].Split('.');
            var ours = parts.Length == 4 && parts[0] == Machine;
            var dead = ours && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid);
            try
            {
                if (dead || File.GetLastWriteTimeUtc(temp) < DateTime.UtcNow.AddDays(-1))
                {
                    File.Delete(temp);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another build removed it first, or it is not ours to remove.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

/// <summary>An output could not be written (a full disk, no permission, a file where the folder should be).</summary>
public sealed class OutputException(string path, string reason, Exception inner) : IOException($"{path}: error PUB5002: cannot write the output: {reason}", inner)
{
    /// <summary>The file that could not be written.</summary>
    public string Path { get; } = path;

    /// <summary>Why, as the file system said it.</summary>
    public string Reason { get; } = reason;
}

/// <summary>A typeset book with the model and style it came from.</summary>
internal sealed record TypesetBook(BookDocument Book, StyleSheet Style, PagedBook Pages);

/// <summary>
/// The front of every verb's pipeline: load the manuscript and the style, typeset, report diagnostics as they come.
/// Shared by build, preview, diff and watch so that all of them see the same book and report problems the same way.
/// </summary>
internal static class BookPipeline
{
    /// <summary>
    /// Loads and typesets, each stage timed and shown by <paramref name="reporter"/>; null on failure, with
    /// <paramref name="exitCode"/> set and <paramref name="failed"/> reported after the diagnostics. A null
    /// <paramref name="styleName"/> means the style book.yml names, else the default; <paramref name="styleRoots"/>
    /// overrides where style names are looked up. The book's facts (pages, words, chapters) go to the reporter.
    /// </summary>
    public static TypesetBook? Typeset(string manuscript, string? styleName, StyleRoots? styleRoots, string failed, Reporter reporter, out int exitCode,
        RebuildCaches? caches = null, Action<BookDocument, StyleSheet>? onLoaded = null)
    {
        exitCode = ExitCodes.Ok;
        var source = new FileSystemBookSource();
        if (!Directory.Exists(manuscript))
        {
            reporter.Report(Diagnostic.Error("PUB1000", "manuscript folder does not exist", new SourceSpan(manuscript), NoManuscriptHint(manuscript)));
            exitCode = ExitCodes.Usage;
            return null;
        }

        if (!BuildCommand.TryReadEpoch(out var epoch, reporter))
        {
            exitCode = ExitCodes.Usage;
            return null;
        }

        var loaded = reporter.Stage("load", $"load {Path.Combine(manuscript, "book.yml")}",
            () => ManuscriptLoader.Load(source, manuscript, new LoadOptions { SourceDateEpoch = epoch, Cache = caches?.Chapters }));
        reporter.Report(loaded.Diagnostics);
        var styleChoice = BuildCommand.ChooseStyle(styleName, loaded.Value, manuscript);
        var styles = caches?.KeptStyle(styleChoice) ?? reporter.Stage("style", $"load style {styleChoice}", LoadStyle);
        reporter.Report(styles.Diagnostics);

        StageResult<StyleSheet> LoadStyle()
        {
            // The count is read before loading, so a style edit made while it loads is seen by the next build.
            var edits = caches?.StyleEdits ?? 0;
            var result = StyleLoader.Load(source, styleChoice, styleRoots ?? BuildCommand.FindStyleRoots(manuscript));
            return caches?.KeepStyle(styleChoice, result, edits) ?? result;
        }

        if (loaded.Value is not { } book || styles.Value is not { } style || loaded.HasErrors || styles.HasErrors)
        {
            reporter.Fail(failed);
            exitCode = ExitCodes.BookErrors;
            return null;
        }

        // Work that needs only the book and its style (build's cover) can start now, beside the typesetting.
        onLoaded?.Invoke(book, style);
        var typeset = reporter.Stage("typeset", $"typeset {book.Divisions.Length} divisions",
            () => Typesetter.Typeset(book, style, new TypesetOptions { Cache = caches?.Layouts, Progress = reporter.TypesetProgress }));
        // Layout knows each paragraph's start, not each word's: place its warnings at the word or character itself.
        reporter.Report(new SourceLocator(source).Narrow(typeset.Diagnostics));
        if (typeset.Value is not { } paged || typeset.HasErrors)
        {
            reporter.Fail(failed);
            exitCode = ExitCodes.BookErrors;
            return null;
        }

        reporter.Book = new BookFacts(book.Metadata.Title, paged.Pages.Length, BookStatistics.Words(book), BookStatistics.Chapters(book));
        return new TypesetBook(book, style, paged);
    }

    /// <summary>
    /// The same, with only errors and warnings printed as text to <paramref name="diagnostics"/>: for watch, which
    /// shows them over its last good pages, and for tests that want a book and nothing on screen.
    /// </summary>
    public static TypesetBook? Typeset(string manuscript, string? styleName, StyleRoots? styleRoots, string failed, TextWriter diagnostics, out int exitCode, RebuildCaches? caches = null) =>
        Typeset(manuscript, styleName, styleRoots, failed, new Reporter("typeset", TextWriter.Null, diagnostics, OutputMode.Quiet), out exitCode, caches);

    /// <summary>What to do about a missing manuscript folder: where the default looked, and how to make a book.</summary>
    private static string[] NoManuscriptHint(string manuscript) => manuscript == "manuscript"
        ? ["no folder was named, so 'manuscript' was tried: name one with --manuscript DIR, or run this inside a folder holding book.yml", "a new book: publisher init my-book"]
        : ["the folder holding book.yml; a new book: publisher init " + manuscript];
}

/// <summary>
/// What a rebuild of the same book can take from the last build (watch keeps one): chapters whose files did not
/// change, layouts of paragraphs, divisions and pages, and the loaded style while no file that may be part of a style
/// changed since it was loaded.
/// </summary>
internal sealed class RebuildCaches : IDisposable
{
    private int _styleEdits;
    private (StyleChoice Choice, int Edits, StageResult<StyleSheet> Loaded)? _style;

    public LayoutCache Layouts { get; } = new();

    public ManuscriptCache Chapters { get; } = new();

    /// <summary>Notes that a file which may be part of a style (anything but a chapter) changed.</summary>
    public void StyleMayHaveChanged() => Interlocked.Increment(ref _styleEdits);

    /// <summary>The style loaded for <paramref name="choice"/>, when nothing changed since; else null.</summary>
    public StageResult<StyleSheet>? KeptStyle(StyleChoice choice) =>
        _style is { } s && s.Choice == choice && s.Edits == Volatile.Read(ref _styleEdits) ? s.Loaded : null;

    /// <summary>Keeps a style loaded when the edit count was <paramref name="editsBefore"/>, and returns it.</summary>
    public StageResult<StyleSheet> KeepStyle(StyleChoice choice, StageResult<StyleSheet> loaded, int editsBefore)
    {
        _style = (choice, editsBefore, loaded);
        return loaded;
    }

    /// <summary>The count of style edits now, read before a load so an edit during it is not missed.</summary>
    public int StyleEdits => Volatile.Read(ref _styleEdits);

    public void Dispose() => Layouts.Dispose();
}
