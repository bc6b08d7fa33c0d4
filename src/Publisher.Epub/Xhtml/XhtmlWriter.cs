using System.Text;
using System.Xml;

namespace Publisher.Epub.Xhtml;

/// <summary>
/// A thin layer over <see cref="XmlWriter"/> for XHTML content documents (EPUB 3.3 §6.1): every text and attribute
/// value goes through the XmlWriter's escaping, after <see cref="XmlText.Clean"/> has removed what XML cannot hold.
/// </summary>
/// <remarks>
/// Indentation is off because XmlWriter would put whitespace between inline siblings (<c>&lt;em&gt;a&lt;/em&gt;
/// &lt;strong&gt;</c>), which changes the text; <see cref="Line"/> adds a newline only between blocks, where it is
/// insignificant. Non-void elements are always closed with an end tag (<c>&lt;span id="x"&gt;&lt;/span&gt;</c>), which
/// is both well-formed XML and safe for reading systems that parse as HTML.
/// </remarks>
internal sealed class XhtmlWriter : IDisposable
{
    /// <summary>The XHTML namespace.</summary>
    public const string XhtmlNs = "http://www.w3.org/1999/xhtml";

    /// <summary>The EPUB structural semantics namespace for <c>epub:type</c> (EPUB 3.3 §C.2).</summary>
    public const string OpsNs = "http://www.idpf.org/2007/ops";

    private readonly MemoryStream _buffer = new();
    private readonly XmlWriter _xml;

    /// <summary>Starts a document: XML declaration, <c>&lt;!DOCTYPE html&gt;</c>, and the <c>html</c>/<c>head</c> elements.</summary>
    public XhtmlWriter(string language, string title, string stylesheetHref)
    {
        var settings = Settings();
        settings.OmitXmlDeclaration = true;
        _xml = XmlWriter.Create(_buffer, settings);
        // EPUB 3.3 §6.1.2 (XHTML content documents) wants the XML syntax of HTML: an XML declaration and the HTML
        // doctype. XmlWriter.WriteDocType would write "<!DOCTYPE html >", so both are written as they should read.
        _xml.WriteRaw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html>\n");
        _xml.WriteStartElement("html", XhtmlNs);
        _xml.WriteAttributeString("xmlns", "epub", null, OpsNs);

        // HTML's lang rules for the XML syntax (EPUB 3.3 §6.1.2 defers to HTML): both, lang for HTML parsers and
        // xml:lang for XML ones, with the same value.
        _xml.WriteAttributeString("xml", "lang", null, language);
        _xml.WriteAttributeString("lang", language);
        Line();
        Open("head");
        Line();
        Element("title", title);
        Line();
        Open("link");
        Attr("rel", "stylesheet");
        Attr("type", "text/css");
        Attr("href", stylesheetHref);
        CloseVoid();
        Line();
        Close();
        Line();
    }

    /// <summary>True once any text had characters removed because XML cannot carry them.</summary>
    public bool RemovedInvalidCharacters { get; private set; }

    /// <summary>Settings shared by every XML file we write: UTF-8 without BOM, LF newlines, no indentation.</summary>
    public static XmlWriterSettings Settings(bool indent = false) => new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = indent,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
        CloseOutput = false,
    };

    /// <summary>Opens an XHTML element.</summary>
    public void Open(string name) => _xml.WriteStartElement(name, XhtmlNs);

    /// <summary>Adds an attribute to the open element; a null value adds nothing.</summary>
    public void Attr(string name, string? value)
    {
        if (value is not null)
        {
            _xml.WriteAttributeString(name, Clean(value));
        }
    }

    /// <summary>Adds <c>epub:type</c> (EPUB 3.3 §6.1.3.1 and §C.2, structural semantics).</summary>
    public void EpubType(string? value)
    {
        if (value is not null)
        {
            _xml.WriteAttributeString("epub", "type", OpsNs, value);
        }
    }

    /// <summary>Closes the open element with an end tag, even when it is empty.</summary>
    public void Close() => _xml.WriteFullEndElement();

    /// <summary>Closes a void element (<c>br</c>, <c>hr</c>, <c>link</c>) as <c>&lt;br/&gt;</c>.</summary>
    public void CloseVoid() => _xml.WriteEndElement();

    /// <summary>Writes escaped text.</summary>
    public void Text(string? text)
    {
        var clean = Clean(text);
        if (clean.Length > 0)
        {
            _xml.WriteString(clean);
        }
    }

    /// <summary>Writes <c>&lt;name&gt;text&lt;/name&gt;</c>.</summary>
    public void Element(string name, string? text, string? cssClass = null)
    {
        Open(name);
        Attr("class", cssClass);
        Text(text);
        Close();
    }

    /// <summary>A newline between blocks, for people reading the source.</summary>
    public void Line() => _xml.WriteWhitespace("\n");

    /// <summary>Closes everything still open and returns the document's bytes.</summary>
    public byte[] Finish()
    {
        _xml.WriteEndDocument();
        _xml.Flush();
        _buffer.WriteByte((byte)'\n');
        return _buffer.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _xml.Dispose();
        _buffer.Dispose();
    }

    private string Clean(string? value)
    {
        var clean = XmlText.Clean(value, out var removed);
        RemovedInvalidCharacters |= removed;
        return clean;
    }
}
