using Markdig;
using Publisher.Manuscript.Markdown.Extensions.Anchors;
using Publisher.Manuscript.Markdown.Extensions.Footnotes;
using Publisher.Manuscript.Markdown.Extensions.Nesting;

namespace Publisher.Manuscript.Markdown;

/// <summary>The one Markdig pipeline the manuscript is read with: immutable and thread-safe, so built once.</summary>
internal static class PipelineFactory
{
    /// <summary>CommonMark plus footnotes (each citation read before links), pipe tables, strikethrough, sub- and superscript, smart punctuation, generic attributes, anchor marks and a nesting guard.</summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UseFootnotes()
        // Citations are read before links, so a citation next to brackets stays a citation (FootnoteCitationParser).
        .UseFootnoteCitations()
        .UsePipeTables()
        // ~~strike~~, H~2~O and x^2^, as Pandoc reads them. Emphasis rules apply, so a lone "~5 km" stays text.
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough
            | Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Subscript
            | Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Superscript)
        .UseSmartyPants()
        // Generic attributes hook into the block parsers present when it is set up, so it goes after them...
        .UseGenericAttributes()
        // ...and the anchors must be set up after it, to insert their parser in front of its (see AnchorsExtension).
        .UseAnchors()
        // After generic attributes, whose heading handler it wraps.
        .Use<HeadingAttributesExtension>()
        // Last, so that it goes in front of every block parser the others added.
        .Use<NestingGuardExtension>()
        .Build();
}
