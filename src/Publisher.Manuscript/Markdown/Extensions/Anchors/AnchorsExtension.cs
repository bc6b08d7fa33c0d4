using Markdig;
using Markdig.Extensions.GenericAttributes;
using Markdig.Renderers;

namespace Publisher.Manuscript.Markdown.Extensions.Anchors;

/// <summary>Adds <c>word{#id}</c> anchor marks (see <see cref="AnchorMarkParser"/>).</summary>
internal sealed class AnchorsExtension : IMarkdownExtension
{
    /// <inheritdoc />
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (pipeline.InlineParsers.Contains<AnchorMarkParser>())
        {
            return;
        }

        // Must come BEFORE GenericAttributesParser: both open at '{', Markdig tries the parsers of a character in
        // list order, and generic attributes would attach "word{#id}" to the whole paragraph, losing where in the
        // text the anchor was. Hence UseAnchors() is called after UseGenericAttributes(), so the latter is already
        // in the list to insert before; without it the anchor parser simply goes first.
        if (!pipeline.InlineParsers.InsertBefore<GenericAttributesParser>(new AnchorMarkParser()))
        {
            pipeline.InlineParsers.Insert(0, new AnchorMarkParser());
        }
    }

    /// <inheritdoc />
    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        // Nothing to render: the manuscript loader reads the syntax tree, never Markdig's HTML.
    }
}

/// <summary>The <c>Use...</c> method for the anchors extension, in Markdig's style.</summary>
internal static class AnchorsPipelineExtensions
{
    /// <summary>Adds anchor marks; call after <c>UseGenericAttributes()</c>.</summary>
    public static MarkdownPipelineBuilder UseAnchors(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<AnchorsExtension>();
        return pipeline;
    }
}
