using System.Globalization;
using System.Text;

namespace Publisher.Rendering.Finishing;

/// <summary>
/// Just enough of a PDF reader for the finishing step: the last trailer, the cross-reference table, and objects
/// by number. It reads classic cross-reference tables (ISO 32000-1 §7.5.4), following <c>/Prev</c> through earlier
/// updates (§7.5.6), which is what Skia writes (PDF 1.4, no object streams). A cross-reference stream (§7.5.8) or
/// an object inside an object stream is refused with a message rather than misread.
/// </summary>
internal sealed class PdfFileReader
{
    private readonly byte[] _data;
    private readonly Dictionary<int, (long Offset, int Generation)> _offsets = [];

    /// <summary>Reads the trailer and cross-reference sections of <paramref name="data"/>.</summary>
    public PdfFileReader(byte[] data)
    {
        _data = data;
        StartXref = FindStartXref();
        Trailer = ReadSections(StartXref);
    }

    /// <summary>The byte offset of the last cross-reference section: the <c>/Prev</c> of an update (§7.5.6).</summary>
    public long StartXref { get; }

    /// <summary>The trailer of the last section (with the entries an update must carry over: /Root, /Info, /ID).</summary>
    public PdfDictionary Trailer { get; }

    /// <summary>The trailer's <c>/Size</c>: one more than the highest object number, so the first free number.</summary>
    public int Size => (Trailer["Size"] as PdfNumber)?.IntValue ?? throw new InvalidDataException("PDF finishing: trailer has no /Size");

    /// <summary>The document catalog's reference (§7.7.2).</summary>
    public PdfReference Root => Trailer["Root"] as PdfReference ?? throw new InvalidDataException("PDF finishing: trailer has no /Root");

    /// <summary>Reads object <paramref name="reference"/>; it must be in use in the cross-reference table.</summary>
    public PdfObject Read(PdfReference reference)
    {
        if (!_offsets.TryGetValue(reference.Number, out var entry) || entry.Generation != reference.Generation)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"PDF finishing: object {reference.Number} {reference.Generation} R is not in the cross-reference table"));
        }

        var parser = new PdfParser(_data, checked((int)entry.Offset));
        var (number, generation, value) = parser.ReadIndirectObject();
        if (number != reference.Number || generation != reference.Generation)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"PDF finishing: cross-reference entry for {reference.Number} points at object {number} {generation}"));
        }

        return value;
    }

    /// <summary>Reads a value, following it when it is a reference.</summary>
    public PdfObject Resolve(PdfObject value) => value is PdfReference r ? Read(r) : value;

    /// <summary>Reads a dictionary, following a reference; throws when it is something else.</summary>
    public PdfDictionary ReadDictionary(PdfObject value, string what) =>
        Resolve(value) as PdfDictionary ?? throw new InvalidDataException($"PDF finishing: {what} is not a dictionary");

    /// <summary>
    /// The pages in order (§7.7.3.2): a depth-first walk of <c>/Kids</c> from the Catalog's <c>/Pages</c>, through
    /// nested page-tree nodes (Skia groups pages eight to a node).
    /// </summary>
    public IReadOnlyList<PdfReference> Pages()
    {
        var catalog = ReadDictionary(Root, "the Catalog");
        var pages = new List<PdfReference>();
        var seen = new HashSet<int>();
        Walk(catalog["Pages"] as PdfReference ?? throw new InvalidDataException("PDF finishing: the Catalog has no /Pages reference"));
        return pages;

        void Walk(PdfReference node)
        {
            // A loop in the page tree would recurse for ever; a well-formed tree never revisits a node.
            if (!seen.Add(node.Number))
            {
                throw new InvalidDataException("PDF finishing: the page tree has a loop");
            }

            var dict = ReadDictionary(node, "a page tree node");
            switch ((dict["Type"] as PdfName)?.Value)
            {
                case "Page":
                    pages.Add(node);
                    break;
                case "Pages":
                    var kids = Resolve(dict["Kids"] ?? new PdfArray([])) as PdfArray
                        ?? throw new InvalidDataException("PDF finishing: /Kids is not an array");
                    foreach (var kid in kids.Items)
                    {
                        Walk(kid as PdfReference ?? throw new InvalidDataException("PDF finishing: a page tree kid is not a reference"));
                    }

                    break;
                default:
                    throw new InvalidDataException("PDF finishing: page tree node without /Type /Page or /Pages");
            }
        }
    }

    private long FindStartXref()
    {
        // §7.5.5: the file ends with "startxref", the offset, and "%%EOF"; look in the last kilobyte.
        var tailStart = Math.Max(0, _data.Length - 1024);
        var tail = Encoding.ASCII.GetString(_data, tailStart, _data.Length - tailStart);
        var at = tail.LastIndexOf("startxref", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidDataException("PDF finishing: no startxref at the end of the file");
        }

        var parser = new PdfParser(_data, tailStart + at + "startxref".Length);
        return parser.TryReadInteger(out var offset)
            ? offset
            : throw new InvalidDataException("PDF finishing: startxref is not followed by an offset");
    }

    private PdfDictionary ReadSections(long offset)
    {
        PdfDictionary? last = null;
        var visited = new HashSet<long>();
        while (true)
        {
            if (!visited.Add(offset) || offset < 0 || offset >= _data.Length)
            {
                throw new InvalidDataException("PDF finishing: bad /Prev chain");
            }

            var trailer = ReadSection(checked((int)offset));
            last ??= trailer;
            if (trailer["Prev"] is not PdfNumber prev)
            {
                return last;
            }

            offset = long.Parse(prev.Text, NumberStyles.None, CultureInfo.InvariantCulture);
        }
    }

    private PdfDictionary ReadSection(int offset)
    {
        var parser = new PdfParser(_data, offset);
        if (parser.ReadKeywordOrEmpty() != "xref")
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"PDF finishing: no classic 'xref' table at byte {offset} (a cross-reference stream, §7.5.8, is not supported)"));
        }

        // §7.5.4: subsections of "first count", then count entries of "offset generation n|f". A later section
        // (read first) wins over an earlier one for the same object.
        while (parser.TryReadInteger(out var first))
        {
            if (!parser.TryReadInteger(out var count))
            {
                throw new InvalidDataException("PDF finishing: bad xref subsection header");
            }

            for (var i = 0; i < count; i++)
            {
                if (!parser.TryReadInteger(out var entryOffset) || !parser.TryReadInteger(out var generation))
                {
                    throw new InvalidDataException("PDF finishing: bad xref entry");
                }

                var kind = parser.ReadKeywordOrEmpty();
                if (kind == "n")
                {
                    _offsets.TryAdd(first + i, (entryOffset, generation));
                }
                else if (kind == "f")
                {
                    _offsets.TryAdd(first + i, (-1, -1));
                }
                else
                {
                    throw new InvalidDataException("PDF finishing: xref entry is neither 'n' nor 'f'");
                }
            }
        }

        if (parser.ReadKeywordOrEmpty() != "trailer")
        {
            throw new InvalidDataException("PDF finishing: no trailer after the xref table");
        }

        return parser.ReadObject() as PdfDictionary ?? throw new InvalidDataException("PDF finishing: the trailer is not a dictionary");
    }
}
