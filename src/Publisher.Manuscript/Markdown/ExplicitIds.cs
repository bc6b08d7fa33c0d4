using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Publisher.Manuscript.Markdown.Extensions.Anchors;
using Publisher.Manuscript.Markdown.Html;

namespace Publisher.Manuscript.Markdown;

/// <summary>Finds the ids an author wrote in a file, so they can be reserved before any id is generated.</summary>
internal static class ExplicitIds
{
    /// <summary>Ids from <c>{#id}</c> attributes, anchor marks and <c>&lt;a id&gt;</c> tags, in no particular order.</summary>
    public static IEnumerable<string> In(MarkdownDocument document)
    {
        foreach (var node in document.Descendants())
        {
            if (node.TryGetAttributes()?.Id is { Length: > 0 } attributeId)
            {
                yield return attributeId;
            }

            if (node is AnchorMarkInline mark)
            {
                yield return mark.Id;
            }
            else if (node is HtmlInline html)
            {
                foreach (var tag in HtmlTokenizer.Tokenize(html.Tag ?? "").Where(t => t.Kind == HtmlTokenKind.StartTag && t.Name == "a"))
                {
                    if ((tag.Attribute("id") ?? tag.Attribute("name")) is { Length: > 0 } htmlId)
                    {
                        yield return htmlId;
                    }
                }
            }
        }
    }
}
