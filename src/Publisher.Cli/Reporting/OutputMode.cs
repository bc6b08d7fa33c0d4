namespace Publisher.Cli.Reporting;

/// <summary>How a run talks to the person (or program) that started it.</summary>
internal enum OutputMode
{
    /// <summary>A terminal: a live progress display per stage and chapter, colour in diagnostics and the summary.</summary>
    Live,

    /// <summary>Not a terminal, or NO_COLOR: one plain line per stage on stderr, a plain summary on stdout.</summary>
    Plain,

    /// <summary><c>--quiet</c>: errors and warnings only.</summary>
    Quiet,

    /// <summary><c>--json</c>: one JSON document on stdout at the end, nothing else anywhere.</summary>
    Json,
}

/// <summary>Which <see cref="OutputMode"/> a run gets.</summary>
internal static class OutputModes
{
    /// <summary>
    /// The mode for a run: <c>--json</c> wins, then <c>--quiet</c>; a terminal gets the live display unless NO_COLOR
    /// is set (to anything but the empty string, as no-color.org says) or TERM is "dumb".
    /// </summary>
    public static OutputMode Choose(bool json, bool quiet, bool stderrIsTerminal, Func<string, string?> environment)
    {
        if (json)
        {
            return OutputMode.Json;
        }

        if (quiet)
        {
            return OutputMode.Quiet;
        }

        var plain = !string.IsNullOrEmpty(environment("NO_COLOR")) || environment("TERM") == "dumb";
        return stderrIsTerminal && !plain ? OutputMode.Live : OutputMode.Plain;
    }
}
