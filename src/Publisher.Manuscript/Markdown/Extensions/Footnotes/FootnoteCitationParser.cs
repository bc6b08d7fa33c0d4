using Markdig.Extensions.Footnotes;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Publisher.Manuscript.Markdown.Extensions.Footnotes;

/// <summary>
/// Reads <c>[^label]</c> as a citation of a defined note wherever it stands. Markdig has no parser of its own for
/// citations: a note's definition is a link reference definition labelled <c>^label</c>, so a citation is whatever its
/// link parser resolves to that label, and link syntax swallowed text around it. <c>[^a][^b]</c> was a full reference
/// link (text "^a", label "^b") that cited only b; <c>[sic][^a]</c> lost "[sic]"; <c>Wow![^a]</c> was an image that lost
/// the '!'; and <c>[^a][text](url)</c> or <c>[^a](1990)</c> was not a citation at all. Pandoc reads a citation before
/// any link, and so does this: it goes in front of Markdig's link parser, for the same three characters.
/// </summary>
internal sealed class FootnoteCitationParser : InlineParser
{
    private readonly LinkInlineParser _links;

    /// <summary>Creates the parser; <paramref name="links"/> is the pipeline's link parser, which closes a bracket before a citation.</summary>
    public FootnoteCitationParser(LinkInlineParser links)
    {
        _links = links;
        OpeningCharacters = ['[', '!', ']'];
    }

    /// <inheritdoc />
    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        switch (slice.CurrentChar)
        {
            case '[':
                return Cite(processor, ref slice);

            case '!' when CitationAt(processor, slice, slice.Start + 1, out _) is not null:
                // "Wow![^a]": the '!' is text, not the start of an image; the citation is read next.
                processor.Inline = Literal(processor, slice.Start, "!");
                slice.SkipChar();
                return true;

            case ']' when CitationAt(processor, slice, slice.Start + 1, out _) is not null:
                return CloseBeforeCitation(processor, ref slice);

            default:
                return false;
        }
    }

    /// <summary>Reads <c>[^label]</c> at the slice's start when the label names a defined note.</summary>
    private static bool Cite(InlineProcessor processor, ref StringSlice slice)
    {
        // The footnote extension's own factory makes the citation, so Markdig's bookkeeping of the note is as for a
        // citation it read itself.
        if (CitationAt(processor, slice, slice.Start, out var end) is not { CreateLinkInline: { } create } definition ||
            create(processor, definition, null) is not { } link)
        {
            return false;
        }

        var start = processor.GetSourcePosition(slice.Start, out var line, out var column);
        link.Span = new SourceSpan(start, start + (end - slice.Start));
        link.Line = line;
        link.Column = column;
        link.IsClosed = true;

        // A citation is a link in both outputs (to its note), so, as after any link, no bracket opened before it may
        // become a link around it: "[see [^a]](url)" stays text with a citation, never a link inside a link.
        for (var open = processor.Inline; open is not null; open = open.Parent)
        {
            if (open is LinkDelimiterInline delimiter)
            {
                if (delimiter.IsImage)
                {
                    break;
                }

                delimiter.IsActive = false;
            }
        }

        processor.Inline = link;
        slice.Start = end + 1;
        return true;
    }

    /// <summary>
    /// A ']' straight before a citation: the link parser would read the citation as the label of a full reference
    /// link and drop the bracketed text. A note takes no link text, so the bracket is closed as though nothing
    /// followed it: a shortcut link when its text is a defined link label, else text.
    /// </summary>
    private bool CloseBeforeCitation(InlineProcessor processor, ref StringSlice slice)
    {
        var bounded = slice;
        bounded.End = slice.Start;
        if (_links.Match(processor, ref bounded))
        {
            slice.Start = bounded.Start;
            return true;
        }

        // Not a link. The ']' is text, taken here: declining would hand it back to the link parser, which would look
        // past it again.
        processor.Inline = Literal(processor, slice.Start, "]");
        slice.SkipChar();
        return true;
    }

    /// <summary>
    /// The definition of the note cited by a <c>[^label]</c> that starts at <paramref name="at"/>, with
    /// <paramref name="end"/> the index of its ']'; null when there is none there, or its note is not defined. Only
    /// plain labels (no spaces or brackets) are read, as the model builder's check for undefined citations reads them.
    /// </summary>
    private static FootnoteLinkReferenceDefinition? CitationAt(InlineProcessor processor, StringSlice slice, int at, out int end)
    {
        end = -1;
        var text = slice.Text;
        if (at + 3 > slice.End || text[at] != '[' || text[at + 1] != '^')
        {
            return null;
        }

        var i = at + 2;
        while (i <= slice.End && text[i] is not (']' or '[') && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i == at + 2 || i > slice.End || text[i] != ']')
        {
            return null;
        }

        end = i;
        return processor.Document.TryGetLinkReferenceDefinition(text[(at + 1)..i], out var definition) ? definition as FootnoteLinkReferenceDefinition : null;
    }

    private static LiteralInline Literal(InlineProcessor processor, int at, string text)
    {
        var position = processor.GetSourcePosition(at, out var line, out var column);
        return new LiteralInline(text) { Span = new SourceSpan(position, position), Line = line, Column = column, IsClosed = true };
    }
}
