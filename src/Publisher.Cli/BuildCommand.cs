using System.Globalization;
using System.Text;
using Publisher.Epub;
using Publisher.Manuscript;
using Publisher.Model;
using Publisher.Rendering;
using Publisher.Styles;
using Publisher.Typesetting;
using Publisher.Typesetting.Frames;

namespace Publisher.Cli;

/// <summary><c>publisher build</c>: manuscript + style → PDF + EPUB, written atomically.</summary>
public static class BuildCommand
{
    private static readonly string[] Options = ["--manuscript", "--style", "--out"];

    /// <summary>Runs the verb with its arguments (after "build").</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--manuscript"] = "manuscript",
            ["--out"] = "dist",
        };
        if (VerbOptions.Parse("build", args, Options, [], values, stdout, stderr) is { } exit)
        {
            return exit;
        }

        return Build(values["--manuscript"], values.GetValueOrDefault("--style"), values["--out"], stdout, stderr);
    }

    private const string Failed = "publisher: build failed; nothing was written";

    private static int Build(string manuscript, string? styleName, string outDir, TextWriter stdout, TextWriter stderr)
    {
        var typeset = BookPipeline.Typeset(manuscript, styleName, null, Failed, stderr, out var exit);
        if (typeset is null)
        {
            return exit;
        }

        var (book, style, paged) = typeset;

        // Both outputs are made in memory first: if either fails, the output folder is not touched.
        using var pdf = new MemoryStream();
        PdfRenderer.Render(paged, new PdfOptions(), pdf);
        using var epub = new MemoryStream();
        // The cover is drawn here, not by the EPUB writer: Publisher.Epub does not reference the renderer.
        var cover = new EpubCover(CoverRenderer.Render(book.Metadata, style), CoverRenderer.MediaType);
        // The EPUB marks where the print edition's pages begin, so its page-list matches the PDF page for page.
        var pageMap = new PrintPageMap(
            $"{book.Metadata.Title}, print edition ({style.Name} style, {paged.Pages.Length} pages), {book.Metadata.Identifier}",
            [.. paged.Pages.Select(p => new PrintPage(p.Folio, p.Start))]);
        var epubDiagnostics = EpubWriter.Write(book, style, new EpubOptions { Cover = cover, PageMap = pageMap }, epub);
        CommandLine.Print(epubDiagnostics, stderr);
        if (epubDiagnostics.Any(d => d.Severity == Severity.Error))
        {
            stderr.WriteLine(Failed);
            return ExitCodes.BookErrors;
        }

        var slug = Slug(book.Metadata.Title);
        Directory.CreateDirectory(outDir);
        var pdfPath = Path.Combine(outDir, slug + ".pdf");
        var epubPath = Path.Combine(outDir, slug + ".epub");
        AtomicFile.Write(pdfPath, pdf);
        AtomicFile.Write(epubPath, epub);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pdfPath}: {paged.Pages.Length} pages, {pdf.Length / 1024.0:0.0} KiB"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{epubPath}: {book.Divisions.Length} documents, {epub.Length / 1024.0:0.0} KiB"));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The style to build with: the command line's, else the one <c>book.yml</c> names (a path there is relative to
    /// the manuscript folder), else the default.
    /// </summary>
    internal static string ChooseStyle(string? commandLine, BookDocument? book, string manuscript)
    {
        if (commandLine is not null)
        {
            return commandLine;
        }

        if (book?.Style?.NameOrPath is { Length: > 0 } named)
        {
            return named.Contains('/', StringComparison.Ordinal) || named.StartsWith('.') ? Path.Combine(manuscript, named) : named;
        }

        return StyleLoader.DefaultStyle;
    }

    /// <summary>
    /// Styles are looked up in <c>styles/</c> of the current folder, else beside or above the manuscript, else in
    /// the styles that ship with the program (so a book anywhere on disk builds with the presets).
    /// </summary>
    internal static string FindStylesRoot(string manuscript)
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

        return Path.Combine(AppContext.BaseDirectory, "styles");
    }

    internal static bool TryReadEpoch(out DateTimeOffset? epoch, TextWriter stderr)
    {
        epoch = null;
        var raw = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            stderr.WriteLine($"publisher: error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not '{raw}'");
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

/// <summary>Writes a file so that readers see the old file or the complete new one, never a truncated one.</summary>
public static class AtomicFile
{
    /// <summary>Writes the stream's bytes to a temporary file beside the target, flushes it to disk, then renames it into place.</summary>
    public static void Write(string path, MemoryStream content)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.CreateVersion7():N}.tmp");
        try
        {
            using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.WriteThrough))
            {
                content.Position = 0;
                content.CopyTo(f);
                f.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}

/// <summary>A typeset book with the model and style it came from.</summary>
internal sealed record TypesetBook(BookDocument Book, StyleSheet Style, PagedBook Pages);

/// <summary>
/// The front of every verb's pipeline: load the manuscript and the style, typeset, print diagnostics as they come.
/// Shared by build, preview and diff so that all three see the same book and report problems the same way.
/// </summary>
internal static class BookPipeline
{
    /// <summary>
    /// Loads and typesets; null on failure, with <paramref name="exitCode"/> set and <paramref name="failed"/> printed
    /// after the diagnostics. A null <paramref name="styleName"/> means the style book.yml names, else the default;
    /// <paramref name="stylesRoot"/> overrides where style names are looked up.
    /// </summary>
    public static TypesetBook? Typeset(string manuscript, string? styleName, string? stylesRoot, string failed, TextWriter stderr, out int exitCode,
        RebuildCaches? caches = null)
    {
        exitCode = ExitCodes.Ok;
        var source = new FileSystemBookSource();
        if (!Directory.Exists(manuscript))
        {
            stderr.WriteLine($"{manuscript}: error PUB1000: manuscript folder does not exist");
            exitCode = ExitCodes.Usage;
            return null;
        }

        if (!BuildCommand.TryReadEpoch(out var epoch, stderr))
        {
            exitCode = ExitCodes.Usage;
            return null;
        }

        var loaded = ManuscriptLoader.Load(source, manuscript, new LoadOptions { SourceDateEpoch = epoch, Cache = caches?.Chapters });
        CommandLine.Print(loaded.Diagnostics, stderr);
        var choice = BuildCommand.ChooseStyle(styleName, loaded.Value, manuscript);
        var styles = caches?.KeptStyle(choice) ?? LoadStyle();
        CommandLine.Print(styles.Diagnostics, stderr);

        StageResult<StyleSheet> LoadStyle()
        {
            // The count is read before loading, so a style edit made while it loads is seen by the next build.
            var edits = caches?.StyleEdits ?? 0;
            var result = StyleLoader.Load(source, choice, stylesRoot ?? BuildCommand.FindStylesRoot(manuscript));
            return caches?.KeepStyle(choice, result, edits) ?? result;
        }

        if (loaded.Value is not { } book || styles.Value is not { } style || loaded.HasErrors || styles.HasErrors)
        {
            stderr.WriteLine(failed);
            exitCode = ExitCodes.BookErrors;
            return null;
        }

        var typeset = Typesetter.Typeset(book, style, new TypesetOptions { Cache = caches?.Layouts });
        CommandLine.Print(typeset.Diagnostics, stderr);
        if (typeset.Value is not { } paged || typeset.HasErrors)
        {
            stderr.WriteLine(failed);
            exitCode = ExitCodes.BookErrors;
            return null;
        }

        return new TypesetBook(book, style, paged);
    }
}

/// <summary>
/// What a rebuild of the same book can take from the last build (watch keeps one): chapters whose files did not
/// change, layouts of paragraphs, divisions and pages, and the loaded style while no file that may be part of a style
/// changed since it was loaded.
/// </summary>
internal sealed class RebuildCaches : IDisposable
{
    private int _styleEdits;
    private (string Choice, int Edits, StageResult<StyleSheet> Loaded)? _style;

    public LayoutCache Layouts { get; } = new();

    public ManuscriptCache Chapters { get; } = new();

    /// <summary>Notes that a file which may be part of a style (anything but a chapter) changed.</summary>
    public void StyleMayHaveChanged() => Interlocked.Increment(ref _styleEdits);

    /// <summary>The style loaded for <paramref name="choice"/>, when nothing changed since; else null.</summary>
    public StageResult<StyleSheet>? KeptStyle(string choice) =>
        _style is { } s && s.Choice == choice && s.Edits == Volatile.Read(ref _styleEdits) ? s.Loaded : null;

    /// <summary>Keeps a style loaded when the edit count was <paramref name="editsBefore"/>, and returns it.</summary>
    public StageResult<StyleSheet> KeepStyle(string choice, StageResult<StyleSheet> loaded, int editsBefore)
    {
        _style = (choice, editsBefore, loaded);
        return loaded;
    }

    /// <summary>The count of style edits now, read before a load so an edit during it is not missed.</summary>
    public int StyleEdits => Volatile.Read(ref _styleEdits);

    public void Dispose() => Layouts.Dispose();
}

/// <summary>Strict option parsing shared by the verbs: unknown options get the nearest known one as a hint.</summary>
internal static class VerbOptions
{
    /// <summary>
    /// Fills <paramref name="values"/> from <c>--name value</c> or <c>--name=value</c>; a flag (no value) is stored
    /// as "true". Returns null to go on, or the exit code to stop with (help printed, or a usage error).
    /// </summary>
    public static int? Parse(string verb, string[] args, string[] valued, string[] flags, Dictionary<string, string> values, TextWriter stdout, TextWriter stderr)
    {
        var known = valued.Concat(flags).ToArray();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                stdout.WriteLine(CommandLine.Usage);
                return ExitCodes.Ok;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (!known.Contains(name))
            {
                stderr.WriteLine($"publisher: error: unknown option '{arg}'");
                var near = known.OrderBy(o => NearestName.Levenshtein(o, name)).First();
                stderr.WriteLine($"  hint: did you mean '{near}'? Run 'publisher {verb} --help' for the options.");
                return ExitCodes.Usage;
            }

            if (flags.Contains(name))
            {
                values[name] = "true";
                continue;
            }

            string? value = eq > 0 ? arg[(eq + 1)..] : i + 1 < args.Length ? args[++i] : null;
            if (string.IsNullOrEmpty(value))
            {
                stderr.WriteLine($"publisher: error: option '{name}' needs a value");
                return ExitCodes.Usage;
            }

            values[name] = value;
        }

        return null;
    }
}
