using Publisher.Model;
using Publisher.Styles;

namespace Publisher.Epub.Xhtml;

/// <summary>What the block and inline writers need while one content document is written.</summary>
internal sealed class RenderContext(BookDocument book, StyleSheet style, BookPlan plan, PlannedDocument document, XhtmlWriter output, DiagnosticBag diagnostics)
{
    /// <summary>The book.</summary>
    public BookDocument Book { get; } = book;

    /// <summary>The style, for number formats.</summary>
    public StyleSheet Style { get; } = style;

    /// <summary>Documents and ids.</summary>
    public BookPlan Plan { get; } = plan;

    /// <summary>The document being written.</summary>
    public PlannedDocument Document { get; } = document;

    /// <summary>Where the XHTML goes.</summary>
    public XhtmlWriter Out { get; } = output;

    /// <summary>Where problems go.</summary>
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>The nearest known source position, for diagnostics about inlines (which carry none).</summary>
    public SourceSpan? Span { get; set; }

    /// <summary>How many <c>a</c> elements are open: HTML forbids one inside another, so nested links lose their link.</summary>
    public int LinkDepth { get; set; }

    /// <summary>How often each note of this document has been cited so far.</summary>
    public Dictionary<string, int> Citations { get; } = new(StringComparer.Ordinal);

    /// <summary>The href from this document to <paramref name="location"/>.</summary>
    public string HrefTo(IdLocation location)
    {
        if (location.Fragment is null)
        {
            return location.Document.FileName;
        }

        return ReferenceEquals(location.Document, Document)
            ? "#" + location.Fragment
            : location.Document.FileName + "#" + location.Fragment;
    }
}
