using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Publisher.Model;
using Publisher.Typesetting;
using Spectre.Console;

namespace Publisher.Cli;

/// <summary>How a run talks to the person (or program) that started it.</summary>
public enum OutputMode
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

/// <summary>What one stage took.</summary>
public sealed record StageTime(string Name, TimeSpan Elapsed);

/// <summary>A file a run wrote, for the summary.</summary>
public sealed record OutputFile(string Path, long Bytes, string? Note);

/// <summary>The facts of the book a run built, for the summary.</summary>
public sealed record BookFacts(string Title, int Pages, int Words, int Chapters);

/// <summary>
/// Everything a verb tells the user goes through here, so the same run can be a live display on a terminal, plain
/// lines in a log, errors only, or one JSON document — without the verbs knowing which. The stages themselves stay
/// in the libraries; this only times them, shows where they are, and collects what they report.
/// </summary>
public sealed class Reporter
{
    private readonly string _command;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<StageTime> _stages = [];
    private readonly List<OutputFile> _outputs = [];
    private readonly List<string> _deferred = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly IAnsiConsole? _errConsole;
    private readonly IAnsiConsole? _outConsole;
    private ProgressContext? _live;
    private ProgressTask? _task;
    private string? _failure;

    /// <summary>A reporter for one run of <paramref name="command"/>.</summary>
    /// <param name="command">The verb, as the JSON document names it.</param>
    /// <param name="stdout">Results: the summary, or the JSON document.</param>
    /// <param name="stderr">Diagnostics and progress.</param>
    /// <param name="mode">How to show them.</param>
    /// <param name="stdoutIsTerminal">Whether the summary may be coloured (in <see cref="OutputMode.Live"/>).</param>
    public Reporter(string command, TextWriter stdout, TextWriter stderr, OutputMode mode, bool stdoutIsTerminal = false)
    {
        _command = command;
        _stdout = stdout;
        _stderr = stderr;
        Mode = mode;
        if (mode == OutputMode.Live)
        {
            _errConsole = Console(stderr);
            _outConsole = stdoutIsTerminal ? Console(stdout) : null;
        }
    }

    /// <summary>How this run reports.</summary>
    public OutputMode Mode { get; }

    /// <summary>Standard output, for a verb that runs until stopped and keeps its own log (watch).</summary>
    public TextWriter Out => _stdout;

    /// <summary>Every diagnostic reported so far, in order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>The stages timed so far, in order.</summary>
    public IReadOnlyList<StageTime> Stages => _stages;

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
    /// The mode for a run: <c>--json</c> wins, then <c>--quiet</c>; a terminal gets the live display unless NO_COLOR
    /// is set (to anything but the empty string, as no-color.org says) or TERM is "dumb".
    /// </summary>
    public static OutputMode ChooseMode(bool json, bool quiet, bool stderrIsTerminal, Func<string, string?> environment)
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
        if (Mode == OutputMode.Json)
        {
            return;
        }

        if (_errConsole is not null)
        {
            // The live display owns the terminal while it runs: lines written under it would be torn.
            var kind = diagnostic.Severity == Severity.Error ? "[red bold]error[/]" : "[yellow bold]warning[/]";
            var where = diagnostic.Span?.ToString() ?? "publisher";
            var line = $"[bold]{Markup.Escape(where)}:[/] {kind} [dim]{diagnostic.Code}:[/] {Markup.Escape(diagnostic.Message)}";
            _deferred.Add(line);
            _deferred.AddRange(diagnostic.Hints.Select(h => $"  [cyan]hint:[/] {Markup.Escape(h)}"));
            Flush();
            return;
        }

        _stderr.WriteLine(diagnostic.ToString());
        foreach (var h in diagnostic.Hints)
        {
            _stderr.WriteLine($"  hint: {h}");
        }
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
        _failure = message;
        if (Mode != OutputMode.Json)
        {
            WriteErr(message, $"[red]{Markup.Escape(message)}[/]");
        }
    }

    /// <summary>A result line on stdout for a person (left out with --quiet and --json).</summary>
    public void Line(string text)
    {
        if (Mode is OutputMode.Plain or OutputMode.Live)
        {
            _stdout.WriteLine(text);
        }
    }

    /// <summary>Records a file the run wrote.</summary>
    public void Output(string path, long bytes, string? note = null) => _outputs.Add(new OutputFile(path, bytes, note));

    /// <summary>
    /// Runs the verb's work. On a terminal it runs under a live progress display, one line per stage, that is
    /// cleared when the work ends; elsewhere it just runs.
    /// </summary>
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

    /// <summary>Runs and times one stage, shown while it runs; <paramref name="name"/> is what the summary calls it.</summary>
    public T Stage<T>(string name, string activity, Func<T> work)
    {
        switch (Mode)
        {
            case OutputMode.Plain:
                _stderr.WriteLine($"publisher: {activity}");
                break;
            case OutputMode.Live when _live is not null:
                _task = _live.AddTask(Markup.Escape(activity), autoStart: true, maxValue: 1);
                _task.IsIndeterminate = true;
                break;
        }

        var clock = Stopwatch.StartNew();
        try
        {
            return work();
        }
        finally
        {
            _stages.Add(new StageTime(name, clock.Elapsed));
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
    }

    /// <summary>
    /// Runs independent stages at once (each on its own core where there is one), shown as one line; each is timed on
    /// its own and named in the summary. The stages must not report through this reporter while they run.
    /// </summary>
    public void Parallel(string activity, params (string Name, Action Work)[] stages)
    {
        var times = new TimeSpan[stages.Length];
        Stage("parallel", activity, () => System.Threading.Tasks.Parallel.For(0, stages.Length, i =>
        {
            var clock = Stopwatch.StartNew();
            stages[i].Work();
            times[i] = clock.Elapsed;
        }));

        // The group's own entry is the wall time; the summary lists each stage's time instead (so stage times may add
        // up to more than the run took).
        _stages.RemoveAt(_stages.Count - 1);
        for (var i = 0; i < stages.Length; i++)
        {
            _stages.Add(new StageTime(stages[i].Name, times[i]));
        }

    }

    /// <summary>Runs and times a stage that returns nothing.</summary>
    public void Stage(string name, string activity, Action work) => Stage(name, activity, () =>
    {
        work();
        return true;
    });

    /// <summary>
    /// Per-chapter progress of the typesetter, shown in the running stage's line: the pass and the chapter just set.
    /// Reports arrive on the typesetting thread; the progress task is safe to update from there.
    /// </summary>
    public IProgress<TypesetProgress>? TypesetProgress => _errConsole is null ? null : new ChapterProgress(this);

    private sealed class ChapterProgress(Reporter reporter) : IProgress<TypesetProgress>
    {
        public void Report(TypesetProgress value)
        {
            if (reporter._task is not { } task)
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
    }

    /// <summary>
    /// Ends the run: the summary (text) or the one JSON document, and returns the exit code it was given. Called
    /// once, by the dispatcher, whatever the verb did.
    /// </summary>
    public int Finish(int exitCode)
    {
        Flush();
        if (Mode == OutputMode.Json)
        {
            _stdout.Write(JsonDocumentText(exitCode));
            _stdout.WriteLine();
        }
        else if (Mode != OutputMode.Quiet && exitCode == ExitCodes.Ok && Headline is not null)
        {
            WriteSummary();
        }

        _stdout.Flush();
        _stderr.Flush();
        return exitCode;
    }

    private void WriteSummary()
    {
        var total = Seconds(_clock.Elapsed);
        var head = Book is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"{Headline} \"{b.Title}\" in {total}: {Count(b.Pages, "page")}, {Count(b.Words, "word")}, {Count(b.Chapters, "chapter")}")
            : $"{Headline} in {total}";
        WriteOut(head, $"[green bold]{Markup.Escape(head)}[/]");
        var width = _outputs.Take(MaxListed).Select(o => o.Path.Length).DefaultIfEmpty(0).Max();
        foreach (var o in _outputs.Take(MaxListed))
        {
            var line = $"  {o.Path.PadRight(width)}  {Size(o.Bytes),10}{(o.Note is null ? "" : "  " + o.Note)}";
            WriteOut(line, Markup.Escape(line));
        }

        if (_outputs.Count > MaxListed)
        {
            var more = string.Create(CultureInfo.InvariantCulture, $"  … and {_outputs.Count - MaxListed} more files ({Size(_outputs.Skip(MaxListed).Sum(o => o.Bytes))})");
            WriteOut(more, Markup.Escape(more));
        }

        var stages = "  time: " + string.Join(", ", _stages.Select(s => $"{s.Name} {Seconds(s.Elapsed)}"));
        WriteOut(stages, $"[dim]{Markup.Escape(stages)}[/]");
        var warnings = "  warnings: " + ByCode(Severity.Warning);
        WriteOut(warnings, _diagnostics.Any(d => d.Severity == Severity.Warning) ? $"[yellow]{Markup.Escape(warnings)}[/]" : Markup.Escape(warnings));
    }

    // Enough lines to see what was made without a screenful per book (a preview writes one file per page).
    private const int MaxListed = 12;

    /// <summary>"none", or the total and each code with its count: "3 (PUB1018 ×2, PUB3004 ×1)".</summary>
    private string ByCode(Severity severity)
    {
        var groups = CountByCode(severity);
        return groups.Count == 0
            ? "none"
            : string.Create(CultureInfo.InvariantCulture, $"{groups.Sum(g => g.Value)} ({string.Join(", ", groups.Select(g => $"{g.Key} ×{g.Value}"))})");
    }

    private SortedDictionary<string, int> CountByCode(Severity severity)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in _diagnostics.Where(d => d.Severity == severity))
        {
            counts[d.Code] = counts.GetValueOrDefault(d.Code) + 1;
        }

        return counts;
    }

    private string JsonDocumentText(int exitCode)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = !JsonLines, Encoder = JsonText.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("command", _command);
            json.WriteBoolean("ok", exitCode == ExitCodes.Ok);
            json.WriteNumber("exitCode", exitCode);
            if (_failure is not null)
            {
                json.WriteString("failure", _failure);
            }

            if (Book is { } b)
            {
                json.WriteStartObject("book");
                json.WriteString("title", b.Title);
                json.WriteNumber("pages", b.Pages);
                json.WriteNumber("words", b.Words);
                json.WriteNumber("chapters", b.Chapters);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("book");
            }

            json.WriteStartArray("outputs");
            foreach (var o in _outputs)
            {
                json.WriteStartObject();
                json.WriteString("path", o.Path);
                json.WriteNumber("bytes", o.Bytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("stages");
            foreach (var s in _stages)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                json.WriteNumber("seconds", Math.Round(s.Elapsed.TotalSeconds, 4));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("seconds", Math.Round(_clock.Elapsed.TotalSeconds, 4));
            WriteCounts(json, "warnings", Severity.Warning);
            WriteCounts(json, "errors", Severity.Error);
            json.WriteStartArray("diagnostics");
            foreach (var d in _diagnostics)
            {
                WriteDiagnostic(json, d);
            }

            json.WriteEndArray();
            JsonExtra?.Invoke(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void WriteCounts(Utf8JsonWriter json, string name, Severity severity)
    {
        json.WriteStartObject(name);
        foreach (var (code, count) in CountByCode(severity))
        {
            json.WriteNumber(code, count);
        }

        json.WriteEndObject();
    }

    /// <summary>One diagnostic as JSON: every field always present (null where it has none), so readers need no guesses.</summary>
    public static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic d)
    {
        json.WriteStartObject();
        json.WriteString("code", d.Code);
        json.WriteString("severity", d.Severity == Severity.Error ? "error" : "warning");
        if (d.Span is { } span)
        {
            json.WriteString("file", span.File);
            WriteOptional(json, "line", span.Line);
            WriteOptional(json, "column", span.Column);
        }
        else
        {
            json.WriteNull("file");
            json.WriteNull("line");
            json.WriteNull("column");
        }

        json.WriteString("message", d.Message);
        json.WriteStartArray("hints");
        foreach (var h in d.Hints)
        {
            json.WriteStringValue(h);
        }

        json.WriteEndArray();
        json.WriteEndObject();

        static void WriteOptional(Utf8JsonWriter json, string name, int value)
        {
            if (value > 0)
            {
                json.WriteNumber(name, value);
            }
            else
            {
                json.WriteNull(name);
            }
        }
    }

    private void Flush()
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

    private void WriteErr(string plain, string markup)
    {
        if (_errConsole is null)
        {
            _stderr.WriteLine(plain);
            return;
        }

        _deferred.Add(markup);
        Flush();
    }

    private void WriteOut(string plain, string markup)
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

    private static IAnsiConsole Console(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Yes,
        ColorSystem = ColorSystemSupport.Standard,
        Interactive = InteractionSupport.Yes,
        Out = new AnsiConsoleOutput(writer),
    });

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.00} s");

    internal static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n:#,0} {noun}{(n == 1 ? "" : "s")}");

    /// <summary>A file size as a person reads it: bytes, KiB or MiB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
    };
}

/// <summary>How the command line's JSON is written.</summary>
internal static class JsonText
{
    /// <summary>
    /// Escapes only what JSON requires, so an apostrophe in a message stays "'" rather than "\u0027": the output goes
    /// to a terminal, a file or a program, never into HTML, which the default encoder guards against.
    /// </summary>
    public static readonly System.Text.Encodings.Web.JavaScriptEncoder Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
}
