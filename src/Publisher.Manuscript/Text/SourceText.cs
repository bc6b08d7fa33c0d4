using System.Buffers;
using System.Text;
using Publisher.Model;

namespace Publisher.Manuscript.Text;

/// <summary>
/// Turns a file's bytes into the text the parsers see: UTF-8 (with or without a BOM) only, newlines as LF, and no
/// control characters other than tab and newline. Every problem becomes a diagnostic with a line and column.
/// </summary>
internal static class SourceText
{
    /// <summary>
    /// The largest chapter or <c>book.yml</c> read (16 MiB): four times the King James Bible, and small enough that
    /// parsing and setting it stay within memory and minutes.
    /// </summary>
    public const int MaxBytes = 16 << 20;

    /// <summary>Reads and decodes a file; null (with an error in <paramref name="diagnostics"/>) when that fails.</summary>
    public static string? Read(IBookSource source, string path, DiagnosticBag diagnostics) =>
        ReadBytes(source, path, diagnostics) is { } bytes ? Decode(bytes, source.Display(path), diagnostics) : null;

    /// <summary>The file's bytes, or null after an error (unreadable, or larger than a chapter may be).</summary>
    public static byte[]? ReadBytes(IBookSource source, string path, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        try
        {
            bytes = source.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(DiagnosticCodes.UnreadableFile, $"cannot read the file: {e.Message}", new SourceSpan(source.Display(path)));
            return null;
        }

        if (bytes.Length > MaxBytes)
        {
            diagnostics.Error(DiagnosticCodes.FileTooLarge, FormattableString.Invariant($"the file is {bytes.Length / (1024.0 * 1024):0.0} MiB; a chapter may be at most {MaxBytes >> 20} MiB"),
                new SourceSpan(source.Display(path)), "split it into several chapters");
            return null;
        }

        return bytes;
    }

    /// <summary>Decodes bytes that came from the file shown as <paramref name="display"/>.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string display, DiagnosticBag diagnostics)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            ReportInvalidUtf8(bytes, display, diagnostics);
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes);
        text = NormaliseNewlines(text);
        return StripControlCharacters(text, display, diagnostics);
    }

    private static string NormaliseNewlines(string text) =>
        text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;

    private static string StripControlCharacters(string text, string display, DiagnosticBag diagnostics)
    {
        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnwanted(text[i]))
            {
                firstBad = i;
                break;
            }
        }

        if (firstBad < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var removed = 0;
        foreach (var c in text)
        {
            if (IsUnwanted(c))
            {
                removed++;
            }
            else
            {
                sb.Append(c);
            }
        }

        var (line, column) = LineAndColumn(text.AsSpan(0, firstBad));
        var code = ((int)text[firstBad]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
        var what = removed == 1 ? "a control character" : $"{removed} control characters";
        diagnostics.Warning(
            DiagnosticCodes.ControlCharacters,
            $"removed {what} (the first is U+{code})",
            new SourceSpan(display, line, column));
        return sb.ToString();
    }

    // Tab and newline are text; CR is gone by now; everything else in Cc (C0, DEL, C1) is invisible and would
    // reach the typesetter as a glyph the font does not have.
    private static bool IsUnwanted(char c) => c != '\t' && c != '\n' && char.IsControl(c);

    private static void ReportInvalidUtf8(ReadOnlySpan<byte> bytes, string display, DiagnosticBag diagnostics)
    {
        var index = 0;
        while (index < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[index..], out _, out var consumed);
            if (status != OperationStatus.Done)
            {
                break;
            }

            index += consumed;
        }

        // The valid prefix decodes cleanly, so the position can be counted in characters as the Markdown spans are.
        var prefix = NormaliseNewlines(Encoding.UTF8.GetString(bytes[..index]));
        var (line, column) = LineAndColumn(prefix);
        var hint = bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            ? "the file looks like UTF-16; save it as UTF-8"
            : "save the file as UTF-8";
        var bad = bytes[index].ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
        diagnostics.Error(DiagnosticCodes.InvalidUtf8, $"the file is not valid UTF-8 (byte 0x{bad})", new SourceSpan(display, line, column), hint);
    }

    /// <summary>The 1-based line and column just after <paramref name="prefix"/>.</summary>
    private static (int Line, int Column) LineAndColumn(ReadOnlySpan<char> prefix)
    {
        var line = 1 + prefix.Count('\n');
        var lastNewline = prefix.LastIndexOf('\n');
        return (line, prefix.Length - lastNewline);
    }
}
