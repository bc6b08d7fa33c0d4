using System.Net;

namespace Publisher.Manuscript.Markdown.Html;

/// <summary>What a piece of raw HTML is.</summary>
internal enum HtmlTokenKind
{
    /// <summary>Character data, entities decoded (raw for the content of script and style).</summary>
    Text,

    /// <summary>An opening tag, <c>&lt;name attr="v"&gt;</c> or <c>&lt;name/&gt;</c>.</summary>
    StartTag,

    /// <summary>A closing tag, <c>&lt;/name&gt;</c>.</summary>
    EndTag,

    /// <summary>A comment, a doctype, a processing instruction or CDATA: nothing a reader sees.</summary>
    Ignorable,
}

/// <summary>An attribute of a start tag, its name lower-cased and its value decoded.</summary>
internal sealed record HtmlAttribute(string Name, string Value);

/// <summary>One token of raw HTML and where it starts in the text that was tokenized.</summary>
internal sealed record HtmlToken(HtmlTokenKind Kind, int Offset, string Text, string Name, IReadOnlyList<HtmlAttribute> Attributes, bool SelfClosing)
{
    /// <summary>The value of attribute <paramref name="name"/>, or null.</summary>
    public string? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name)?.Value;
}

/// <summary>
/// A forgiving tokenizer for the raw HTML an author may write in Markdown: it never throws and never loses text. It is
/// not an HTML parser (no tree, no implied tags); it only tells text from tags so that the model builder can decide,
/// tag by tag, what to keep. Loosely after the tokenization states of HTML (WHATWG HTML §13.2.5): tag open, tag name,
/// attribute name and value (quoted or not), comment, and raw text for the elements whose content is not markup.
/// </summary>
internal static class HtmlTokenizer
{
    // Elements whose content is text up to their own end tag (HTML §13.1.2: raw text and escapable raw text).
    private static readonly HashSet<string> RawTextElements = new(StringComparer.Ordinal)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
    };

    /// <summary>Splits <paramref name="html"/> into tokens, in order, covering all of it.</summary>
    public static List<HtmlToken> Tokenize(string html)
    {
        var tokens = new List<HtmlToken>();
        var i = 0;
        var textStart = 0;
        while (i < html.Length)
        {
            if (html[i] != '<' || TryTag(html, i) is not { } tag)
            {
                i++;
                continue;
            }

            AddText(tokens, html, textStart, i);
            tokens.Add(tag.Token);
            i = tag.End;
            textStart = i;

            if (tag.Token.Kind == HtmlTokenKind.StartTag && !tag.Token.SelfClosing && RawTextElements.Contains(tag.Token.Name))
            {
                // Everything up to "</name" is the element's text, even if it looks like tags.
                var close = html.IndexOf("</" + tag.Token.Name, i, StringComparison.OrdinalIgnoreCase);
                var end = close < 0 ? html.Length : close;
                if (end > i)
                {
                    tokens.Add(new HtmlToken(HtmlTokenKind.Text, i, html[i..end], "", [], false));
                }

                i = end;
                textStart = i;
            }
        }

        AddText(tokens, html, textStart, html.Length);
        return tokens;
    }

    private static void AddText(List<HtmlToken> tokens, string html, int start, int end)
    {
        if (end > start)
        {
            tokens.Add(new HtmlToken(HtmlTokenKind.Text, start, WebUtility.HtmlDecode(html[start..end]), "", [], false));
        }
    }

    /// <summary>The tag (or comment, or declaration) starting at <paramref name="start"/>, or null when the '&lt;' is just text.</summary>
    private static (HtmlToken Token, int End)? TryTag(string s, int start)
    {
        var i = start + 1;
        if (i >= s.Length)
        {
            return null;
        }

        if (s[i] == '!' || s[i] == '?')
        {
            // "<!--" runs to "-->"; "<!DOCTYPE", "<![CDATA[" and "<?" to the next '>'. Unterminated: to the end.
            var isComment = string.CompareOrdinal(s, i, "!--", 0, 3) == 0;
            var close = isComment ? s.IndexOf("-->", i + 3, StringComparison.Ordinal) : s.IndexOf('>', i);
            var end = close < 0 ? s.Length : close + (isComment ? 3 : 1);
            return (new HtmlToken(HtmlTokenKind.Ignorable, start, s[start..end], "", [], false), end);
        }

        var closing = s[i] == '/';
        if (closing)
        {
            i++;
        }

        if (i >= s.Length || !char.IsAsciiLetter(s[i]))
        {
            return null;
        }

        var nameStart = i;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '-' or ':' or '_'))
        {
            i++;
        }

        var name = s[nameStart..i].ToLowerInvariant();
        var attributes = new List<HtmlAttribute>();
        var selfClosing = false;
        while (true)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            if (i >= s.Length)
            {
                // No '>': not a tag after all; the '<' stays text, as a browser would show it.
                return null;
            }

            if (s[i] == '>')
            {
                i++;
                break;
            }

            if (s[i] == '/')
            {
                selfClosing = i + 1 < s.Length && s[i + 1] == '>';
                i++;
                continue;
            }

            // An attribute name; a stray '=' here starts one (HTML §13.2.5.32), which also guarantees progress.
            var attrStart = i;
            if (s[i] == '=')
            {
                i++;
            }

            while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not ('=' or '>' or '/'))
            {
                i++;
            }

            var attrName = s[attrStart..i].ToLowerInvariant();
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            var value = "";
            if (i < s.Length && s[i] == '=')
            {
                i++;
                while (i < s.Length && char.IsWhiteSpace(s[i]))
                {
                    i++;
                }

                if (i < s.Length && s[i] is '"' or '\'')
                {
                    var quote = s[i];
                    var close = s.IndexOf(quote, i + 1);
                    if (close < 0)
                    {
                        return null;
                    }

                    value = s[(i + 1)..close];
                    i = close + 1;
                }
                else
                {
                    var valueStart = i;
                    while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '>')
                    {
                        i++;
                    }

                    value = s[valueStart..i];
                }
            }

            if (attrName.Length > 0 && !closing)
            {
                attributes.Add(new HtmlAttribute(attrName, WebUtility.HtmlDecode(value)));
            }
        }

        var kind = closing ? HtmlTokenKind.EndTag : HtmlTokenKind.StartTag;
        return (new HtmlToken(kind, start, s[start..i], name, attributes, selfClosing && !closing), i);
    }
}
