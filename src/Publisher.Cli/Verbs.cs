using System.Collections.Immutable;
using System.Text;
using Publisher.Cli.Reporting;
using Publisher.Model;

namespace Publisher.Cli;

/// <summary>One option of a verb, as help shows it and the parser reads it.</summary>
/// <param name="Name">The option, with its dashes: <c>--out</c>.</param>
/// <param name="Value">The placeholder of its value (<c>DIR</c>), or null for a flag that takes none.</param>
/// <param name="Description">One line: what it does and its default.</param>
/// <param name="Example">How it is written on a command line: <c>--out dist</c>.</param>
internal sealed record OptionSpec(string Name, string? Value, string Description, string Example)
{
    /// <summary>True for a flag (no value).</summary>
    public bool IsFlag => Value is null;
}

/// <summary>
/// A verb: everything <c>publisher VERB --help</c> shows, what the parser accepts, and the code that runs it. The
/// help, the unknown-option hints and the top-level list of commands are all made from these, so adding a verb is
/// one entry in <see cref="CommandLine.Verbs"/> and cannot leave the help behind.
/// </summary>
internal sealed record VerbSpec
{
    /// <summary>The verb: <c>build</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One line for <c>publisher --help</c>.</summary>
    public required string Summary { get; init; }

    /// <summary>A paragraph for <c>publisher VERB --help</c>, beneath the usage line; null for none.</summary>
    public string? Details { get; init; }

    /// <summary>The positional argument's placeholder (<c>DIR</c>), or null when the verb takes none.</summary>
    public string? Positional { get; init; }

    /// <summary>What the positional argument is, for help.</summary>
    public string? PositionalDescription { get; init; }

    /// <summary>True when the positional argument must be given.</summary>
    public bool PositionalRequired { get; init; }

    /// <summary>The options, in the order help lists them.</summary>
    public required ImmutableArray<OptionSpec> Options { get; init; }

    /// <summary>Whole command lines, for the end of the help.</summary>
    public required ImmutableArray<string> Examples { get; init; }

    /// <summary>Runs the verb once its arguments parsed; returns the exit code.</summary>
    public required Func<VerbArgs, Reporter, int> Run { get; init; }

    /// <summary>Whether the verb takes <c>--json</c> (and so reports into one JSON document).</summary>
    public bool TakesJson => Options.Any(o => o.Name == CommonOptions.Json.Name);

    /// <summary>Whether the verb takes <c>--quiet</c>.</summary>
    public bool TakesQuiet => Options.Any(o => o.Name == CommonOptions.Quiet.Name);
}

/// <summary>Options several verbs share, written once so their help reads the same everywhere.</summary>
internal static class CommonOptions
{
    /// <summary>The manuscript folder.</summary>
    public static readonly OptionSpec Manuscript = new(
        "--manuscript", "DIR", "the folder holding book.yml (default: the current folder if it has a book.yml, else manuscript)", "--manuscript my-book");

    /// <summary>The style.</summary>
    public static readonly OptionSpec Style = new(
        "--style", "NAME|PATH", "a style name from styles/ or a style folder (default: the one book.yml names, else trade)", "--style a5");

    /// <summary>Machine-readable output.</summary>
    public static readonly OptionSpec Json = new(
        "--json", null, "print the summary and every diagnostic as one JSON document on stdout, and nothing else", "--json");

    /// <summary>Errors and warnings only.</summary>
    public static readonly OptionSpec Quiet = new(
        "--quiet", null, "print only errors and warnings: no progress, no summary", "--quiet");

    /// <summary>What the verbs that build a book read: the manuscript and the style.</summary>
    public static readonly ImmutableArray<OptionSpec> BookInputs = [Manuscript, Style];

    /// <summary>How a verb that ends with a summary reports: as JSON, or errors and warnings only.</summary>
    public static readonly ImmutableArray<OptionSpec> Reporting = [Json, Quiet];

    /// <summary>The positional argument of the verbs that build a book.</summary>
    public const string ManuscriptArgument = "DIR";

    /// <summary>What <see cref="ManuscriptArgument"/> is, for help.</summary>
    public const string ManuscriptArgumentDescription = "the manuscript folder (the same as --manuscript DIR)";

    /// <summary>The resolution of page images.</summary>
    public static OptionSpec Dpi(int defaultDpi) => new(
        "--dpi", "N", $"resolution of the page images, 1 to 1200 (default: {defaultDpi})", "--dpi 150");

    /// <summary>Where a verb writes.</summary>
    public static OptionSpec Out(string what, string defaultDir) => new(
        "--out", "DIR", $"where {what} go (default: {defaultDir})", $"--out {defaultDir}");
}

/// <summary>A verb's parsed arguments: option values and the positional argument.</summary>
internal sealed class VerbArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>The positional argument, if one was given.</summary>
    public string? Positional { get; internal set; }

    /// <summary>True when the option was given (for a flag: it is set).</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The option's value, or null when it was not given.</summary>
    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <summary>The option's value, or the default.</summary>
    public string Get(string name, string defaultValue) => _values.GetValueOrDefault(name) ?? defaultValue;

    internal void Set(string name, string value) => _values[name] = value;

    /// <summary>
    /// The manuscript folder: <c>--manuscript</c>, else the positional argument, else the current folder when it
    /// holds a book.yml (an author working inside the book's folder), else <c>manuscript</c>.
    /// </summary>
    public string Manuscript => Get(CommonOptions.Manuscript.Name) ?? Positional ?? (File.Exists("book.yml") ? "." : "manuscript");
}

/// <summary>Reads a verb's arguments against its <see cref="VerbSpec"/>.</summary>
internal static class VerbParser
{
    /// <summary>True when the arguments ask for help (anywhere, so a half-typed command line still gets it).</summary>
    public static bool WantsHelp(IEnumerable<string> args) => args.Any(a => a is "-h" or "--help");

    /// <summary>
    /// Parses <c>--name value</c>, <c>--name=value</c>, flags and at most one positional argument. Returns the
    /// arguments, or null after reporting a usage error through <paramref name="reporter"/>.
    /// </summary>
    public static VerbArgs? Parse(VerbSpec verb, string[] args, Reporter reporter)
    {
        var parsed = new VerbArgs();
        var onlyPositional = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (onlyPositional || !arg.StartsWith('-') || arg == "-")
            {
                if (!TakePositional(verb, parsed, arg, reporter))
                {
                    return null;
                }

                continue;
            }

            if (arg == "--")
            {
                onlyPositional = true;
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (verb.Options.FirstOrDefault(o => o.Name == name) is not { } option)
            {
                UnknownOption(verb, arg, name, reporter);
                return null;
            }

            if (option.IsFlag)
            {
                if (eq > 0)
                {
                    reporter.UsageError(CliCodes.BadValue, $"option '{name}' takes no value", $"write {name} alone");
                    return null;
                }

                parsed.Set(name, "true");
                continue;
            }

            var value = eq > 0 ? arg[(eq + 1)..] : i + 1 < args.Length && !IsOptionLike(verb, args[i + 1]) ? args[++i] : null;
            if (string.IsNullOrEmpty(value))
            {
                reporter.UsageError(CliCodes.BadValue, $"option '{name}' needs a value ({option.Value})", $"for example: publisher {verb.Name} {option.Example}");
                return null;
            }

            parsed.Set(name, value);
        }

        if (verb.PositionalRequired && parsed.Positional is null)
        {
            reporter.UsageError(CliCodes.BadValue, $"{verb.Name} needs {verb.Positional}: {verb.PositionalDescription}", $"for example: {verb.Examples[0]}");
            return null;
        }

        return parsed;
    }

    // "--out --json" is a missing value, not an output folder called "--json"; a value such as "-5" is left alone.
    private static bool IsOptionLike(VerbSpec verb, string next) => verb.Options.Any(o => o.Name == next.Split('=')[0]) || next is "-h" or "--help";

    private static bool TakePositional(VerbSpec verb, VerbArgs parsed, string arg, Reporter reporter)
    {
        if (verb.Positional is null)
        {
            // A bare word is most often a folder given without its option: say which option takes it.
            var hint = verb.Options.Any(o => o.Name == CommonOptions.Manuscript.Name)
                ? $"to build a folder, write: publisher {verb.Name} --manuscript {arg}"
                : $"run 'publisher {verb.Name} --help' for the options";
            reporter.UsageError(CliCodes.UnknownOption, $"{verb.Name} takes no argument '{arg}'", hint);
            return false;
        }

        if (parsed.Positional is not null)
        {
            reporter.UsageError(CliCodes.UnknownOption, $"{verb.Name} takes one {verb.Positional}, not '{arg}' as well", $"for example: {verb.Examples[0]}");
            return false;
        }

        parsed.Positional = arg;
        return true;
    }

    private static void UnknownOption(VerbSpec verb, string arg, string name, Reporter reporter)
    {
        var near = NearestName.Find(name, verb.Options.Select(o => o.Name));
        var more = $"run 'publisher {verb.Name} --help' for the options";
        reporter.UsageError(CliCodes.UnknownOption, $"unknown option '{arg}' for {verb.Name}", near is null ? [more] : [$"did you mean '{near}'? ({more})"]);
    }
}

/// <summary>Help text, made from the verbs' specs.</summary>
internal static class HelpText
{
    /// <summary><c>publisher --help</c>: every command with its one line, and how to get more.</summary>
    public static string Overview(IEnumerable<VerbSpec> verbs)
    {
        var list = verbs.ToList();
        var width = list.Max(v => v.Name.Length) + 2;
        var sb = new StringBuilder();
        sb.AppendLine("Usage: publisher COMMAND [options]");
        sb.AppendLine();
        sb.AppendLine("Builds a typeset print PDF and an EPUB 3 from a folder of Markdown chapters and a book.yml.");
        sb.AppendLine();
        sb.AppendLine("Commands:");
        foreach (var v in list)
        {
            sb.AppendLine($"  {v.Name.PadRight(width)}{v.Summary}");
        }

        sb.AppendLine();
        sb.AppendLine("Options:");
        sb.AppendLine("  -h, --help     this help; 'publisher COMMAND --help' shows a command's options");
        sb.AppendLine("  --version      the version");
        sb.AppendLine();
        sb.AppendLine("Examples:");
        sb.AppendLine("  publisher init my-book");
        sb.AppendLine("  publisher build --manuscript my-book");
        sb.AppendLine();
        sb.AppendLine(ExitCodeLine);
        return sb.ToString();
    }

    /// <summary><c>publisher VERB --help</c>: usage, what it does, every option with its description and an example.</summary>
    public static string ForVerb(VerbSpec verb)
    {
        var sb = new StringBuilder();
        var positional = verb.Positional is null ? "" : verb.PositionalRequired ? $" {verb.Positional}" : $" [{verb.Positional}]";
        sb.AppendLine($"Usage: publisher {verb.Name}{positional} [options]");
        sb.AppendLine();
        sb.AppendLine(verb.Summary + ".");
        if (verb.Details is { } details)
        {
            sb.AppendLine(details);
        }

        var rows = verb.Options.Select(o => (Left: o.IsFlag ? o.Name : $"{o.Name} {o.Value}", o.Description, Example: (string?)o.Example)).ToList();
        if (verb.Positional is not null)
        {
            rows.Insert(0, (verb.Positional, verb.PositionalDescription ?? "", null));
        }

        rows.Add(("-h, --help", "this help", null));
        var width = rows.Max(r => r.Left.Length) + 2;
        sb.AppendLine();
        sb.AppendLine("Options:");
        foreach (var (left, description, example) in rows)
        {
            sb.AppendLine($"  {left.PadRight(width)}{description}");
            if (example is not null)
            {
                sb.AppendLine($"  {new string(' ', width)}e.g. publisher {verb.Name} {example}");
            }
        }

        sb.AppendLine();
        sb.AppendLine("Examples:");
        foreach (var e in verb.Examples)
        {
            sb.AppendLine("  " + e);
        }

        sb.AppendLine();
        sb.AppendLine(ExitCodeLine);
        return sb.ToString();
    }

    private const string ExitCodeLine = "Exit codes: 0 success, 1 the book has errors, 2 usage or input problems.";
}
