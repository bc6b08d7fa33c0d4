using System.Diagnostics;
using System.Globalization;
using System.Text;
using Publisher.Build;
using Publisher.Cli.Reporting;
using Publisher.Manuscript.Text;
using Publisher.Model;
using Publisher.Styles;
using Publisher.Typesetting;
using Publisher.Typesetting.Flow;

namespace Publisher.Cli;

/// <summary>
/// <c>publisher check</c>: lints a manuscript without building it. It reads the book and its style as a build does
/// (so every problem the loader finds is reported: broken cross-references, undefined and unused footnotes, missing or
/// broken images, stray emphasis markers, unknown book.yml keys), adds the characters no font of the style has at their
/// exact place, and with <c>--outputs</c> runs the validators (qpdf, epubcheck) on the last build in the output folder.
/// Writes nothing. Prints the diagnostics, then a table of what was checked.
/// </summary>
internal static class CheckCommand
{
    /// <summary>The verb's options, help and entry point.</summary>
    public static VerbSpec Spec { get; } = new()
    {
        Name = "check",
        Summary = "Lint a manuscript without building it, and with --outputs validate the last build",
        Details = "Reports broken cross-references, undefined and unused footnotes, missing or broken images, stray emphasis\n"
            + "markers and asterisks, unknown book.yml keys and characters the fonts lack, then a table of what was checked.\n"
            + "Writes nothing.",
        Positional = CommonOptions.ManuscriptArgument,
        PositionalDescription = CommonOptions.ManuscriptArgumentDescription,
        Options =
        [
            new("--outputs", null, "also run qpdf --check and epubcheck on the last build in --out", "--outputs"),
            CommonOptions.Out("the last build's PDF and EPUB are", "dist"),
            .. CommonOptions.BookInputs,
            .. CommonOptions.Reporting,
        ],
        Examples = ["publisher check my-book", "publisher check --manuscript my-book --outputs --out dist"],
        Run = Run,
    };

    /// <summary>An output the last build should have left is not there.</summary>
    public const string MissingOutput = "PUB5003";

    /// <summary>qpdf --check or epubcheck found errors in an output.</summary>
    public const string InvalidOutput = "PUB5004";

    /// <summary>A validator is not installed, so its check was skipped.</summary>
    public const string ValidatorMissing = "PUB5005";

    /// <summary>The rows of the summary, each with the diagnostic codes it counts (the last row takes the rest).</summary>
    private static readonly (string Name, Func<string, bool> Has)[] Rows =
    [
        ("book.yml", c => c is "PUB1001" or "PUB1005" or "PUB1006" or "PUB1007" or "PUB1008" or "PUB1009" or "PUB1010" or "PUB1011" or "PUB1012" or "PUB1013" or "PUB1014" or "PUB1015" or "PUB1016"),
        ("files, encodings, paths", c => c is "PUB1002" or "PUB1003" or "PUB1004" or "PUB1028" or "PUB1032" or "PUB1033"),
        ("chapter titles", c => c is "PUB1017" or "PUB1039" or "PUB1040"),
        ("cross-references and ids", c => c is "PUB1024" or "PUB1025" or "PUB1026" or "PUB1027"),
        ("footnotes", c => c is "PUB1021" or "PUB1022"),
        ("images", c => c is "PUB1020" or "PUB1034" or "PUB1035" or "PUB1036" or "PUB1037"),
        ("stray emphasis markers", c => c is "PUB1038"),
        ("raw HTML", c => c is "PUB1018" or "PUB1019" or "PUB1029" or "PUB1030" or "PUB1031"),
        ("characters the fonts lack", c => c is LayoutCodes.MissingGlyph),
        ("style", c => c.StartsWith("PUB2", StringComparison.Ordinal)),
        ("PDF (qpdf --check)", c => c is "PDF"),
        ("EPUB (epubcheck)", c => c is "EPUB"),
        ("other", _ => true),
    ];

    private static int Run(VerbArgs args, Reporter reporter)
    {
        var manuscript = args.Manuscript;

        // The book and its style are read as a build reads them, and kept even when they have errors: their
        // diagnostics are what check reports, in a table, after every check ran (so not as each stage ends).
        var loaded = BookBuilder.Build(new BuildRequest { Manuscript = manuscript, Style = args.Get("--style"), Target = BuildTarget.Load }, reporter.Progress(diagnostics: false));
        if (loaded.Status == BuildStatus.InputErrors)
        {
            reporter.Report(loaded.Diagnostics);
            return BookRuns.ExitCode(loaded.Status);
        }

        // (row, diagnostic): validators' findings are counted under their own rows, whatever their code.
        var found = new List<(string Row, Diagnostic Diagnostic)>();
        void Add(IEnumerable<Diagnostic> diagnostics, string? row = null)
        {
            foreach (var d in diagnostics)
            {
                found.Add((row ?? Rows.First(r => r.Has(d.Code)).Name, d));
            }
        }

        Add(loaded.Diagnostics);
        if (loaded.Book is { } book && loaded.Style is { } style)
        {
            var source = new FileSystemBookSource();
            var locator = new SourceLocator(source);
            Add(reporter.Stage("fonts", "check the fonts cover the text",
                () => FontCoverage.Uncovered(book, style).Select(u => Uncovered(u, style, source.Display(source.Combine(manuscript, "book.yml")), locator)).ToList()));
        }

        var outputs = args.Has("--outputs");
        if (outputs)
        {
            var (pdfs, epubs) = Outputs(args.Get("--out", "dist"), loaded.Book);
            Add(reporter.Stage("qpdf", "qpdf --check", () => pdfs.SelectMany(Qpdf).ToList()), "PDF (qpdf --check)");
            Add(reporter.Stage("epubcheck", "epubcheck", () => epubs.SelectMany(Epubcheck).ToList()), "EPUB (epubcheck)");
        }

        reporter.Report(found.Select(f => f.Diagnostic));
        Summary(found, outputs, reporter);
        return found.Any(f => f.Diagnostic.Severity == Severity.Error) ? ExitCodes.BookErrors : ExitCodes.Ok;
    }

    /// <summary>The table: each row's errors and warnings, and the totals.</summary>
    private static void Summary(List<(string Row, Diagnostic Diagnostic)> found, bool outputs, Reporter reporter)
    {
        var rows = Rows.Select(r => r.Name).Where(n => outputs || !n.StartsWith("PDF", StringComparison.Ordinal) && !n.StartsWith("EPUB", StringComparison.Ordinal)).ToList();
        var width = rows.Max(r => r.Length) + 2;
        reporter.Line($"{"check".PadRight(width)}{"errors",8}{"warnings",10}");
        int Count(string? row, Severity severity) => found.Count(f => (row is null || f.Row == row) && f.Diagnostic.Severity == severity);

        // The same table in the JSON document: a row per check with its counts.
        reporter.JsonExtra = json =>
        {
            json.WriteStartArray("checks");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("name", row);
                json.WriteNumber("errors", Count(row, Severity.Error));
                json.WriteNumber("warnings", Count(row, Severity.Warning));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        };
        foreach (var row in rows)
        {
            var (errors, warnings) = (Count(row, Severity.Error), Count(row, Severity.Warning));
            var mark = errors > 0 ? "  FAIL" : warnings > 0 ? "  warn" : "  ok";
            reporter.Line(string.Create(CultureInfo.InvariantCulture, $"{row.PadRight(width)}{errors,8}{warnings,10}{mark}"));
        }

        reporter.Line(string.Create(CultureInfo.InvariantCulture, $"{"total".PadRight(width)}{Count(null, Severity.Error),8}{Count(null, Severity.Warning),10}"));
    }

    /// <summary>
    /// A character no font has, placed exactly: the model knows only where its block begins, so the character is
    /// looked for in the file from there (in book.yml for the title and authors).
    /// </summary>
    private static Diagnostic Uncovered(UncoveredCharacter u, StyleSheet style, string bookYml, SourceLocator locator)
    {
        var where = u.Block ?? new SourceSpan(bookYml);
        var place = locator.Locate(where, u.Character.ToString()) ?? where;
        var fonts = style.FallbackFont is { } f ? $"{style.BodyFont.Name} and the fallback {f.Name}" : style.BodyFont.Name;
        var hint = style.FallbackFont is null
            ? "name a fallback font that has it in the style (fonts.fallback), or write the text without it"
            : "give the style a fallback font that has it, or write the text without it";
        return Diagnostic.Warning(LayoutCodes.MissingGlyph,
            FormattableString.Invariant($"no glyph for '{u.Character}' (U+{u.Character.Value:X4}) in the style's fonts ({fonts}); it would be left as a blank space on the page"),
            place, hint);
    }

    /// <summary>The last build's files: the book's slug in the output folder, or every PDF and EPUB there when the book cannot be read.</summary>
    private static (List<string> Pdfs, List<string> Epubs) Outputs(string outDir, BookDocument? book)
    {
        if (book is not null)
        {
            var slug = Path.Combine(outDir, Slug.ForFileName(book.Metadata.Title));
            return ([slug + ".pdf"], [slug + ".epub"]);
        }

        var visible = Directory.Exists(outDir) ? Directory.GetFiles(outDir).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList() : [];
        return ([.. visible.Where(f => f.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))], [.. visible.Where(f => f.EndsWith(".epub", StringComparison.OrdinalIgnoreCase))]);
    }

    private static IEnumerable<Diagnostic> Qpdf(string pdf)
    {
        if (!File.Exists(pdf))
        {
            return [Diagnostic.Error(MissingOutput, "there is no PDF: build the book first", new SourceSpan(pdf), "publisher build")];
        }

        if (FindOnPath("qpdf") is not { } qpdf)
        {
            return [Diagnostic.Warning(ValidatorMissing, "qpdf is not installed, so the PDF was not checked", new SourceSpan(pdf), "on Debian: apt-get install qpdf")];
        }

        var (code, output) = Execute(qpdf, ["--check", pdf]);
        // qpdf exits 0 when the file is sound, 3 with warnings only, 2 with errors (qpdf manual, "Exit Status").
        return code switch
        {
            0 => [],
            3 => output.Where(l => l.Contains("WARNING", StringComparison.OrdinalIgnoreCase)).Select(l => Diagnostic.Warning(InvalidOutput, "qpdf: " + l, new SourceSpan(pdf))).DefaultIfEmpty(Diagnostic.Warning(InvalidOutput, "qpdf --check gave warnings", new SourceSpan(pdf))),
            _ => [Diagnostic.Error(InvalidOutput, "qpdf --check failed: " + string.Join(" / ", output.Where(l => l.Length > 0).Take(5)), new SourceSpan(pdf))],
        };
    }

    private static IEnumerable<Diagnostic> Epubcheck(string epub)
    {
        if (!File.Exists(epub))
        {
            return [Diagnostic.Error(MissingOutput, "there is no EPUB: build the book first", new SourceSpan(epub), "publisher build")];
        }

        var jar = Environment.GetEnvironmentVariable("EPUBCHECK_JAR") ?? "/usr/share/java/epubcheck.jar";
        if (FindOnPath("java") is not { } java || !File.Exists(jar))
        {
            return [Diagnostic.Warning(ValidatorMissing, "epubcheck is not installed (java and its jar), so the EPUB was not checked", new SourceSpan(epub),
                "on Debian: apt-get install epubcheck; or set EPUBCHECK_JAR to the jar")];
        }

        var (code, output) = Execute(java, ["-jar", jar, epub]);
        // epubcheck reports one message a line: "ERROR(RSC-005): book.epub/EPUB/a.xhtml(12,5): message".
        var messages = output.Where(l => l.StartsWith("FATAL", StringComparison.Ordinal) || l.StartsWith("ERROR", StringComparison.Ordinal) || l.StartsWith("WARNING", StringComparison.Ordinal))
            .Select(l => l.StartsWith("WARNING", StringComparison.Ordinal)
                ? Diagnostic.Warning(InvalidOutput, "epubcheck: " + l, new SourceSpan(epub))
                : Diagnostic.Error(InvalidOutput, "epubcheck: " + l, new SourceSpan(epub)))
            .ToList();
        if (code != 0 && !messages.Any(m => m.Severity == Severity.Error))
        {
            messages.Add(Diagnostic.Error(InvalidOutput, $"epubcheck failed (exit {code}): " + string.Join(" / ", output.Where(l => l.Length > 0).Take(5)), new SourceSpan(epub)));
        }

        return messages;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Runs a validator (no shell) and returns its exit code and its output, both streams, line by line.</summary>
    private static (int Code, List<string> Output) Execute(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, ["timed out after five minutes"]);
        }

        return (process.ExitCode, [.. (stdout + "\n" + stderr.Result).Split('\n').Select(l => l.TrimEnd('\r'))]);
    }
}
