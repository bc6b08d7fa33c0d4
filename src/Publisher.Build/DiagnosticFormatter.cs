using System.Text.Encodings.Web;
using System.Text.Json;
using Publisher.Model;

namespace Publisher.Build;

/// <summary>
/// The one way a diagnostic is written out: as text lines (<c>file:line:col: error CODE: message</c>, then indented
/// <c>hint:</c> lines) and as a JSON object. The command line's text, its JSON document and watch's JSON Lines all
/// use it, so what a script reads is what a person reads, and nothing parses printed text back.
/// </summary>
public static class DiagnosticFormatter
{
    /// <summary>
    /// Escapes only what JSON requires, so an apostrophe in a message stays "'" rather than "\u0027": the output goes
    /// to a terminal, a file or a program, never into HTML, which the default encoder guards against.
    /// </summary>
    public static JavaScriptEncoder JsonEncoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The lines of <paramref name="diagnostic"/>: its own, then a <c>  hint: </c> line per hint.</summary>
    public static IEnumerable<string> Lines(Diagnostic diagnostic) => Lines(diagnostic, PlainText.Instance);

    /// <summary>
    /// The same lines, each part passed through <paramref name="decoration"/>: how a terminal colours them without a
    /// second wording of its own.
    /// </summary>
    public static IEnumerable<string> Lines(Diagnostic diagnostic, IDiagnosticDecoration decoration)
    {
        ArgumentNullException.ThrowIfNull(decoration);
        var severity = SeverityName(diagnostic);
        yield return $"{decoration.Where(Where(diagnostic) + ":")} {decoration.Severity(severity, diagnostic.Severity)} " +
                     $"{decoration.Code(diagnostic.Code + ":")} {decoration.Text(diagnostic.Message)}";
        foreach (var h in diagnostic.Hints)
        {
            yield return "  " + decoration.Hint("hint:") + " " + decoration.Text(h);
        }
    }

    /// <summary>No decoration: the parts as they are.</summary>
    private sealed class PlainText : IDiagnosticDecoration
    {
        public static readonly PlainText Instance = new();

        public string Where(string text) => text;

        public string Severity(string text, Severity severity) => text;

        public string Code(string text) => text;

        public string Hint(string text) => text;

        public string Text(string text) => text;
    }

    /// <summary>How a hint line begins, under its diagnostic.</summary>
    public const string HintPrefix = "  hint: ";

    /// <summary>Where a diagnostic is: its file, line and column, or "publisher" when it has no place (a command-line problem).</summary>
    public static string Where(Diagnostic diagnostic) => diagnostic.Span?.ToString() ?? "publisher";

    /// <summary>"error" or "warning".</summary>
    public static string SeverityName(Diagnostic diagnostic) => diagnostic.Severity == Severity.Error ? "error" : "warning";

    /// <summary>One diagnostic as JSON: every field always present (null where it has none), so readers need no guesses.</summary>
    public static void WriteJson(Utf8JsonWriter json, Diagnostic d)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(d);
        json.WriteStartObject();
        json.WriteString("code", d.Code);
        json.WriteString("severity", SeverityName(d));
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
}

/// <summary>How the parts of a diagnostic's text are shown (colour on a terminal); the words are the formatter's.</summary>
public interface IDiagnosticDecoration
{
    /// <summary>The place, with its colon.</summary>
    string Where(string text);

    /// <summary>"error" or "warning".</summary>
    string Severity(string text, Severity severity);

    /// <summary>The code, with its colon.</summary>
    string Code(string text);

    /// <summary>"hint:".</summary>
    string Hint(string text);

    /// <summary>The message or a hint's text.</summary>
    string Text(string text);
}
