using Publisher.Build;
using Publisher.Model;
using Publisher.Typesetting;
using Spectre.Console;

namespace Publisher.Cli.Reporting;

/// <summary>
/// What a run shows while it runs, on standard error: on a terminal a live display (a line per stage, the chapter
/// being set) with coloured diagnostics held back until the display is cleared; elsewhere a plain line per stage and
/// diagnostics as text; with --quiet only diagnostics; with --json nothing.
/// </summary>
internal sealed class ConsoleView
{
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly OutputMode _mode;
    private readonly IAnsiConsole? _errConsole;
    private readonly IAnsiConsole? _outConsole;
    private readonly List<string> _deferred = [];
    private ProgressContext? _live;
    private ProgressTask? _task;

    public ConsoleView(TextWriter stdout, TextWriter stderr, OutputMode mode, bool stdoutIsTerminal)
    {
        _stdout = stdout;
        _stderr = stderr;
        _mode = mode;
        if (mode == OutputMode.Live)
        {
            _errConsole = Console(stderr);
            _outConsole = stdoutIsTerminal ? Console(stdout) : null;
        }
    }

    /// <summary>Shows a diagnostic: as text (or coloured, after the live display); nothing with --json.</summary>
    public void Diagnostic(Diagnostic diagnostic)
    {
        if (_mode == OutputMode.Json)
        {
            return;
        }

        if (_errConsole is not null)
        {
            // The live display owns the terminal while it runs: lines written under it would be torn.
            _deferred.AddRange(DiagnosticFormatter.Lines(diagnostic, TerminalColours.Instance));
            Flush();
            return;
        }

        foreach (var line in DiagnosticFormatter.Lines(diagnostic))
        {
            _stderr.WriteLine(line);
        }
    }

    /// <summary>Says what a failure left behind; nothing with --json (the document says it).</summary>
    public void Failure(string message)
    {
        if (_mode == OutputMode.Json)
        {
            return;
        }

        if (_errConsole is null)
        {
            _stderr.WriteLine(message);
            return;
        }

        _deferred.Add($"[red]{Markup.Escape(message)}[/]");
        Flush();
    }

    /// <summary>A result line on stdout for a person (left out with --quiet and --json).</summary>
    public void Line(string text)
    {
        if (_mode is OutputMode.Plain or OutputMode.Live)
        {
            _stdout.WriteLine(text);
        }
    }

    /// <summary>A summary line on stdout: coloured with <paramref name="markup"/> when stdout is a terminal.</summary>
    public void SummaryLine(string plain, string markup)
    {
        if (_outConsole is null)
        {
            _stdout.WriteLine(plain);
        }
        else
        {
            _outConsole.MarkupLine(markup);
        }
    }

    /// <summary>Runs the work under the live display (cleared when it ends) on a terminal; elsewhere just runs it.</summary>
    public T Run<T>(Func<T> work)
    {
        if (_errConsole is null)
        {
            return work();
        }

        var progress = _errConsole.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn());
        try
        {
            return progress.Start(ctx =>
            {
                _live = ctx;
                return work();
            });
        }
        finally
        {
            _live = null;
            _task = null;
            Flush();
        }
    }

    /// <summary>A stage begins: a plain line, or a line of the live display.</summary>
    public void StageStarted(string activity)
    {
        switch (_mode)
        {
            case OutputMode.Plain:
                _stderr.WriteLine($"publisher: {activity}");
                break;
            case OutputMode.Live when _live is not null:
                _task = _live.AddTask(Markup.Escape(activity), autoStart: true, maxValue: 1);
                _task.IsIndeterminate = true;
                break;
        }
    }

    /// <summary>The stage ended: its live line is marked done.</summary>
    public void StageFinished(string activity)
    {
        if (_task is { } task)
        {
            // Back to the stage's own words: the last chapter's title is no summary of the stage.
            task.Description = Markup.Escape(activity);
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
            _task = null;
        }
    }

    /// <summary>
    /// The typesetter's pass and chapter, in the running stage's line. Reports arrive on the typesetting thread; the
    /// progress task is safe to update from there.
    /// </summary>
    public void Typesetting(TypesetProgress value)
    {
        if (_task is not { } task)
        {
            return;
        }

        task.IsIndeterminate = false;
        task.MaxValue = value.Divisions;
        task.Value = value.Division;
        var pass = value.Pass > 1 ? $", pass {value.Pass} (settling page references)" : "";
        task.Description = Markup.Escape($"typeset: {value.Division}/{value.Divisions} {Shorten(value.Title)}{pass}");
    }

    private static string Shorten(string title) => title.Length <= 40 ? title : title[..39] + "…";

    /// <summary>Writes the held-back lines once no live display runs.</summary>
    public void Flush()
    {
        if (_live is not null || _errConsole is null)
        {
            return;
        }

        foreach (var line in _deferred)
        {
            _errConsole.MarkupLine(line);
        }

        _deferred.Clear();
    }

    private static IAnsiConsole Console(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Yes,
        ColorSystem = ColorSystemSupport.Standard,
        Interactive = InteractionSupport.Yes,
        Out = new AnsiConsoleOutput(writer),
    });

    /// <summary>The formatter's parts in Spectre markup: the place bold, the kind red or yellow, the code dim, hints cyan.</summary>
    private sealed class TerminalColours : IDiagnosticDecoration
    {
        public static readonly TerminalColours Instance = new();

        public string Where(string text) => $"[bold]{Markup.Escape(text)}[/]";

        public string Severity(string text, Severity severity) => severity == Model.Severity.Error ? $"[red bold]{text}[/]" : $"[yellow bold]{text}[/]";

        public string Code(string text) => $"[dim]{Markup.Escape(text)}[/]";

        public string Hint(string text) => $"[cyan]{text}[/]";

        public string Text(string text) => Markup.Escape(text);
    }
}
