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

    /// <summary>The last thing written in this paragraph was a note mark: a mark right after it needs a separator.</summary>
    public bool AfterNoteRef { get; set; }

    /// <summary>How often each note of this document has been cited so far.</summary>
    public Dictionary<string, int> Citations { get; } = new(StringComparer.Ordinal);

    private IReadOnlyList<PageMarker> _markers = [];
    private int _nextMarker;
    private readonly LeafNumbering _leaves = document.Division is { } d ? LeafNumbering.Of(d.Blocks) : LeafNumbering.None;
    private int _counted;

    /// <summary>The print page markers this document carries, in order.</summary>
    public IReadOnlyList<PageMarker> Markers
    {
        get => _markers;
        init => _markers = value;
    }

    /// <summary>The leaf text block being written (see <see cref="TextLeaves"/>); −1 before the first.</summary>
    public int Leaf { get; private set; } = -1;

    /// <summary>False while writing text that is not part of the numbered leaves (footnotes).</summary>
    public bool Counting { get; set; } = true;

    /// <summary>Writes the markers that stand at the division's start.</summary>
    public void WriteStartMarkers() => WriteMarkersBefore(0, 0);

    /// <summary>Starts a leaf text block: a paragraph, heading or code block, numbered as the typesetter numbers it.</summary>
    public void BeginLeaf(Block block) => BeginLeaf(_leaves.Of(block));

    /// <summary>Starts a table cell's leaf.</summary>
    public void BeginLeaf(TableRow row, int cell) => BeginLeaf(_leaves.Of(row, cell));

    private void BeginLeaf(int? leaf)
    {
        // Note text is not numbered; nor is a block outside the division's leaves (none today): its text counts
        // with the leaf before it.
        if (!Counting || leaf is not { } n)
        {
            return;
        }

        Leaf = n;
        _counted = 0;
        WriteMarkersBefore(Leaf, 0);
    }

    /// <summary>Ends the leaf: a marker still waiting for a place in it goes at its end.</summary>
    public void EndLeaf()
    {
        if (Counting)
        {
            WriteMarkersBefore(Leaf + 1, 0);
        }
    }

    /// <summary>Writes what is left over (markers whose text the document did not have) at the end of the document.</summary>
    public void WriteRemainingMarkers() => WriteMarkersBefore(int.MaxValue, 0);

    /// <summary>Writes manuscript text, putting each page marker before the character it points at.</summary>
    public void WriteText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (!Counting || _nextMarker >= _markers.Count || _markers[_nextMarker].Leaf != Leaf)
        {
            Out.Text(text);
            if (Counting)
            {
                _counted += TextLeaves.Counted(text);
            }

            return;
        }

        var from = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                continue;
            }

            if (_nextMarker < _markers.Count && _markers[_nextMarker].Leaf == Leaf && _markers[_nextMarker].Offset <= _counted)
            {
                Out.Text(text[from..i]);
                from = i;
                WriteMarkersBefore(Leaf, _counted + 1);
            }

            _counted++;
        }

        Out.Text(text[from..]);
    }

    /// <summary>Writes every waiting marker that comes before (leaf, offset).</summary>
    private void WriteMarkersBefore(int leaf, int offset)
    {
        while (_nextMarker < _markers.Count && (_markers[_nextMarker].Leaf < leaf || (_markers[_nextMarker].Leaf == leaf && _markers[_nextMarker].Offset < offset)))
        {
            PageMarkers.Write(Out, _markers[_nextMarker]);
            _nextMarker++;
        }
    }

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
