namespace Publisher.Cli;

/// <summary><c>publisher init DIR</c>: a new book that builds at once, without overwriting anything.</summary>
public static class InitCommand
{
    /// <summary>The help text of the verb.</summary>
    public const string Usage = """
        Usage: publisher init DIR [--title TITLE]

        Makes a new book in DIR: a book.yml, two sample chapters, and the default style (trade) named in book.yml.
        Refuses to overwrite files that are already there.

          --title TITLE   the book's title (default: the folder's name)

        Example: publisher init my-book --title "My Book" && publisher build --manuscript my-book
        """;

    /// <summary>Runs the verb with its arguments (after "init").</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? dir = null;
        string? title = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    stdout.WriteLine(Usage);
                    return ExitCodes.Ok;
                case "--title" when i + 1 < args.Length:
                    title = args[++i];
                    break;
                case var a when a.StartsWith('-'):
                    stderr.WriteLine($"publisher: error: unknown option '{a}' for init");
                    stderr.WriteLine("  hint: run 'publisher init --help' for the options.");
                    return ExitCodes.Usage;
                case var a when dir is null:
                    dir = a;
                    break;
                default:
                    stderr.WriteLine($"publisher: error: init takes one folder, not '{args[i]}' as well");
                    return ExitCodes.Usage;
            }
        }

        if (dir is null)
        {
            stderr.WriteLine("publisher: error: init needs the folder to make the book in");
            stderr.WriteLine("  hint: publisher init my-book");
            return ExitCodes.Usage;
        }

        title ??= TitleFromFolder(dir);
        var files = Files(title);
        var clashes = files.Keys.Where(f => File.Exists(Path.Combine(dir, f))).ToList();
        if (clashes.Count > 0)
        {
            foreach (var c in clashes)
            {
                stderr.WriteLine($"{Path.Combine(dir, c)}: error PUB5001: already exists; init never overwrites a file");
            }

            stderr.WriteLine("publisher: nothing was written");
            return ExitCodes.Usage;
        }

        Directory.CreateDirectory(dir);
        foreach (var (name, text) in files)
        {
            using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
            AtomicFile.Write(Path.Combine(dir, name), content);
            stdout.WriteLine($"created {Path.Combine(dir, name)}");
        }

        stdout.WriteLine();
        stdout.WriteLine($"Build it with:  publisher build --manuscript {dir}");
        return ExitCodes.Ok;
    }

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
