using System.Globalization;

namespace Publisher.Rendering.Finishing;

/// <summary>
/// Writes an incremental update (ISO 32000-1 §7.5.6): the changed and new objects, a cross-reference section listing
/// only them, and a trailer whose <c>/Prev</c> points at the previous section. Appended to a file, it leaves every
/// earlier byte as it was; a reader takes the newest definition of each object.
/// </summary>
internal sealed class IncrementalUpdate : IDisposable
{
    private readonly long _baseLength;
    private readonly MemoryStream _body = new();
    private readonly SortedDictionary<int, (long Offset, int Generation)> _entries = [];

    /// <summary>An update to a file of <paramref name="baseLength"/> bytes whose last byte is <paramref name="lastByte"/>.</summary>
    public IncrementalUpdate(long baseLength, byte lastByte)
    {
        _baseLength = baseLength;

        // §7.5.5 ends a file with "%%EOF" and an optional end-of-line; the next object must start on a new line.
        if (lastByte is not ((byte)'\n' or (byte)'\r'))
        {
            _body.WriteByte((byte)'\n');
        }
    }

    /// <summary>Adds object <paramref name="number"/> (§7.3.10): a new one, or a newer definition of an old one.</summary>
    public void Add(int number, int generation, PdfObject value)
    {
        Begin(number, generation);
        PdfSerializer.Write(value, _body);
        PdfSerializer.Ascii(_body, "\nendobj\n");
    }

    /// <summary>Adds a stream object (§7.3.8) with <paramref name="data"/> unfiltered; /Length is set here.</summary>
    public void AddStream(int number, int generation, PdfDictionary dictionary, ReadOnlySpan<byte> data)
    {
        Begin(number, generation);
        PdfSerializer.Write(dictionary.With("Length", PdfNumber.Of(data.Length)), _body);

        // §7.3.8.1: "stream" is followed by an end-of-line (not a lone CR); an end-of-line before "endstream" is
        // not counted in /Length.
        PdfSerializer.Ascii(_body, "\nstream\n");
        _body.Write(data);
        PdfSerializer.Ascii(_body, "\nendstream\nendobj\n");
    }

    /// <summary>The update's bytes, ending in its cross-reference section (§7.5.4), trailer and <c>%%EOF</c>.</summary>
    public byte[] Finish(PdfDictionary trailer)
    {
        var xrefOffset = _baseLength + _body.Length;
        PdfSerializer.Ascii(_body, "xref\n");
        var numbers = _entries.Keys.ToList();
        for (var i = 0; i < numbers.Count;)
        {
            // One subsection per run of consecutive object numbers.
            var j = i;
            while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1)
            {
                j++;
            }

            PdfSerializer.Ascii(_body, string.Create(CultureInfo.InvariantCulture, $"{numbers[i]} {j - i + 1}\n"));
            for (var k = i; k <= j; k++)
            {
                var (offset, generation) = _entries[numbers[k]];

                // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, 'n', and a two-byte EOL.
                PdfSerializer.Ascii(_body, string.Create(CultureInfo.InvariantCulture, $"{offset:D10} {generation:D5} n \n"));
            }

            i = j + 1;
        }

        PdfSerializer.Ascii(_body, "trailer\n");
        PdfSerializer.Write(trailer, _body);
        PdfSerializer.Ascii(_body, string.Create(CultureInfo.InvariantCulture, $"\nstartxref\n{xrefOffset}\n%%EOF\n"));
        return _body.ToArray();
    }

    /// <summary>Frees the buffer.</summary>
    public void Dispose() => _body.Dispose();

    private void Begin(int number, int generation)
    {
        if (!_entries.TryAdd(number, (_baseLength + _body.Length, generation)))
        {
            throw new InvalidOperationException($"object {number} is written twice in one update");
        }

        PdfSerializer.Ascii(_body, string.Create(CultureInfo.InvariantCulture, $"{number} {generation} obj\n"));
    }
}
