using System.Globalization;

namespace Publisher.Rendering.Finishing;

/// <summary>
/// Writes PDF objects as bytes (ISO 32000-1 §7.3), in one fixed form so a build is byte-identical run to run: one
/// space between tokens, dictionaries one key per line, only 7-bit bytes outside stream data.
/// </summary>
internal static class PdfSerializer
{
    /// <summary>Appends <paramref name="value"/> to <paramref name="output"/>.</summary>
    public static void Write(PdfObject value, Stream output)
    {
        switch (value)
        {
            case PdfNull:
                Ascii(output, "null");
                break;
            case PdfBoolean b:
                Ascii(output, b.Value ? "true" : "false");
                break;
            case PdfNumber n:
                Ascii(output, n.Text);
                break;
            case PdfReference r:
                Ascii(output, string.Create(CultureInfo.InvariantCulture, $"{r.Number} {r.Generation} R"));
                break;
            case PdfName name:
                WriteName(name.Value, output);
                break;
            case PdfString s when s.Hex:
                output.WriteByte((byte)'<');
                Ascii(output, Convert.ToHexString(s.Bytes.AsSpan()));
                output.WriteByte((byte)'>');
                break;
            case PdfString s:
                WriteLiteral(s, output);
                break;
            case PdfArray a:
                output.WriteByte((byte)'[');
                for (var i = 0; i < a.Items.Length; i++)
                {
                    if (i > 0)
                    {
                        output.WriteByte((byte)' ');
                    }

                    Write(a.Items[i], output);
                }

                output.WriteByte((byte)']');
                break;
            case PdfDictionary d:
                Ascii(output, "<<");
                for (var i = 0; i < d.Entries.Length; i++)
                {
                    if (i > 0)
                    {
                        output.WriteByte((byte)'\n');
                    }

                    WriteName(d.Entries[i].Key, output);
                    output.WriteByte((byte)' ');
                    Write(d.Entries[i].Value, output);
                }

                Ascii(output, ">>");
                break;
            default:
                throw new ArgumentException("unknown PDF object " + value.GetType().Name, nameof(value));
        }
    }

    /// <summary>Writes ASCII text.</summary>
    public static void Ascii(Stream output, string text)
    {
        foreach (var c in text)
        {
            output.WriteByte(checked((byte)c));
        }
    }

    private static void WriteName(string name, Stream output)
    {
        // §7.3.5: outside '!'..'~', and for delimiters and '#', a name character is written as #xx.
        output.WriteByte((byte)'/');
        foreach (var c in name)
        {
            if (c is < '!' or > '~' or '#' or '(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%')
            {
                Ascii(output, "#" + ((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                output.WriteByte((byte)c);
            }
        }
    }

    private static void WriteLiteral(PdfString s, Stream output)
    {
        // §7.3.4.2: parentheses and backslash are escaped; bytes outside printable ASCII go as \ddd so the file
        // stays 7-bit and no end-of-line inside the string can be normalised by a tool.
        output.WriteByte((byte)'(');
        foreach (var b in s.Bytes)
        {
            if (b is (byte)'(' or (byte)')' or (byte)'\\')
            {
                output.WriteByte((byte)'\\');
                output.WriteByte(b);
            }
            else if (b is < 0x20 or > 0x7E)
            {
                Ascii(output, "\\" + Convert.ToString(b, 8).PadLeft(3, '0'));
            }
            else
            {
                output.WriteByte(b);
            }
        }

        output.WriteByte((byte)')');
    }
}
