using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Publisher.TestKit.Epub;

/// <summary>
/// The visible text of an XHTML body: block elements on their own lines, whitespace collapsed as a browser would
/// (except in <c>pre</c>), table cells separated by a tab, and elements with <c>hidden</c> left out. Footnote asides
/// are included: they are text of the book even where a reading system shows them as pop-ups.
/// </summary>
public static partial class XhtmlText
{
    private static readonly HashSet<string> Blocks =
    [
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "nav", "ol", "p", "pre", "section",
        "table", "tbody", "thead", "tfoot", "tr", "ul",
    ];

    /// <summary>The visible text of <paramref name="doc"/>'s body.</summary>
    public static string Of(XDocument doc)
    {
        var body = doc.Root?.Element(EpubReader.Xhtml + "body");
        if (body is null)
        {
            return "";
        }

        var sb = new StringBuilder();
        Append(sb, body, inPre: false);
        var lines = sb.ToString().Split('\n').Select(l => l.Trim(' ')).Where(l => l.Length > 0);
        return string.Join("\n", lines);
    }

    /// <summary>Collapses runs of whitespace to one space and trims.</summary>
    public static string Collapse(string s) => Whitespace().Replace(s, " ").Trim();

    private static void Append(StringBuilder sb, XElement element, bool inPre)
    {
        var name = element.Name.LocalName;
        if (element.Attribute("hidden") is not null || name is "script" or "style" or "head")
        {
            return;
        }

        var block = Blocks.Contains(name);
        if (block)
        {
            sb.Append('\n');
        }

        if (name == "br")
        {
            sb.Append('\n');
        }

        if (name is "td" or "th" && element.ElementsBeforeSelf().Any())
        {
            sb.Append('\t');
        }

        inPre |= name == "pre";
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText t:
                    sb.Append(inPre ? t.Value : Whitespace().Replace(t.Value, " "));
                    break;
                case XElement e:
                    Append(sb, e, inPre);
                    break;
            }
        }

        if (block)
        {
            sb.Append('\n');
        }
    }

    [GeneratedRegex(@"[ \t\r\n]+")]
    private static partial Regex Whitespace();
}
