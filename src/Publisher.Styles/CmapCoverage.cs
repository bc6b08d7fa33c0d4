using System.Buffers.Binary;

namespace Publisher.Styles;

/// <summary>
/// Whether a font file maps a code point to a glyph, read from its <c>cmap</c> table (OpenType spec, "cmap — Character
/// to Glyph Index Mapping Table": subtables of format 4, the BMP, and 12, all planes). The style decides here what both
/// outputs set where a design choice depends on the font (the scene-break mark), so the EPUB, which has no shaper,
/// makes the same choice as the typesetter.
/// </summary>
internal static class CmapCoverage
{
    /// <summary>True when every character of <paramref name="text"/> is in the font; false too for a file it cannot read.</summary>
    public static bool CoversAll(byte[] font, string text)
    {
        try
        {
            return text.EnumerateRunes().All(r => Covers(font, r.Value));
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // a truncated table: nothing can be vouched for
        }
    }

    private static bool Covers(byte[] font, int codePoint)
    {
        var data = font.AsSpan();
        var tables = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        for (var i = 0; i < tables; i++)
        {
            var record = data[(12 + (16 * i))..];
            if (record[..4].SequenceEqual("cmap"u8))
            {
                return CmapCovers(data[(int)BinaryPrimitives.ReadUInt32BigEndian(record[8..])..], codePoint);
            }
        }

        return false;
    }

    private static bool CmapCovers(ReadOnlySpan<byte> cmap, int codePoint)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(cmap[2..]);
        for (var i = 0; i < count; i++)
        {
            var record = cmap[(4 + (8 * i))..];
            var (platform, encoding) = (BinaryPrimitives.ReadUInt16BigEndian(record), BinaryPrimitives.ReadUInt16BigEndian(record[2..]));
            if (platform != 3 && platform != 0)
            {
                continue; // Unicode subtables are Windows (3) or Unicode (0)
            }

            var sub = cmap[(int)BinaryPrimitives.ReadUInt32BigEndian(record[4..])..];
            var format = BinaryPrimitives.ReadUInt16BigEndian(sub);
            if ((format == 12 && Format12(sub, codePoint)) || (format == 4 && encoding != 0 && Format4(sub, codePoint)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Format4(ReadOnlySpan<byte> t, int c)
    {
        if (c > 0xFFFF)
        {
            return false;
        }

        var segments = BinaryPrimitives.ReadUInt16BigEndian(t[6..]) / 2;
        for (var s = 0; s < segments; s++)
        {
            var end = BinaryPrimitives.ReadUInt16BigEndian(t[(14 + (2 * s))..]);
            if (c > end)
            {
                continue;
            }

            var startAt = 16 + (2 * segments) + (2 * s);
            var start = BinaryPrimitives.ReadUInt16BigEndian(t[startAt..]);
            if (c < start)
            {
                return false;
            }

            var deltaAt = startAt + (2 * segments);
            var delta = BinaryPrimitives.ReadInt16BigEndian(t[deltaAt..]);
            var rangeAt = deltaAt + (2 * segments);
            var range = BinaryPrimitives.ReadUInt16BigEndian(t[rangeAt..]);
            if (range == 0)
            {
                return ((c + delta) & 0xFFFF) != 0;
            }

            var glyph = BinaryPrimitives.ReadUInt16BigEndian(t[(rangeAt + range + (2 * (c - start)))..]);
            return glyph != 0;
        }

        return false;
    }

    private static bool Format12(ReadOnlySpan<byte> t, int c)
    {
        var groups = BinaryPrimitives.ReadUInt32BigEndian(t[12..]);
        for (var g = 0; g < groups; g++)
        {
            var group = t[(16 + (12 * g))..];
            if (c >= BinaryPrimitives.ReadUInt32BigEndian(group) && c <= BinaryPrimitives.ReadUInt32BigEndian(group[4..]))
            {
                return BinaryPrimitives.ReadUInt32BigEndian(group[8..]) + (uint)(c - (int)BinaryPrimitives.ReadUInt32BigEndian(group)) != 0;
            }
        }

        return false;
    }
}
