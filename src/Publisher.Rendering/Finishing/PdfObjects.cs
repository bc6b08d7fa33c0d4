using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Publisher.Rendering.Finishing;

// The few PDF object types the finishing step reads from Skia's file and writes back (ISO 32000-1 §7.3). Each
// parsed value keeps enough to be written out again unchanged: a number keeps its digits, a string its bytes and
// whether it was hex, so a Catalog key we don't touch is copied as Skia meant it.

/// <summary>A PDF object (ISO 32000-1 §7.3).</summary>
internal abstract record PdfObject;

/// <summary>A boolean (§7.3.2).</summary>
internal sealed record PdfBoolean(bool Value) : PdfObject;

/// <summary>The null object (§7.3.9).</summary>
internal sealed record PdfNull : PdfObject
{
    /// <summary>The one null.</summary>
    public static PdfNull Instance { get; } = new();
}

/// <summary>A number (§7.3.3), kept as written so it round-trips.</summary>
internal sealed record PdfNumber(string Text) : PdfObject
{
    /// <summary>An integer.</summary>
    public static PdfNumber Of(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A real with at most four decimals and never an exponent (§7.3.3 has no exponent form).</summary>
    public static PdfNumber Of(double value)
    {
        var text = Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
        return new(text == "-0" ? "0" : text);
    }

    /// <summary>The value as an integer; throws when it is not one.</summary>
    public int IntValue => int.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
        ? v
        : throw new InvalidDataException($"PDF finishing: expected an integer, found {Text}");
}

/// <summary>A name (§7.3.5), without its slash and with #xx escapes resolved (each char is one byte).</summary>
internal sealed record PdfName(string Value) : PdfObject;

/// <summary>A string (§7.3.4): its bytes, and whether it was written in hex.</summary>
internal sealed record PdfString(ImmutableArray<byte> Bytes, bool Hex) : PdfObject
{
    /// <summary>
    /// A text string (§7.9.2.2): PDFDocEncoding (which agrees with ASCII on printable characters) when every
    /// character is printable ASCII, else UTF-16BE with a byte-order mark, written in hex so no raw bytes above 127
    /// sit in the file.
    /// </summary>
    public static PdfString Text(string text)
    {
        if (text.All(c => c is >= ' ' and <= '~'))
        {
            return new([.. Encoding.ASCII.GetBytes(text)], Hex: false);
        }

        return new([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)], Hex: true);
    }

    /// <summary>
    /// The string read as a text string (§7.9.2.2): UTF-16BE after a byte-order mark, else PDFDocEncoding
    /// (Annex D.2), which is Latin-1 but for a few code points in 0x18–0x1F and 0x80–0xA0.
    /// </summary>
    public string AsText()
    {
        var bytes = Bytes.AsSpan();
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            sb.Append(b switch
            {
                >= 0x18 and <= 0x1F => PdfDocLow[b - 0x18],
                >= 0x80 and <= 0xA0 => PdfDocHigh[b - 0x80],
                _ => (char)b,
            });
        }

        return sb.ToString();
    }

    // PDFDocEncoding (Annex D.2, Table D.2) where it differs from Latin-1. 0x9F is undefined; it reads as U+FFFD.
    private const string PdfDocLow = "\u02D8\u02C7\u02C6\u02D9\u02DD\u02DB\u02DA\u02DC";
    private const string PdfDocHigh =
        "\u2022\u2020\u2021\u2026\u2014\u2013\u0192\u2044\u2039\u203A\u2212\u2030\u201E\u201C\u201D\u2018" +
        "\u2019\u201A\u2122\uFB01\uFB02\u0141\u0152\u0160\u0178\u017D\u0131\u0142\u0153\u0161\u017E\uFFFD" +
        "\u20AC";

    /// <summary>A byte string written in hex, e.g. a file identifier (§14.4).</summary>
    public static PdfString Binary(ReadOnlySpan<byte> bytes) => new([.. bytes], Hex: true);
}

/// <summary>An array (§7.3.6).</summary>
internal sealed record PdfArray(ImmutableArray<PdfObject> Items) : PdfObject;

/// <summary>A dictionary (§7.3.7), with its keys in the order they were written.</summary>
internal sealed record PdfDictionary(ImmutableArray<KeyValuePair<string, PdfObject>> Entries) : PdfObject
{
    /// <summary>A dictionary from key/value pairs, in order.</summary>
    public static PdfDictionary Of(params ReadOnlySpan<(string Key, PdfObject Value)> entries)
    {
        var builder = ImmutableArray.CreateBuilder<KeyValuePair<string, PdfObject>>(entries.Length);
        foreach (var (k, v) in entries)
        {
            builder.Add(new(k, v));
        }

        return new(builder.MoveToImmutable());
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public PdfObject? this[string key]
    {
        get
        {
            foreach (var e in Entries)
            {
                if (e.Key == key)
                {
                    return e.Value;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// This dictionary with <paramref name="key"/> set: replaced in place when present (so the key order Skia
    /// wrote is kept), else appended.
    /// </summary>
    public PdfDictionary With(string key, PdfObject value)
    {
        var index = -1;
        for (var i = 0; i < Entries.Length; i++)
        {
            if (Entries[i].Key == key)
            {
                index = i;
                break;
            }
        }

        return new(index >= 0 ? Entries.SetItem(index, new(key, value)) : Entries.Add(new(key, value)));
    }
}

/// <summary>An indirect reference (§7.3.10).</summary>
internal sealed record PdfReference(int Number, int Generation) : PdfObject
{
    /// <summary>A reference to generation 0 of <paramref name="number"/>.</summary>
    public static PdfReference To(int number) => new(number, 0);
}
