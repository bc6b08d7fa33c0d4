namespace Publisher.Cli;

/// <summary>Parses the command line and dispatches to a verb. Placeholder until the build verb lands.</summary>
public static class CommandLine
{
    /// <summary>Runs the program; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        _ = args;
        _ = stdout;
        stderr.WriteLine("publisher: not yet implemented");
        return 2;
    }
}
