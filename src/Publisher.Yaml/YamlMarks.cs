using YamlDotNet.Core;

namespace Publisher.Yaml;

/// <summary>
/// Where the last well-formed YAML token starts. YamlDotNet's scanner throws InvalidOperationException, with no
/// position, on some malformed flow collections ("authors: [one, two" with no closing bracket); this gives the
/// error a place to point at.
/// </summary>
internal static class YamlMarks
{
    public static Mark LastGood(string text)
    {
        var scanner = new Scanner(new StringReader(text));
        var last = new Mark(0, 1, 1);
        try
        {
            while (scanner.MoveNext())
            {
                last = scanner.Current!.Start;
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Stop at the first token that cannot be read.
        }

        return last;
    }

    /// <summary>
    /// For an error about an unclosed flow collection (YamlDotNet's "while parsing a flow …", or the position-less
    /// InvalidOperationException its scanner throws), the bracket's place, a message and a hint; otherwise null.
    /// </summary>
    public static (Mark At, string Message, string Hint)? Unclosed(string text, Exception error)
    {
        var flow = error is InvalidOperationException
            || (error is YamlException && error.Message.Contains("parsing a flow", StringComparison.OrdinalIgnoreCase));
        if (!flow || UnclosedFlow(text) is not var (at, bracket))
        {
            return null;
        }

        var (closing, what) = bracket == '[' ? (']', "list") : ('}', "mapping");
        return (at, $"YAML syntax error: this '{bracket}' is never closed", $"close it with '{closing}' where the {what} ends");
    }

    /// <summary>
    /// Where the innermost '[' or '{' that is never closed opens, or null. YamlDotNet reports an unclosed flow
    /// collection where it gave up (often the next line), not where the bracket is; the author needs the bracket.
    /// </summary>
    public static (Mark At, char Bracket)? UnclosedFlow(string text)
    {
        var scanner = new Scanner(new StringReader(text));
        var open = new Stack<(Mark, char)>();
        try
        {
            while (scanner.MoveNext())
            {
                switch (scanner.Current)
                {
                    case YamlDotNet.Core.Tokens.FlowSequenceStart t:
                        open.Push((t.Start, '['));
                        break;
                    case YamlDotNet.Core.Tokens.FlowMappingStart t:
                        open.Push((t.Start, '{'));
                        break;
                    case YamlDotNet.Core.Tokens.FlowSequenceEnd or YamlDotNet.Core.Tokens.FlowMappingEnd when open.Count > 0:
                        open.Pop();
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // The brackets still open where the scanner stopped are the ones to name.
        }

        return open.Count > 0 ? open.Peek() : null;
    }
}
