using System.Diagnostics;
using System.Text.Json;
using Publisher.Build;
using Publisher.Model;

namespace Publisher.Cli.Reporting;

/// <summary>A file a run wrote, for the summary, with its note ("9 pages", "481 × 721 px").</summary>
internal sealed record OutputFile(string Path, long Bytes, string? Note);

/// <summary>
/// Everything a verb tells the user goes through here, so the same run can be a live display on a terminal, plain
/// lines in a log, errors only, or one JSON document, without the verbs knowing which. It collects what the run
/// reports (diagnostics, stage times, files, the book's facts); <see cref="ConsoleView"/> shows it as it comes, and
/// at the end <see cref="SummaryText"/> or <see cref="JsonReport"/> writes it out.
/// </summary>
internal sealed class Reporter
{
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly ConsoleView _view;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<StageTiming> _stages = [];
    private readonly List<OutputFile> _outputs = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>A reporter for one run of <paramref name="command"/>.</summary>
    /// <param name="command">The verb, as the JSON document names it.</param>
    /// <param name="stdout">Results: the summary, or the JSON document.</param>
    /// <param name="stderr">Diagnostics and progress.</param>
    /// <param name="mode">How to show them.</param>
    /// <param name="stdoutIsTerminal">Whether the summary may be coloured (in <see cref="OutputMode.Live"/>).</param>
    public Reporter(string command, TextWriter stdout, TextWriter stderr, OutputMode mode, bool stdoutIsTerminal = false)
    {
        Command = command;
        _stdout = stdout;
        _stderr = stderr;
        Mode = mode;
        _view = new ConsoleView(stdout, stderr, mode, stdoutIsTerminal);
    }

    /// <summary>The verb.</summary>
    public string Command { get; }

    /// <summary>How this run reports.</summary>
    public OutputMode Mode { get; }

    /// <summary>Standard output, for a verb that runs until stopped and keeps its own log (watch).</summary>
    public TextWriter Out => _stdout;

    /// <summary>Every diagnostic reported so far, in order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>The stages timed so far, in order.</summary>
    public IReadOnlyList<StageTiming> Stages => _stages;

    /// <summary>The files written so far.</summary>
    public IReadOnlyList<OutputFile> Outputs => _outputs;

    /// <summary>The time since the run began.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>What the failure left behind, once the run failed.</summary>
    public string? Failure { get; private set; }

    /// <summary>The book the run built, once known; the summary's headline counts.</summary>
    public BookFacts? Book { get; set; }

    /// <summary>The summary's first word ("Built", "Previewed"); null for a run that ends with no summary (init, watch).</summary>
    public string? Headline { get; set; }

    /// <summary>
    /// Whether the JSON document is written on one line: for a verb whose stdout is JSON Lines (watch's events), so the
    /// closing document is one more line of it.
    /// </summary>
    public bool JsonLines { get; set; }

    /// <summary>Verb-specific fields for the JSON document, written after the common ones.</summary>
    public Action<Utf8JsonWriter>? JsonExtra { get; set; }

    /// <summary>
    /// The build's progress shown as this run's: stages, chapters, and (when <paramref name="diagnostics"/>) each
    /// stage's diagnostics as they come.
    /// </summary>
    public IBuildProgress Progress(bool diagnostics = true) => new ReporterProgress(this, diagnostics);

    /// <summary>Reports diagnostics: printed as they come (after the live display, on a terminal), or kept for the JSON.</summary>
    public void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Report(d);
        }
    }

    /// <summary>Reports one diagnostic.</summary>
    public void Report(Diagnostic diagnostic)
    {
        _diagnostics.Add(diagnostic);
        _view.Diagnostic(diagnostic);
    }

    /// <summary>A usage error (no place in a file): reported like any diagnostic; returns exit code 2 to return.</summary>
    public int UsageError(string code, string message, params string[] hints)
    {
        Report(Diagnostic.Error(code, message, null, hints));
        return ExitCodes.Usage;
    }

    /// <summary>Says the run failed and what that left behind ("nothing was written").</summary>
    public void Fail(string message)
    {
        Failure = message;
        _view.Failure(message);
    }

    /// <summary>A result line on stdout for a person (left out with --quiet and --json).</summary>
    public void Line(string text) => _view.Line(text);

    /// <summary>Records a file the run wrote.</summary>
    public void Output(string path, long bytes, string? note = null) => _outputs.Add(new OutputFile(path, bytes, note));

    /// <summary>
    /// Runs the verb's work. On a terminal it runs under a live progress display, one line per stage, that is
    /// cleared when the work ends; elsewhere it just runs.
    /// </summary>
    public T Run<T>(Func<T> work) => _view.Run(work);

    /// <summary>Runs and times one stage of the verb's own, shown while it runs; <paramref name="name"/> is what the summary calls it.</summary>
    public T Stage<T>(string name, string activity, Func<T> work)
    {
        StageStarted(activity);
        var clock = Stopwatch.StartNew();
        try
        {
            return work();
        }
        finally
        {
            StageFinished(activity, [new StageTiming(name, clock.Elapsed)]);
        }
    }

    internal void StageStarted(string activity) => _view.StageStarted(activity);

    internal void StageFinished(string activity, IReadOnlyList<StageTiming> timings)
    {
        _stages.AddRange(timings);
        _view.StageFinished(activity);
    }

    internal void Typesetting(Typesetting.TypesetProgress progress) => _view.Typesetting(progress);

    /// <summary>Each diagnostic code of <paramref name="severity"/> with its count, in code order.</summary>
    public SortedDictionary<string, int> CountByCode(Severity severity)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in _diagnostics.Where(d => d.Severity == severity))
        {
            counts[d.Code] = counts.GetValueOrDefault(d.Code) + 1;
        }

        return counts;
    }

    /// <summary>
    /// Ends the run: the summary (text) or the one JSON document, and returns the exit code it was given. Called
    /// once, by the dispatcher, whatever the verb did.
    /// </summary>
    public int Finish(int exitCode)
    {
        _view.Flush();
        if (Mode == OutputMode.Json)
        {
            _stdout.Write(JsonReport.Text(this, exitCode));
            _stdout.WriteLine();
        }
        else if (Mode != OutputMode.Quiet && exitCode == ExitCodes.Ok && Headline is not null)
        {
            SummaryText.Write(this, _view);
        }

        _stdout.Flush();
        _stderr.Flush();
        return exitCode;
    }

    /// <summary>A build's progress as this reporter shows it.</summary>
    private sealed class ReporterProgress(Reporter reporter, bool diagnostics) : IBuildProgress
    {
        public void StageStarted(string activity) => reporter.StageStarted(activity);

        public void StageFinished(string activity, IReadOnlyList<StageTiming> timings) => reporter.StageFinished(activity, timings);

        public void Typesetting(Typesetting.TypesetProgress progress) => reporter.Typesetting(progress);

        public void Reported(IReadOnlyList<Diagnostic> found)
        {
            if (diagnostics)
            {
                reporter.Report(found);
            }
        }
    }
}
