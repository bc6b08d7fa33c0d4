using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Publisher.Manuscript.Markdown.Extensions.Anchors;

/// <summary>
/// Markdig's generic attributes read a heading's <c>{...}</c> from the line's first '{' and cut the line there, so in
/// <c>## The word{#mark} goes on</c> everything after the anchor mark was silently lost from the heading (found by the
/// fuzzer). Attributes belong to a heading only at its end (Pandoc's rule for header attributes): this wraps Markdig's
/// handler so it sees only a trailing <c>{...}</c>, and a mark inside the heading stays an anchor mark in its text.
/// </summary>
internal sealed class HeadingAttributesExtension : IMarkdownExtension
{
    /// <inheritdoc />
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (pipeline.BlockParsers.Find<HeadingBlockParser>() is not { TryParseAttributes: { } original } parser)
        {
            return;
        }

        parser.TryParseAttributes = (BlockProcessor processor, ref StringSlice line, IBlock block) =>
        {
            var text = line.Text;
            var end = line.End;
            while (end >= line.Start && char.IsWhiteSpace(text[end]))
            {
                end--;
            }

            if (end < line.Start || text[end] != '}')
            {
                return false;
            }

            var open = text.LastIndexOf('{', end, end - line.Start + 1);
            if (open < line.Start)
            {
                return false;
            }

            var tail = line;
            tail.Start = open;
            if (!original(processor, ref tail, block))
            {
                return false;
            }

            // Markdig ends the line just before the '{' it parsed from.
            line.End = tail.End;
            return true;
        };
    }

    /// <inheritdoc />
    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        // Nothing to render.
    }
}
