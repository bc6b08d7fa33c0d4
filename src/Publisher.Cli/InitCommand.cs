using Publisher.Build.Output;
using Publisher.Cli.Reporting;
using Publisher.Model;

namespace Publisher.Cli;

/// <summary><c>publisher init DIR</c>: a new book that builds at once, without overwriting anything.</summary>
internal static class InitCommand
{
    /// <summary>The verb's options, help and entry point.</summary>
    public static VerbSpec Spec { get; } = new()
    {
        Name = "init",
        Summary = "Make a new book that builds at once: a book.yml and two sample chapters",
        Details = "The book.yml names the default style (trade). Nothing is overwritten: if any of the files is already there,\n"
            + "nothing is written at all.",
        Positional = "DIR",
        PositionalDescription = "the folder to make the book in (made if it is not there)",
        PositionalRequired = true,
        Options = [new("--title", "TITLE", "the book's title (default: made from the folder's name)", "my-book --title \"My Book\"")],
        Examples = ["publisher init my-book", "publisher init my-book --title \"My Book\" && publisher build my-book"],
        Run = Run,
    };

    private static int Run(VerbArgs args, Reporter reporter)
    {
        var dir = args.Positional!;
        var title = args.Get("--title") ?? TitleFromFolder(dir);
        var files = Files(title);
        var clashes = files.Keys.Where(f => File.Exists(Path.Combine(dir, f))).ToList();
        if (clashes.Count > 0)
        {
            foreach (var c in clashes)
            {
                reporter.Report(Diagnostic.Error("PUB5001", "already exists; init never overwrites a file", new SourceSpan(Path.Combine(dir, c))));
            }

            reporter.Fail("publisher: nothing was written");
            return ExitCodes.Usage;
        }

        // All or nothing, like the clash check: a folder that cannot be made or written is PUB5002 naming the path,
        // and a failure part-way leaves no book.yml without its chapters.
        AtomicFile.WriteTogether(files.Select(f => (Path.Combine(dir, f.Key), System.Text.Encoding.UTF8.GetBytes(f.Value))));
        foreach (var name in files.Keys)
        {
            reporter.Line($"created {Path.Combine(dir, name)}");
        }

        reporter.Line("");
        reporter.Line($"Build it with:    publisher build {Quote(dir)}");
        reporter.Line($"Look at a page:   publisher preview {Quote(dir)} --pages 1-4");
        reporter.Line($"Rebuild on save:  publisher watch {Quote(dir)}");
        return ExitCodes.Ok;
    }

    // The folder as it must be typed in a shell: quoted when it has a space or a shell character.
    private static string Quote(string dir) => dir.Any(c => char.IsWhiteSpace(c) || "'\"$`\\!&;|<>()*?#~".Contains(c, StringComparison.Ordinal))
        ? "'" + dir.Replace("'", "'\\''", StringComparison.Ordinal) + "'"
        : dir;

    private static string TitleFromFolder(string dir)
    {
        var name = Path.GetFileName(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar));
        var words = name.Replace('-', ' ').Replace('_', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? "Untitled" : string.Join(' ', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    /// <summary>
    /// The files of a new book. YAML strings are quoted so any title is valid. The date is today's: init makes a
    /// starting point for the author to edit, not a build output that must be reproducible.
    /// </summary>
    private static Dictionary<string, string> Files(string title) => new(StringComparer.Ordinal)
    {
        ["book.yml"] = $"""
            # Every key is described in the README ("Writing a manuscript").
            title: "{title.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}"
            authors: [Your Name]
            language: en
            date: {DateTime.UtcNow:yyyy-MM-dd}
            # The default style; try a5 or large-print, or a folder of your own.
            style: trade
            chapters:
              front: [half-title, title-page, contents]
              body:
                - 01-beginning.md
                - 02-middle.md

            """,
        ["01-beginning.md"] = """
            # The Beginning

            Write your first chapter here. Paragraphs are separated by a blank line; _emphasis_ and **strong** work
            as in any Markdown.[^first]

            ## A Section

            Sections start with two hashes. A reference to another chapter's page reads like this: see
            [](#the-middle).

            [^first]: Footnotes go at the foot of the page in print and pop up in the e-book.

            """,
        ["02-middle.md"] = """
            # The Middle {#the-middle}

            > A block quotation.

            - a list item
            - another

            | Column | Another |
            |--------|---------|
            | a cell | a cell  |

            """,
    };
}
