using System.Text.RegularExpressions;
using Publisher.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Publisher.Yaml;

/// <summary>The diagnostic codes one kind of YAML file reports its reading problems under (each stage keeps its own).</summary>
/// <param name="Syntax">The text is not YAML.</param>
/// <param name="TooComplex">Anchors, aliases, or more text or nodes than such a file can plausibly need.</param>
/// <param name="Shape">More than one document.</param>
public sealed record YamlCodes(string Syntax, string TooComplex, string Shape);

/// <summary>
/// The one YAML front end: every YAML file Publisher reads (<c>book.yml</c>, <c>style.yml</c>) goes through
/// <see cref="Load"/>, so each gets the same guards and its errors the same words at line:col.
/// </summary>
/// <remarks>
/// The guards run on YamlDotNet's event stream before the representation model is built: a "billion laughs" file
/// nests aliases so that walking the loaded graph never ends, and neither file has any use for anchors. Text and
/// node counts are capped so that a mistaken or hostile file costs bounded work. Positions are YamlDotNet's marks,
/// which are 1-based already.
/// </remarks>
public static partial class YamlFile
{
    /// <summary>Most characters a configuration file may hold: a book.yml or style.yml is a few KiB.</summary>
    public const int MaxChars = 1 << 20;

    /// <summary>Most YAML events (nodes, roughly) a file may hold: either file is a few hundred.</summary>
    public const int MaxEvents = 20_000;

    /// <summary>
    /// Reads <paramref name="text"/> (a file shown as <paramref name="display"/>, named <paramref name="name"/> in
    /// messages) into its single document's root node. False, with the problem reported, when the text is not YAML,
    /// breaks a guard or holds several documents; true with a null root when it holds no document at all.
    /// </summary>
    public static bool Load(string text, string display, string name, YamlCodes codes, DiagnosticBag diagnostics, out YamlNode? root)
    {
        root = null;
        SourceSpan At(Mark mark) => new(display, (int)mark.Line, (int)mark.Column);
        text = text.TrimStart('\uFEFF');
        if (text.Length > MaxChars)
        {
            diagnostics.Error(codes.TooComplex, $"{name} is too large ({text.Length / 1024} KiB; at most {MaxChars / 1024} KiB)", new SourceSpan(display));
            return false;
        }

        var stream = new YamlStream();
        try
        {
            if (!IsSimpleEnough(text, name, codes, diagnostics, At))
            {
                return false;
            }

            stream.Load(new StringReader(text));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException && YamlMarks.Unclosed(text, e) is var (at, message, hint))
        {
            // Reported at the bracket: YamlDotNet names where it gave up, often the line after.
            diagnostics.Error(codes.Syntax, message, At(at), hint);
            return false;
        }
        catch (YamlException e)
        {
            diagnostics.Error(codes.Syntax, CleanMessage(e.Message), At(e.Start));
            return false;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed flow collections: point at
            // the last token it could still read.
            diagnostics.Error(codes.Syntax, "YAML syntax error: malformed value after this point (an unclosed '[' or '{'?)", At(YamlMarks.LastGood(text)));
            return false;
        }

        if (stream.Documents.Count > 1)
        {
            diagnostics.Error(codes.Shape, $"{name} holds more than one YAML document", At(stream.Documents[1].RootNode.Start),
                "remove the '---' line that starts the second document");
            return false;
        }

        root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        return true;
    }

    private static bool IsSimpleEnough(string text, string name, YamlCodes codes, DiagnosticBag diagnostics, Func<Mark, SourceSpan> at)
    {
        var parser = new Parser(new StringReader(text));
        var events = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            if (current is AnchorAlias alias)
            {
                diagnostics.Error(codes.TooComplex, $"{name} may not use YAML aliases ('*{alias.Value}')", at(alias.Start), "write the value out in full");
                return false;
            }

            if (current is NodeEvent node && !node.Anchor.IsEmpty)
            {
                diagnostics.Error(codes.TooComplex, $"{name} may not use YAML anchors ('&{node.Anchor}')", at(node.Start), "remove the anchor");
                return false;
            }

            if (++events > MaxEvents)
            {
                diagnostics.Error(codes.TooComplex, $"{name} is too large (more than {MaxEvents} YAML nodes)", at(current.Start));
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// YamlDotNet's messages start with a capital, end with a full stop and sometimes repeat the position, which
    /// our own prefix already gives.
    /// </summary>
    internal static string CleanMessage(string message)
    {
        message = PositionPrefix().Replace(message, "").Trim();
        var duplicate = DuplicateKey().Match(message);
        if (duplicate.Success)
        {
            return $"the key '{duplicate.Groups[1].Value}' is given twice";
        }

        message = message.TrimEnd('.');
        if (message.Length > 1 && char.IsUpper(message[0]) && !char.IsUpper(message[1]))
        {
            message = char.ToLowerInvariant(message[0]) + message[1..];
        }

        return $"YAML syntax error: {(message.Length == 0 ? "malformed" : message)}";
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*", RegexOptions.CultureInvariant)]
    private static partial Regex PositionPrefix();

    [GeneratedRegex(@"^Duplicate key (.+?)\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex DuplicateKey();
}
