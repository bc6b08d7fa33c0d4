using Publisher.Build;
using Publisher.Build.Output;
using Publisher.Cli.Reporting;
using Publisher.Cli.Watch;
using Publisher.Model;

namespace Publisher.Cli;

/// <summary>Exit codes, as the README documents them.</summary>
internal static class ExitCodes
{
    /// <summary>Everything built.</summary>
    public const int Ok = 0;

    /// <summary>The book (manuscript or style) has errors.</summary>
    public const int BookErrors = 1;

    /// <summary>The command line or the input folders are wrong.</summary>
    public const int Usage = 2;
}

/// <summary>
/// Codes of problems with the command line itself. They sit below the book's ranges (PUB1xxx manuscript … PUB5xxx
/// output) so a script can tell "called wrongly" from "the book is wrong" by code as well as by exit status.
/// </summary>
internal static class CliCodes
{
    /// <summary>An unknown command, option or argument.</summary>
    public const string UnknownOption = "PUB0001";

    /// <summary>An option's value is missing or not valid (a page list outside the book, a dpi of 0…); the build library reports a bad SOURCE_DATE_EPOCH under the same code.</summary>
    public const string BadValue = Publisher.Build.SourceDateEpoch.BadValue;

    /// <summary>A program Publisher runs (git, for diff) failed.</summary>
    public const string ToolFailed = "PUB0003";

    /// <summary>A bug in Publisher: an exception no stage turned into a diagnostic.</summary>
    public const string Internal = "PUB0009";
}

/// <summary>Parses the command line and dispatches to a verb. Thin: each verb calls one library entry point per stage.</summary>
internal static class CommandLine
{
    /// <summary>
    /// Every verb, in the order <c>publisher --help</c> lists them. Help, option checking and suggestions are made
    /// from these specs: a new verb (check) is one more entry here.
    /// </summary>
    public static IReadOnlyList<VerbSpec> Verbs { get; } = [BuildCommand.Spec, CheckCommand.Spec, InitCommand.Spec, PreviewCommand.Spec, DiffCommand.Spec, WatchCommand.Spec];

    /// <summary>The version, from the assembly (the package's Version).</summary>
    public static string Version => typeof(CommandLine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Runs the program; returns the exit code. Never lets an exception escape as a stack trace.</summary>
    /// <param name="args">The arguments after the program's name.</param>
    /// <param name="stdout">Results: help, the summary, the JSON document.</param>
    /// <param name="stderr">Diagnostics and progress.</param>
    /// <param name="terminal">
    /// Whether the writers are a terminal (live progress, colour); null to find out from the console, which is only
    /// a terminal when the writers are the console's own and neither is redirected.
    /// </param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool? terminal = null)
    {
        try
        {
            return Dispatch(args, stdout, stderr, terminal);
        }
        catch (OutputException e)
        {
            // Not a bug: the output folder cannot be written. The last good outputs are as they were.
            stderr.WriteLine(e.ToDiagnostic().ToString());
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only reached when the failure is outside a verb (a verb's own is reported by its reporter).
            stderr.WriteLine($"publisher: error {CliCodes.Internal}: internal error: {e.Message}");
            stderr.WriteLine("This is a bug in Publisher; please report it with the input that caused it.");
            if (Environment.GetEnvironmentVariable("PUBLISHER_DEBUG") == "1")
            {
                stderr.WriteLine(e.ToString());
            }

            return ExitCodes.BookErrors;
        }
    }

    private static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr, bool? terminal)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            // "publisher help build" reads as naturally as "publisher build --help".
            if (args.Length > 1 && args[0] == "help" && Verbs.FirstOrDefault(v => v.Name == args[1]) is { } topic)
            {
                stdout.Write(HelpText.ForVerb(topic));
                return ExitCodes.Ok;
            }

            (args.Length == 0 ? stderr : stdout).Write(HelpText.Overview(Verbs));
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        if (args[0] is "--version" or "version")
        {
            stdout.WriteLine("publisher " + Version);
            return ExitCodes.Ok;
        }

        if (Verbs.FirstOrDefault(v => v.Name == args[0]) is not { } verb)
        {
            var near = NearestName.Find(args[0], Verbs.Select(v => v.Name).Concat(["--help", "--version"]));
            var hint = near is null
                ? $"the commands are {string.Join(", ", Verbs.Select(v => v.Name))}; run 'publisher --help'"
                : $"did you mean '{near}'? Run 'publisher --help' for the commands.";
            var unknown = Diagnostic.Error(CliCodes.UnknownOption, $"unknown command '{args[0]}'", null, hint);

            // A script that asked for JSON gets JSON even when it misspelt the command.
            if (args.Contains(CommonOptions.Json.Name))
            {
                var json = new Reporter(args[0], stdout, stderr, OutputMode.Json);
                json.Report(unknown);
                return json.Finish(ExitCodes.Usage);
            }

            foreach (var line in DiagnosticFormatter.Lines(unknown))
            {
                stderr.WriteLine(line);
            }

            return ExitCodes.Usage;
        }

        var rest = args[1..];
        if (VerbParser.WantsHelp(rest))
        {
            stdout.Write(HelpText.ForVerb(verb));
            return ExitCodes.Ok;
        }

        // The mode is chosen before parsing, so that with --json even a usage error arrives as JSON.
        var stdoutTerminal = terminal ?? (ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);
        var stderrTerminal = terminal ?? (ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected);
        var mode = OutputModes.Choose(verb.TakesJson && rest.Contains(CommonOptions.Json.Name), verb.TakesQuiet && rest.Contains(CommonOptions.Quiet.Name), stderrTerminal, Environment.GetEnvironmentVariable);
        var reporter = new Reporter(verb.Name, stdout, stderr, mode, stdoutTerminal);
        int exit;
        try
        {
            exit = VerbParser.Parse(verb, rest, reporter) is { } parsed ? verb.Run(parsed, reporter) : ExitCodes.Usage;
        }
        catch (OutputException e)
        {
            // Not a bug: the output folder cannot be written. The last good outputs are as they were.
            reporter.Report(e.ToDiagnostic());
            exit = ExitCodes.Usage;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var hints = new List<string> { "this is a bug in Publisher; please report it with the input that caused it" };
            if (Environment.GetEnvironmentVariable("PUBLISHER_DEBUG") == "1")
            {
                hints.Add(e.ToString());
            }
            else
            {
                hints.Add("set PUBLISHER_DEBUG=1 to see where it happened");
            }

            reporter.Report(Diagnostic.Error(CliCodes.Internal, $"internal error: {e.Message}", null, [.. hints]));
            exit = ExitCodes.BookErrors;
        }

        return reporter.Finish(exit);
    }
}
