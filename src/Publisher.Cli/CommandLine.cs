using Publisher.Model;

namespace Publisher.Cli;

/// <summary>Exit codes, as the README documents them.</summary>
public static class ExitCodes
{
    /// <summary>Everything built.</summary>
    public const int Ok = 0;

    /// <summary>The book (manuscript or style) has errors.</summary>
    public const int BookErrors = 1;

    /// <summary>The command line or the input folders are wrong.</summary>
    public const int Usage = 2;
}

/// <summary>Parses the command line and dispatches to a verb. Thin: each verb calls one library entry point per stage.</summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["build", "init", "preview", "diff", "watch", "check"];

    /// <summary>Runs the program; returns the exit code. Never lets an exception escape as a stack trace.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return Dispatch(args, stdout, stderr);
        }
        catch (OutputException e)
        {
            // Not a bug: the output folder cannot be written. The last good outputs are as they were.
            stderr.WriteLine(e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"publisher: internal error: {e.Message}");
            stderr.WriteLine("This is a bug in Publisher; please report it with the input that caused it.");
            if (Environment.GetEnvironmentVariable("PUBLISHER_DEBUG") == "1")
            {
                stderr.WriteLine(e.ToString());
            }
            return ExitCodes.BookErrors;
        }
    }

    private static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        if (args[0] == "--version")
        {
            stdout.WriteLine("publisher " + (typeof(CommandLine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"));
            return ExitCodes.Ok;
        }

        switch (args[0])
        {
            case "build":
                return BuildCommand.Run(args[1..], stdout, stderr);
            case "preview":
                return PreviewCommand.Run(args[1..], stdout, stderr);
            case "diff":
                return DiffCommand.Run(args[1..], stdout, stderr);
            case "watch":
                return WatchCommand.Run(args[1..], stdout, stderr);
            case "init":
                return InitCommand.Run(args[1..], stdout, stderr);
            case "check":
                return CheckCommand.Run(args[1..], stdout, stderr);
            default:
                var hint = Verbs.OrderBy(v => NearestName.Levenshtein(v, args[0])).First();
                stderr.WriteLine($"publisher: error: unknown command '{args[0]}'");
                stderr.WriteLine($"  hint: did you mean '{hint}'? Run 'publisher --help' for the commands.");
                return ExitCodes.Usage;
        }
    }

    /// <summary>The help text.</summary>
    public const string Usage = """
        Usage: publisher build [--manuscript DIR] [--style NAME|PATH] [--out DIR]
               publisher init DIR [--title TITLE]
               publisher preview [--pages LIST] [--spreads] [--contact-sheet] [--dpi N] [--out DIR] [build options]
               publisher diff (--against REV | --vs-style NAME|PATH) [--dpi N] [--out DIR] [build options]
               publisher watch [--manuscript DIR] [--style NAME|PATH] [--port N] [--dpi N]
               publisher check [--manuscript DIR] [--style NAME|PATH] [--out DIR] [--outputs]

        Builds a print PDF and an EPUB 3 from a manuscript folder.

          --manuscript DIR   the folder holding book.yml (default: manuscript)
          --style NAME|PATH  a style name from styles/ or a style folder (default: trade)
          --out DIR          where the PDF and EPUB go (default: dist)

        preview: PNG images of pages drawn by the PDF's drawing code (default: every page, into preview/).

          --pages LIST       e.g. 1-12,15: physical pages, counted from 1 at the PDF's first page;
                             printed folios as printed: iv, ix-xii, or with a p for numbers: p12, p1-p20
          --spreads          facing pages side by side (page 1 alone on the right): spread-002-003.png
          --contact-sheet    contact-sheet.png, every page as a labelled thumbnail (alone, or with the above)
          --dpi N            resolution (default: 80)

        diff: builds two versions, prints what changed and how the text reflowed, and writes an HTML report
        (index.html and page PNGs, default diff/).

          --against REV      the working tree against git revision REV (manuscript and styles as at REV)
          --vs-style B       the book in --style (the old) against style B (the new)
          --dpi N            resolution of the report's page images (default: 60)

        check: lints the manuscript without building (cross-references, footnotes, images, stray emphasis
        markers, book.yml keys, characters the fonts lack) and prints a summary; writes nothing.

          --outputs          also run qpdf --check and epubcheck on the last build in --out (default: dist)

        Example: publisher build --manuscript my-book --style trade --out dist
        Exit codes: 0 success, 1 the book has errors, 2 usage or input problems.
        """;

    /// <summary>Prints diagnostics compiler-style, with hints indented beneath.</summary>
    public static void Print(IEnumerable<Diagnostic> diagnostics, TextWriter stderr)
    {
        foreach (var d in diagnostics)
        {
            stderr.WriteLine(d.ToString());
            foreach (var h in d.Hints)
            {
                stderr.WriteLine($"  hint: {h}");
            }
        }
    }
}
