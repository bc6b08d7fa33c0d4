using System.Collections.Immutable;
using System.Globalization;

namespace Publisher.Model;

/// <summary>A place in a source file: 1-based line and column. Column 0 means "the whole line", line 0 "the whole file".</summary>
public sealed record SourceSpan(string File, int Line = 0, int Column = 0)
{
    /// <inheritdoc />
    public override string ToString() => Line <= 0
        ? File
        : Column <= 0
            ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}")
            : string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}");
}

/// <summary>How bad a diagnostic is.</summary>
public enum Severity
{
    /// <summary>The book builds, but something deserves the author's attention.</summary>
    Warning,

    /// <summary>The book cannot be built as asked.</summary>
    Error,
}

/// <summary>
/// A problem found in the author's input, reported like a compiler does:
/// <c>file:line:col: error PUB1001: message</c>. Codes are stable: PUB1xxx loading, PUB2xxx styles, PUB3xxx layout,
/// PUB4xxx EPUB, PUB5xxx output.
/// </summary>
public sealed record Diagnostic(Severity Severity, string Code, string Message, SourceSpan? Span, ImmutableArray<string> Hints)
{
    /// <summary>
    /// The text the diagnostic is about as the source spells it (a word too wide for the line, a character no font
    /// has), when the stage that found it knows only its block: a stage that can read the source narrows
    /// <see cref="Span"/> from the block's start to the text itself.
    /// </summary>
    public string? Subject { get; init; }

    /// <summary>Creates an error.</summary>
    public static Diagnostic Error(string code, string message, SourceSpan? span = null, params string[] hints) =>
        new(Severity.Error, code, message, span, [.. hints]);

    /// <summary>Creates a warning.</summary>
    public static Diagnostic Warning(string code, string message, SourceSpan? span = null, params string[] hints) =>
        new(Severity.Warning, code, message, span, [.. hints]);

    /// <summary>The one-line form, without hints.</summary>
    public override string ToString()
    {
        var where = Span is null ? "publisher" : Span.ToString();
        var kind = Severity == Severity.Error ? "error" : "warning";
        return $"{where}: {kind} {Code}: {Message}";
    }
}

/// <summary>Collects diagnostics while a stage runs. Not thread-safe; one per stage run.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>True when any error was added.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>How many were added so far.</summary>
    public int Count => _items.Count;

    /// <summary>Adds one diagnostic.</summary>
    public void Add(Diagnostic diagnostic)
    {
        _items.Add(diagnostic);
        HasErrors |= diagnostic.Severity == Severity.Error;
    }

    /// <summary>Adds many.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Add(d);
        }
    }

    /// <summary>Adds an error.</summary>
    public void Error(string code, string message, SourceSpan? span = null, params string[] hints) =>
        Add(Diagnostic.Error(code, message, span, hints));

    /// <summary>Adds a warning.</summary>
    public void Warning(string code, string message, SourceSpan? span = null, params string[] hints) =>
        Add(Diagnostic.Warning(code, message, span, hints));

    /// <summary>What was collected, in order.</summary>
    public ImmutableArray<Diagnostic> ToImmutable() => [.. _items];
}

/// <summary>The outcome of a stage: a value (null when errors made one impossible) and what was found on the way.</summary>
public sealed record StageResult<T>(T? Value, ImmutableArray<Diagnostic> Diagnostics)
    where T : class
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}
