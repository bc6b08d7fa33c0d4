namespace Publisher.Epub.Zip;

/// <summary>
/// CRC-32 as the ZIP format wants it (APPNOTE.TXT 4.4.7): the IEEE 802.3 polynomial, reflected (0xEDB88320), initial
/// value and final XOR 0xFFFFFFFF. System.IO.Hashing is not available to us, so this is the classic byte-wise table
/// version (Sarwate 1988), which is fast enough for a book's few megabytes.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
