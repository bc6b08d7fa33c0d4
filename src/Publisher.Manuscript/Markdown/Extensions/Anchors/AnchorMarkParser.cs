using Markdig.Helpers;
using Markdig.Parsers;

namespace Publisher.Manuscript.Markdown.Extensions.Anchors;

/// <summary>
/// Parses <c>word{#id}</c> into an <see cref="AnchorMarkInline"/> where it stands. With whitespace (or nothing)
/// before the brace, or anything but a single <c>#id</c> inside it, the parser declines and the brace is left to
/// Markdig's generic attributes, so <c># Title {#id .unnumbered}</c> keeps working.
/// </summary>
internal sealed class AnchorMarkParser : InlineParser
{
    /// <summary>Creates the parser; it starts at '{'.</summary>
    public AnchorMarkParser()
    {
        OpeningCharacters = ['{'];
    }

    /// <inheritdoc />
    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        // PeekCharExtra looks outside the slice; '\0' means the brace starts the block's text.
        var before = slice.PeekCharExtra(-1);
        if (before == '\0' || char.IsWhiteSpace(before) || slice.PeekChar() != '#')
        {
            return false;
        }

        var text = slice.Text;
        var start = slice.Start;
        var idStart = start + 2;
        var end = idStart;
        while (end <= slice.End && IsIdChar(text[end]))
        {
            end++;
        }

        if (end == idStart || end > slice.End || text[end] != '}')
        {
            return false;
        }

        var id = text[idStart..end];
        var position = processor.GetSourcePosition(start, out var line, out var column);
        processor.Inline = new AnchorMarkInline
        {
            Id = id,
            Span = new Markdig.Syntax.SourceSpan(position, position + (end - start)),
            Line = line,
            Column = column,
        };
        slice.Start = end + 1;
        return true;
    }

    // Wider than a valid id on purpose: the model builder reports a bad id with its position, which is kinder than
    // silently handing "{#1st}" to generic attributes, which would attach it to the whole paragraph.
    private static bool IsIdChar(char c) => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}
