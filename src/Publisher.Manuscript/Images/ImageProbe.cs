using System.Buffers.Binary;
using System.IO.Compression;

namespace Publisher.Manuscript.Images;

/// <summary>What a probe found: the format and pixel size, or why the bytes are not an image.</summary>
internal sealed record ImageInfo(string Format, int Width, int Height, string? Problem)
{
    public static ImageInfo Bad(string format, string problem) => new(format, 0, 0, problem);

    /// <summary>Pixels the image decodes to.</summary>
    public long Pixels => (long)Width * Height;
}

/// <summary>
/// Reads an image's format and size from its bytes and checks its structure, without decoding it into a bitmap: a
/// hostile file can declare a size whose bitmap would not fit in memory, and the size must be judged before anything
/// decodes it. The formats are the EPUB 3.3 core raster types (§3.2): PNG, JPEG, GIF and WebP.
/// </summary>
internal static class ImageProbe
{
    /// <summary>Reads <paramref name="data"/>; <paramref name="maxPixels"/> bounds the PNG data inflated to check it.</summary>
    public static ImageInfo Probe(byte[] data, long maxPixels)
    {
        ReadOnlySpan<byte> d = data;
        if (d.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png(data, maxPixels);
        }

        if (d.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg(d);
        }

        if (d.StartsWith("GIF87a"u8) || d.StartsWith("GIF89a"u8))
        {
            return Gif(d);
        }

        if (d.Length >= 12 && d.StartsWith("RIFF"u8) && d[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP(d);
        }

        var svg = d.Length > 0 && d.IndexOf("<svg"u8) is >= 0 and < 4096;
        return ImageInfo.Bad("", svg
            ? "it is an SVG drawing; give a PNG or JPEG rendering of it"
            : "it is not a PNG, JPEG, GIF or WebP image");
    }

    /// <summary>
    /// PNG (ISO/IEC 15948, W3C PNG 2nd edition): the chunk sequence must hold together to IEND, IHDR must be valid, and
    /// the IDAT stream must inflate to exactly the bytes the header implies (§7–8, including Adam7 passes).
    /// </summary>
    private static ImageInfo Png(byte[] data, long maxPixels)
    {
        const string format = "PNG";
        var pos = 8;
        int width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0;
        var idat = new MemoryStream();
        var sawEnd = false;
        while (pos + 12 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            if (length > int.MaxValue || pos + 12 + (long)length > data.Length)
            {
                return ImageInfo.Bad(format, "it is cut short (a chunk runs past the end of the file)");
            }

            var type = System.Text.Encoding.ASCII.GetString(data, pos + 4, 4);
            var body = data.AsSpan(pos + 8, (int)length);
            if (pos == 8)
            {
                if (type != "IHDR" || length != 13)
                {
                    return ImageInfo.Bad(format, "its header chunk is missing");
                }

                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                bitDepth = body[8];
                colorType = body[9];
                interlace = body[12];
                if (width <= 0 || height <= 0 || BitsPerPixel(colorType, bitDepth) == 0 || interlace > 1)
                {
                    return ImageInfo.Bad(format, "its header is invalid");
                }

                if ((long)width * height > maxPixels)
                {
                    return new ImageInfo(format, width, height, null);
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(body);
            }
            else if (type == "IEND")
            {
                sawEnd = true;
                break;
            }

            pos += 12 + (int)length;
        }

        if (width == 0)
        {
            return ImageInfo.Bad(format, "its header chunk is missing");
        }

        if (!sawEnd)
        {
            return ImageInfo.Bad(format, "it is cut short (no IEND chunk)");
        }

        var expected = ExpectedPngBytes(width, height, BitsPerPixel(colorType, bitDepth), interlace == 1);
        idat.Position = 0;
        try
        {
            using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
            var buffer = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = inflate.Read(buffer)) > 0)
            {
                total += n;
                if (total > expected)
                {
                    break;
                }
            }

            if (total != expected)
            {
                return ImageInfo.Bad(format, FormattableString.Invariant($"its image data holds {(total > expected ? "more" : "less")} than its {width} × {height} pixels"));
            }
        }
        catch (InvalidDataException)
        {
            return ImageInfo.Bad(format, "its compressed image data is corrupt");
        }

        return new ImageInfo(format, width, height, null);
    }

    /// <summary>Bits per pixel for a PNG colour type and bit depth (PNG §11.2.2, table 11.1); 0 for an invalid pair.</summary>
    private static int BitsPerPixel(int colorType, int bitDepth) => (colorType, bitDepth) switch
    {
        (0, 1 or 2 or 4 or 8 or 16) => bitDepth,
        (2, 8 or 16) => bitDepth * 3,
        (3, 1 or 2 or 4 or 8) => bitDepth,
        (4, 8 or 16) => bitDepth * 2,
        (6, 8 or 16) => bitDepth * 4,
        _ => 0,
    };

    /// <summary>Filtered bytes of the image: each row is a filter byte and its packed pixels; Adam7 has seven sub-images (PNG §8.2).</summary>
    private static long ExpectedPngBytes(int width, int height, int bitsPerPixel, bool interlaced)
    {
        static long Rows(long w, long h, int bpp) => w == 0 || h == 0 ? 0 : h * (1 + ((w * bpp) + 7) / 8);
        if (!interlaced)
        {
            return Rows(width, height, bitsPerPixel);
        }

        // Adam7 passes: (x start, y start, x step, y step).
        (int X, int Y, int Dx, int Dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        long total = 0;
        foreach (var (x, y, dx, dy) in passes)
        {
            total += Rows(((long)width - x + dx - 1) / dx, ((long)height - y + dy - 1) / dy, bitsPerPixel);
        }

        return total;
    }

    /// <summary>
    /// JPEG (ITU-T T.81 Annex B): markers with their lengths up to the first scan, a frame header (SOFn) with the size,
    /// and the end-of-image marker after the scan data.
    /// </summary>
    private static ImageInfo Jpeg(ReadOnlySpan<byte> d)
    {
        const string format = "JPEG";
        var pos = 2;
        int width = 0, height = 0;
        while (true)
        {
            if (pos + 4 > d.Length || d[pos] != 0xFF)
            {
                return ImageInfo.Bad(format, "it is cut short or corrupt (a marker is missing)");
            }

            var marker = d[pos + 1];
            if (marker == 0xFF)
            {
                pos++; // fill byte
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(d[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > d.Length)
            {
                return ImageInfo.Bad(format, "it is cut short (a segment runs past the end of the file)");
            }

            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): the frame header, P, Y, X (T.81 B.2.2).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && length >= 8)
            {
                height = BinaryPrimitives.ReadUInt16BigEndian(d[(pos + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(d[(pos + 7)..]);
            }

            pos += 2 + length;
            if (marker == 0xDA)
            {
                break; // start of scan: entropy-coded data follows
            }
        }

        if (width == 0 || height == 0)
        {
            return ImageInfo.Bad(format, "it has no frame header with its size");
        }

        // The file ends with EOI (FFD9); editors sometimes append a few bytes after it, so look near the end.
        var tail = d[Math.Max(pos, d.Length - 64)..];
        return tail.IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) < 0
            ? ImageInfo.Bad(format, "it is cut short (no end-of-image marker)")
            : new ImageInfo(format, width, height, null);
    }

    /// <summary>GIF (GIF89a specification §17–27): the block sequence must hold together to the trailer.</summary>
    private static ImageInfo Gif(ReadOnlySpan<byte> d)
    {
        const string format = "GIF";
        if (d.Length < 13)
        {
            return ImageInfo.Bad(format, "it is cut short");
        }

        var width = BinaryPrimitives.ReadUInt16LittleEndian(d[6..]);
        var height = BinaryPrimitives.ReadUInt16LittleEndian(d[8..]);
        var pos = 13 + ColorTableBytes(d[10]);
        while (pos < d.Length)
        {
            switch (d[pos])
            {
                case 0x3B: // trailer
                    return width == 0 || height == 0 ? ImageInfo.Bad(format, "its size is zero") : new ImageInfo(format, width, height, null);
                case 0x21: // extension: label, then sub-blocks
                    pos = SkipSubBlocks(d, pos + 2);
                    break;
                case 0x2C: // image descriptor (10 bytes), local colour table, LZW code size, sub-blocks
                    if (pos + 10 > d.Length)
                    {
                        return ImageInfo.Bad(format, "it is cut short");
                    }

                    pos = SkipSubBlocks(d, pos + 10 + ColorTableBytes(d[pos + 9]) + 1);
                    break;
                default:
                    return ImageInfo.Bad(format, "it is corrupt (an unknown block)");
            }

            if (pos < 0)
            {
                return ImageInfo.Bad(format, "it is cut short");
            }
        }

        return ImageInfo.Bad(format, "it is cut short (no trailer)");

        static int ColorTableBytes(byte packed) => (packed & 0x80) != 0 ? 3 * (1 << ((packed & 7) + 1)) : 0;

        static int SkipSubBlocks(ReadOnlySpan<byte> d, int pos)
        {
            while (pos < d.Length)
            {
                var size = d[pos];
                pos += 1 + size;
                if (size == 0)
                {
                    return pos;
                }
            }

            return -1;
        }
    }

    /// <summary>WebP (RFC 9649): the RIFF size must fit the file, and the first chunk gives the size (VP8, VP8L or VP8X).</summary>
    private static ImageInfo WebP(ReadOnlySpan<byte> d)
    {
        const string format = "WebP";
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(d[4..]);
        if (riffSize + 8L > d.Length || d.Length < 30)
        {
            return ImageInfo.Bad(format, "it is cut short");
        }

        var chunk = d[12..16];
        var body = d[20..];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            // 24-bit canvas width − 1 and height − 1 after 4 bytes of flags (RFC 9649 §2.7).
            var w = body[4] | (body[5] << 8) | (body[6] << 16);
            var h = body[7] | (body[8] << 8) | (body[9] << 16);
            return new ImageInfo(format, w + 1, h + 1, null);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            // Signature 0x2F, then 14-bit width − 1 and height − 1 (RFC 9649 §3.2).
            if (body[0] != 0x2F)
            {
                return ImageInfo.Bad(format, "it is corrupt (bad lossless signature)");
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(body[1..]);
            return new ImageInfo(format, (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1, null);
        }

        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height (RFC 6386 §9.1).
            if (body[3] != 0x9D || body[4] != 0x01 || body[5] != 0x2A)
            {
                return ImageInfo.Bad(format, "it is corrupt (bad start code)");
            }

            var w = BinaryPrimitives.ReadUInt16LittleEndian(body[6..]) & 0x3FFF;
            var h = BinaryPrimitives.ReadUInt16LittleEndian(body[8..]) & 0x3FFF;
            return w == 0 || h == 0 ? ImageInfo.Bad(format, "its size is zero") : new ImageInfo(format, w, h, null);
        }

        return ImageInfo.Bad(format, "it has no image chunk");
    }
}
