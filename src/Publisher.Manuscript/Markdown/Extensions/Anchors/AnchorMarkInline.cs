using Markdig.Syntax.Inlines;

namespace Publisher.Manuscript.Markdown.Extensions.Anchors;

/// <summary>An anchor mark, <c>{#id}</c> written straight after a word: a point in the text that can be referenced.</summary>
internal sealed class AnchorMarkInline : LeafInline
{
    /// <summary>The id, without the '#'.</summary>
    public required string Id { get; init; }
}
