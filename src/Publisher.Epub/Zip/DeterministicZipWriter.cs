using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Publisher.Epub.Zip;

/// <summary>
/// Writes an EPUB's OCF ZIP container so that the same entries always give the same bytes.
/// </summary>
/// <remarks>
/// We write the ZIP ourselves rather than use <see cref="ZipArchive"/> because the EPUB container has rules
/// ZipArchive does not promise to keep: EPUB 3.3 §4.3.3 wants the <c>mimetype</c> entry first,
/// stored, with no extra field, and epubcheck (PKG-005/PKG-006/PKG-007) also rejects a data descriptor on it. Writing
/// our own also fixes every byte that ZipArchive could vary between releases: version fields, flags, timestamps,
/// external attributes and the order of entries.
/// <para>
/// Every entry is compressed in memory first, so each local header carries its real CRC and sizes and no data
/// descriptor is ever written (general purpose flag bit 3 is clear). The layout follows PKWARE's APPNOTE.TXT
/// 6.3.x: local file header + data for each entry (4.3.7), then the central directory (4.3.12) and the end of
/// central directory record (4.3.16). No ZIP64: a book's container stays far below 4 GiB, and we refuse rather
/// than write a broken archive when it does not.
/// </para>
/// </remarks>
internal sealed class DeterministicZipWriter
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const ushort MethodStored = 0;
    private const ushort MethodDeflated = 8;

    // 2.0 is the version that introduced Deflate (APPNOTE 4.4.3.2); 1.0 suffices for a stored entry.
    private const ushort VersionDeflate = 20;
    private const ushort VersionStored = 10;

    // Bit 11 says the name is UTF-8 (APPNOTE 4.4.4, appendix D); EPUB 3.3 §4.3.2 requires UTF-8 names.
    private const ushort FlagUtf8 = 1 << 11;

    private readonly List<Entry> _entries = [];
    private readonly ushort _dosTime;
    private readonly ushort _dosDate;

    /// <summary>Creates a writer whose entries all carry <paramref name="timestamp"/> (clamped to the DOS range 1980–2107).</summary>
    public DeterministicZipWriter(DateTime timestamp)
    {
        (_dosDate, _dosTime) = ToDosDateTime(timestamp);
    }

    /// <summary>Adds an entry. Entries are written in the order added; the caller fixes that order.</summary>
    public void Add(string name, byte[] data, bool compress)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_entries.Exists(e => string.Equals(e.Name, name, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"Duplicate ZIP entry '{name}'.");
        }

        var stored = compress ? Deflate(data) : data;

        // Deflate can grow incompressible data (a font is already compressed); storing is then smaller and equally
        // deterministic, and any reader handles both.
        var method = compress && stored.Length < data.Length ? MethodDeflated : MethodStored;
        if (method == MethodStored)
        {
            stored = data;
        }

        _entries.Add(new Entry(name, Encoding.UTF8.GetBytes(name), method, Crc32.Compute(data), data.LongLength, stored));
    }

    /// <summary>Writes the whole archive to <paramref name="output"/>, which need not be seekable.</summary>
    public void WriteTo(Stream output)
    {
        var offsets = new List<long>(_entries.Count);
        long position = 0;
        foreach (var e in _entries)
        {
            offsets.Add(position);
            var header = LocalHeader(e);
            output.Write(header);
            output.Write(e.Stored);
            position += header.Length + e.Stored.LongLength;
        }

        var centralStart = position;
        long centralSize = 0;
        for (var i = 0; i < _entries.Count; i++)
        {
            var header = CentralHeader(_entries[i], offsets[i]);
            output.Write(header);
            centralSize += header.Length;
        }

        if (_entries.Count > ushort.MaxValue || centralStart > uint.MaxValue || centralSize > uint.MaxValue)
        {
            throw new InvalidOperationException("The EPUB is too large for a ZIP without ZIP64 extensions.");
        }

        var end = new byte[22];
        var s = end.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s[0..], EndOfCentralDirectorySignature);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], 0); // number of this disk
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], 0); // disk where the central directory starts
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(s[10..], (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], (uint)centralSize);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], (uint)centralStart);
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], 0); // comment length
        output.Write(end);
    }

    private byte[] LocalHeader(Entry e)
    {
        CheckSize(e);
        var h = new byte[30 + e.NameBytes.Length];
        var s = h.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s[0..], LocalHeaderSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], e.Method == MethodDeflated ? VersionDeflate : VersionStored);
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], FlagUtf8);
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], e.Method);
        BinaryPrimitives.WriteUInt16LittleEndian(s[10..], _dosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(s[12..], _dosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(s[14..], e.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(s[18..], (uint)e.Stored.LongLength);
        BinaryPrimitives.WriteUInt32LittleEndian(s[22..], (uint)e.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(s[26..], (ushort)e.NameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(s[28..], 0); // extra field length: never any
        e.NameBytes.CopyTo(s[30..]);
        return h;
    }

    private byte[] CentralHeader(Entry e, long offset)
    {
        var h = new byte[46 + e.NameBytes.Length];
        var s = h.AsSpan();
        var version = e.Method == MethodDeflated ? VersionDeflate : VersionStored;
        BinaryPrimitives.WriteUInt32LittleEndian(s[0..], CentralHeaderSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], version); // version made by: host 0 (MS-DOS), so no Unix modes
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], version); // version needed to extract
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], FlagUtf8);
        BinaryPrimitives.WriteUInt16LittleEndian(s[10..], e.Method);
        BinaryPrimitives.WriteUInt16LittleEndian(s[12..], _dosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(s[14..], _dosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], e.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], (uint)e.Stored.LongLength);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], (uint)e.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(s[28..], (ushort)e.NameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(s[30..], 0); // extra field length
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], 0); // comment length
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], 0); // disk number start
        BinaryPrimitives.WriteUInt16LittleEndian(s[36..], 0); // internal attributes
        BinaryPrimitives.WriteUInt32LittleEndian(s[38..], 0); // external attributes
        BinaryPrimitives.WriteUInt32LittleEndian(s[42..], (uint)offset);
        e.NameBytes.CopyTo(s[46..]);
        return h;
    }

    private static void CheckSize(Entry e)
    {
        if (e.Length > uint.MaxValue || e.Stored.LongLength > uint.MaxValue || e.NameBytes.Length > ushort.MaxValue)
        {
            throw new InvalidOperationException($"ZIP entry '{e.Name}' is too large without ZIP64 extensions.");
        }
    }

    private static byte[] Deflate(byte[] data)
    {
        using var buffer = new MemoryStream();
        // Optimal, not SmallestSize: on the sample book's fonts SmallestSize took most of the EPUB writer's time
        // for a file under 1 % smaller. zlib's output for a given level is fixed, so builds stay byte-identical.
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return buffer.ToArray();
    }

    /// <summary>MS-DOS date and time (APPNOTE 4.4.6): two-second resolution, years 1980 to 2107.</summary>
    internal static (ushort Date, ushort Time) ToDosDateTime(DateTime t)
    {
        if (t.Year < 1980)
        {
            t = new DateTime(1980, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        }
        else if (t.Year > 2107)
        {
            t = new DateTime(2107, 12, 31, 23, 59, 58, DateTimeKind.Unspecified);
        }

        var date = (ushort)(((t.Year - 1980) << 9) | (t.Month << 5) | t.Day);
        var time = (ushort)((t.Hour << 11) | (t.Minute << 5) | (t.Second / 2));
        return (date, time);
    }

    private sealed record Entry(string Name, byte[] NameBytes, ushort Method, uint Crc, long Length, byte[] Stored);
}
