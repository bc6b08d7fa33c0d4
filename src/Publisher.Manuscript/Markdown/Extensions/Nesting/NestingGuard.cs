using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Publisher.Manuscript.Markdown.Extensions.Nesting;

/// <summary>
/// Markdig checks its nesting limit (128) only after it has parsed every block, and its block parser does work
/// proportional to the nesting depth for each open container on each line: 800 nested list items take over a second,
/// 10,000 (a hostile file of a few hundred kilobytes) would take an hour. This parser stops the parse at the line
/// where the containers (quotes, lists, footnotes) first nest deeper than the limit, so the cost stays linear and the
/// error can name that line.
/// </summary>
internal sealed class NestingGuardParser : BlockParser
{
    /// <summary>The deepest nesting of containers allowed; Markdig's own limit for inlines (<c>MaximumNestingDepth</c>).</summary>
    public const int Limit = 128;

    public NestingGuardParser()
    {
        // The characters that open container blocks: quotes, bullet and ordered list items, footnote definitions.
        OpeningCharacters = ['>', '-', '+', '*', '[', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    }

    /// <inheritdoc />
    public override bool CanInterrupt(BlockProcessor processor, Block block) => true;

    /// <inheritdoc />
    public override BlockState TryOpen(BlockProcessor processor)
    {
        var depth = 0;
        for (Block? b = processor.CurrentContainer; b is not null; b = b.Parent)
        {
            if (++depth > Limit)
            {
                throw new MarkdownNestingException(processor.LineIndex + 1, processor.Column + 1);
            }
        }

        // Never opens anything: the parsers after it see the line as if it were not there.
        return BlockState.None;
    }
}

/// <summary>The nesting guard stopped the parse; <see cref="Line"/> and <see cref="Column"/> are 1-based.</summary>
internal sealed class MarkdownNestingException(int line, int column)
    : Exception($"quotes and lists are nested more than {NestingGuardParser.Limit} deep")
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

/// <summary>Puts the nesting guard in front of every other block parser.</summary>
internal sealed class NestingGuardExtension : IMarkdownExtension
{
    /// <inheritdoc />
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<NestingGuardParser>())
        {
            pipeline.BlockParsers.Insert(0, new NestingGuardParser());
        }
    }

    /// <inheritdoc />
    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        // Nothing to render.
    }
}
