using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;

namespace Publisher.Manuscript.Markdown.Extensions.Footnotes;

/// <summary>Reads every <c>[^label]</c> of a defined note as its citation (see <see cref="FootnoteCitationParser"/>).</summary>
internal sealed class FootnoteCitationsExtension : IMarkdownExtension
{
    /// <inheritdoc />
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (pipeline.InlineParsers.Contains<FootnoteCitationParser>() || pipeline.InlineParsers.Find<LinkInlineParser>() is not { } links)
        {
            return;
        }

        // Must come BEFORE LinkInlineParser: Markdig tries the parsers of a character in list order, and the link
        // parser would read "[^a][^b]" as one link.
        pipeline.InlineParsers.InsertBefore<LinkInlineParser>(new FootnoteCitationParser(links));
    }

    /// <inheritdoc />
    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        // Nothing to render: the manuscript loader reads the syntax tree, never Markdig's HTML.
    }
}

/// <summary>The <c>Use...</c> method for the citations extension, in Markdig's style.</summary>
internal static class FootnoteCitationsPipelineExtensions
{
    /// <summary>Reads citations before links; call after <c>UseFootnotes()</c>.</summary>
    public static MarkdownPipelineBuilder UseFootnoteCitations(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<FootnoteCitationsExtension>();
        return pipeline;
    }
}
