using System.Text;
using Publisher.Model;

namespace Publisher.Manuscript.Text;

/// <summary>
/// Narrows a diagnostic that knows only where its block begins to the text it is about. The book model keeps one
/// source place per block, not per word, so a stage past loading (layout, the linter) can say "this paragraph"; this
/// reads the file again and finds the word or character from the block's start, so the author's editor jumps to it.
/// </summary>
public sealed class SourceLocator(IBookSource source)
{
    // Each file read once per locator, as lines; null when it cannot be read (the diagnostic then keeps its block).
    private readonly Dictionary<string, string[]?> _files = new(StringComparer.Ordinal);

    /// <summary>Each diagnostic with a <see cref="Diagnostic.Subject"/> placed at that text, the others as they are.</summary>
    public IEnumerable<Diagnostic> Narrow(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            yield return d.Subject is { Length: > 0 } subject && d.Span is { } span && Locate(span, subject) is { } place
                ? d with { Span = place }
                : d;
        }
    }

    /// <summary>
    /// The first place at or after <paramref name="from"/> where <paramref name="text"/> stands in the file, or null.
    /// A block's text is looked for within the block, so the search stops at the first blank line after the block's
    /// first line (a paragraph's end; a fenced code block runs on past blank lines); a place in book.yml (line 0: the
    /// whole file) is looked for from the top.
    /// Columns count UTF-16 code units from 1, as the loader's do.
    /// </summary>
    public SourceSpan? Locate(SourceSpan from, string text)
    {
        if (Lines(from.File) is not { } lines)
        {
            return null;
        }

        // A fenced code block may hold blank lines; it ends at its closing fence instead.
        var whole = from.Line <= 0;
        var fenced = !whole && from.Line <= lines.Length && lines[from.Line - 1].TrimStart() is var first && (first.StartsWith("```", StringComparison.Ordinal) || first.StartsWith("~~~", StringComparison.Ordinal));
        var firstLine = Math.Max(1, from.Line);
        var lastLine = firstLine - 1;
        for (var line = firstLine; line <= lines.Length; line++)
        {
            var content = lines[line - 1];
            if (!whole && !fenced && line > from.Line && string.IsNullOrWhiteSpace(content))
            {
                break;
            }

            lastLine = line;
            var start = line == from.Line ? Math.Clamp(from.Column - 1, 0, content.Length) : 0;
            var column = content.IndexOf(text, start, StringComparison.Ordinal);
            if (column >= 0)
            {
                return new SourceSpan(from.File, line, column + 1);
            }
        }

        return text.Any(char.IsWhiteSpace) && lastLine >= firstLine ? LocatePhrase(from, text, lines, firstLine, lastLine) : null;
    }

    /// <summary>
    /// Several words as the outputs print them (a line of a paragraph), in the source: the line breaks of the source
    /// may fall anywhere between them, and smart punctuation printed what the source spells plainly ("’" for "'",
    /// "—" for "---").
    /// </summary>
    private static SourceSpan? LocatePhrase(SourceSpan from, string text, string[] lines, int firstLine, int lastLine)
    {
        var startColumn = firstLine == from.Line ? Math.Clamp(from.Column - 1, 0, lines[firstLine - 1].Length) : 0;
        var block = string.Join('\n', lines[(firstLine - 1)..lastLine]);
        var pattern = new StringBuilder();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (pattern.Length > 0)
            {
                pattern.Append(@"\s+");
            }

            foreach (var c in word)
            {
                pattern.Append(c switch
                {
                    '\u2018' or '\u2019' => "['\u2018\u2019]",
                    '\u201C' or '\u201D' => "[\"\u201C\u201D]",
                    '\u2013' => "(?:\u2013|--)",
                    '\u2014' => "(?:\u2014|---)",
                    '\u2026' => @"(?:\u2026|\.\.\.)",
                    _ => System.Text.RegularExpressions.Regex.Escape(c.ToString()),
                });
            }
        }

        System.Text.RegularExpressions.Match match;
        try
        {
            match = System.Text.RegularExpressions.Regex.Match(block[startColumn..], pattern.ToString(), System.Text.RegularExpressions.RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1));
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return null; // a place is a courtesy: the diagnostic keeps its block's start
        }

        if (!match.Success)
        {
            return null;
        }

        // Back from an offset in the joined block to a line and column.
        var offset = startColumn + match.Index;
        var line = firstLine;
        while (offset > lines[line - 1].Length)
        {
            offset -= lines[line - 1].Length + 1;
            line++;
        }

        return new SourceSpan(from.File, line, offset + 1);
    }

    private string[]? Lines(string file)
    {
        if (!_files.TryGetValue(file, out var lines))
        {
            try
            {
                var bytes = source.ReadAllBytes(file);
                lines = bytes.Length > SourceText.MaxBytes
                    ? null
                    : new UTF8Encoding(false, false).GetString(bytes).TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                lines = null;
            }

            _files[file] = lines;
        }

        return lines;
    }
}
