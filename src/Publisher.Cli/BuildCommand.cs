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
    /// Writes the stream's bytes to a hidden temporary file beside the target, flushes it to disk, then renames it into
    /// place. Creates the folder if needed. Temporary files left by builds that were killed are removed first. A file
    /// system error becomes an <see cref="OutputException"/> that names the path.
    /// </summary>
    public static void Write(string path, MemoryStream content)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var name = Path.GetFileName(path);
        var temp = Path.Combine(dir, $".{name}.{Machine}.{Environment.ProcessId}.{Guid.CreateVersion7():N}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            RemoveAbandoned(dir, name);
            using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.WriteThrough))
            {
                content.Position = 0;
                content.CopyTo(f);
                f.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(path, e.Message, e);
        }
        finally
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
public sealed class OutputException(string path, string reason, Exception inner) : IOException($"{path}: error PUB5002: cannot write the output: {reason}", inner);

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
    public static TypesetBook? Typeset(string manuscript, string? styleName, string? stylesRoot, string failed, TextWriter stderr, out int exitCode, LayoutCache? cache = null)
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

        var loaded = ManuscriptLoader.Load(source, manuscript, new LoadOptions { SourceDateEpoch = epoch });
        CommandLine.Print(loaded.Diagnostics, stderr);
        var styles = StyleLoader.Load(source, BuildCommand.ChooseStyle(styleName, loaded.Value, manuscript), stylesRoot ?? BuildCommand.FindStylesRoot(manuscript));
        CommandLine.Print(styles.Diagnostics, stderr);
        if (loaded.Value is not { } book || styles.Value is not { } style || loaded.HasErrors || styles.HasErrors)
        {
            stderr.WriteLine(failed);
            exitCode = ExitCodes.BookErrors;
            return null;
        }

        var typeset = Typesetter.Typeset(book, style, new TypesetOptions { Cache = cache });
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
