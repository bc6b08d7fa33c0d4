using System.Text.RegularExpressions;

namespace Publisher.Manuscript.Markdown;

/// <summary>Recognises the one piece of raw HTML the manuscript keeps: <c>&lt;a id="x"&gt;&lt;/a&gt;</c>, an anchor.</summary>
internal static partial class HtmlAnchor
{
    /// <summary>The id of an <c>&lt;a id="x"&gt;</c> (or <c>name="x"</c>) opening tag, else null.</summary>
    public static string? IdOf(string tag)
    {
        var match = AnchorTag().Match(tag);
        return match.Success ? match.Groups["id"].Value : null;
    }

    /// <summary>True for <c>&lt;/a&gt;</c>.</summary>
    public static bool IsClosingTag(string tag) => ClosingTag().IsMatch(tag);

    [GeneratedRegex("""^<a\s+(?:id|name)\s*=\s*(?:"(?<id>[^"]*)"|'(?<id>[^']*)')\s*/?>$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchorTag();

    [GeneratedRegex(@"^</a\s*>$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClosingTag();
}
