namespace Publisher.Manuscript.Markdown.Html;

/// <summary>What the model builder does with an HTML element.</summary>
internal enum HtmlRole
{
    /// <summary>No equivalent in the book model: the tag goes, its content stays (with a warning).</summary>
    Unsupported,

    /// <summary>Italic: <c>em</c>, <c>i</c>, <c>cite</c>, <c>dfn</c>, <c>var</c>.</summary>
    Emphasis,

    /// <summary>Bold: <c>strong</c>, <c>b</c>.</summary>
    Strong,

    /// <summary>Inline code: <c>code</c>, <c>kbd</c>, <c>samp</c>, <c>tt</c>.</summary>
    Code,

    /// <summary>Struck-through text: <c>del</c>, <c>s</c>, <c>strike</c>.</summary>
    Strike,

    /// <summary>Subscript: <c>sub</c>.</summary>
    Subscript,

    /// <summary>Superscript: <c>sup</c>.</summary>
    Superscript,

    /// <summary>A forced line break: <c>br</c>.</summary>
    LineBreak,

    /// <summary>A link or an anchor: <c>a</c>.</summary>
    Link,

    /// <summary>A span: small capitals with a <c>smallcaps</c> class, otherwise nothing (its text stays, silently).</summary>
    Span,

    /// <summary>An image: its alt text stays, as for Markdown images.</summary>
    Image,

    /// <summary>A block that only groups text (p, div, li, h1, td...): in an HTML block it ends a paragraph.</summary>
    Block,

    /// <summary>A thematic break: <c>hr</c>, a scene break.</summary>
    Rule,

    /// <summary>Preformatted text: <c>pre</c>, a code block.</summary>
    Preformatted,

    /// <summary>Active or foreign content (script, style, iframe, object, embed...): removed with everything inside it.</summary>
    Removed,
}

/// <summary>
/// Which raw HTML the manuscript keeps, and how (the decision is recorded in DiagnosticCodes and the README): no raw
/// HTML reaches a writer. Known-safe tags map to the model's own nodes, so both outputs render them; active content is
/// removed with its content and a warning naming the place; anything else loses its tag and keeps its text.
/// </summary>
internal static class HtmlPolicy
{
    private static readonly Dictionary<string, HtmlRole> Roles = new(StringComparer.Ordinal)
    {
        ["em"] = HtmlRole.Emphasis, ["i"] = HtmlRole.Emphasis, ["cite"] = HtmlRole.Emphasis, ["dfn"] = HtmlRole.Emphasis, ["var"] = HtmlRole.Emphasis,
        ["strong"] = HtmlRole.Strong, ["b"] = HtmlRole.Strong,
        ["del"] = HtmlRole.Strike, ["s"] = HtmlRole.Strike, ["strike"] = HtmlRole.Strike,
        ["sub"] = HtmlRole.Subscript, ["sup"] = HtmlRole.Superscript,
        ["code"] = HtmlRole.Code, ["kbd"] = HtmlRole.Code, ["samp"] = HtmlRole.Code, ["tt"] = HtmlRole.Code,
        ["br"] = HtmlRole.LineBreak,
        ["a"] = HtmlRole.Link,
        ["span"] = HtmlRole.Span,
        ["img"] = HtmlRole.Image,
        ["hr"] = HtmlRole.Rule,
        ["pre"] = HtmlRole.Preformatted, ["listing"] = HtmlRole.Preformatted, ["xmp"] = HtmlRole.Preformatted, ["plaintext"] = HtmlRole.Preformatted,

        // Scripts and what can carry or load them, styles (which could hide or restyle the book's text), embedded
        // documents and plug-ins, document-level elements, and foreign XML (SVG and MathML can hold scripts; the
        // model has no node for them).
        ["script"] = HtmlRole.Removed, ["noscript"] = HtmlRole.Removed, ["template"] = HtmlRole.Removed,
        ["style"] = HtmlRole.Removed, ["link"] = HtmlRole.Removed, ["meta"] = HtmlRole.Removed, ["base"] = HtmlRole.Removed,
        ["iframe"] = HtmlRole.Removed, ["frame"] = HtmlRole.Removed, ["frameset"] = HtmlRole.Removed, ["noframes"] = HtmlRole.Removed,
        ["object"] = HtmlRole.Removed, ["embed"] = HtmlRole.Removed, ["applet"] = HtmlRole.Removed, ["param"] = HtmlRole.Removed, ["noembed"] = HtmlRole.Removed,
        ["svg"] = HtmlRole.Removed, ["math"] = HtmlRole.Removed,
        ["form"] = HtmlRole.Removed, ["input"] = HtmlRole.Removed, ["button"] = HtmlRole.Removed, ["select"] = HtmlRole.Removed, ["textarea"] = HtmlRole.Removed,
        ["audio"] = HtmlRole.Removed, ["video"] = HtmlRole.Removed, ["source"] = HtmlRole.Removed, ["track"] = HtmlRole.Removed, ["canvas"] = HtmlRole.Removed,
        ["title"] = HtmlRole.Removed, ["head"] = HtmlRole.Removed,
    };

    // Elements that group flow content: in an HTML block each one starts a new paragraph.
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "aside", "header", "footer", "main", "nav", "address", "center", "blockquote",
        "figure", "figcaption", "details", "summary", "ul", "ol", "li", "dl", "dt", "dd", "menu",
        "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
        "html", "body", "fieldset", "legend", "dialog",
    };

    // Elements that never have content or an end tag (HTML §13.1.2 void elements).
    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    /// <summary>What to do with element <paramref name="name"/> (lower case).</summary>
    public static HtmlRole RoleOf(string name) =>
        Roles.TryGetValue(name, out var role) ? role : Blocks.Contains(name) ? HtmlRole.Block : HtmlRole.Unsupported;

    /// <summary>True for elements that have no content and no end tag.</summary>
    public static bool IsVoid(string name) => Void.Contains(name);

    /// <summary>True for an event-handler attribute (<c>onclick</c>, <c>onerror</c>...), which runs script.</summary>
    public static bool IsEventHandler(string attribute) => attribute.StartsWith("on", StringComparison.Ordinal) && attribute.Length > 2;

    /// <summary>True for a class list that asks for small capitals.</summary>
    public static bool IsSmallCaps(string? classes) =>
        (classes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(c => c is "smallcaps" or "small-caps" or "sc");

    /// <summary>
    /// True for a URL that runs code or smuggles a document instead of pointing somewhere: <c>javascript:</c>,
    /// <c>vbscript:</c> and <c>data:</c>. Browsers ignore ASCII whitespace and control characters inside a scheme
    /// (<c>java&#9;script:</c>) and its case, so the check does too (WHATWG URL §4.4, "scheme state").
    /// </summary>
    public static bool IsUnsafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }

        var scheme = new System.Text.StringBuilder();
        foreach (var c in url)
        {
            if (c == ':')
            {
                break;
            }

            if (c <= ' ')
            {
                continue;
            }

            scheme.Append(char.ToLowerInvariant(c));
            if (scheme.Length > 16)
            {
                return false;
            }
        }

        return scheme.ToString() is "javascript" or "vbscript" or "data" && url.Contains(':', StringComparison.Ordinal);
    }
}
