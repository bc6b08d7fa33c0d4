using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Publisher.Rendering.Finishing;

/// <summary>
/// Reads PDF objects from bytes (ISO 32000-1 §7.2 lexical conventions, §7.3 objects). It reads what an object
/// header, a trailer or a Catalog can hold; it never reads stream data, which the finishing step doesn't need.
/// </summary>
internal sealed class PdfParser(byte[] data, int position)
{
    /// <summary>Where the next token starts (after <see cref="SkipWhitespace"/>).</summary>
    public int Position { get; private set; } = position;

    /// <summary>Reads one object: a number, reference, name, string, array, dictionary, boolean or null.</summary>
    public PdfObject ReadObject()
    {
        SkipWhitespace();
        if (Position >= data.Length)
        {
            throw Error("unexpected end of file");
        }

        var c = data[Position];
        switch (c)
        {
            case (byte)'/':
                return ReadName();
            case (byte)'(':
                return ReadLiteralString();
            case (byte)'[':
                return ReadArray();
            case (byte)'<' when Peek(1) == '<':
                return ReadDictionary();
            case (byte)'<':
                return ReadHexString();
        }

        if (IsNumberStart(c))
        {
            var number = ReadNumber();

            // "n g R" is a reference (§7.3.10): look ahead two tokens and rewind when they aren't "g R".
            var save = Position;
            if (IsInteger(number.Text) && TryReadInteger(out var generation) && ReadKeywordOrEmpty() == "R")
            {
                return new PdfReference(number.IntValue, generation);
            }

            Position = save;
            return number;
        }

        return ReadKeyword() switch
        {
            "true" => new PdfBoolean(true),
            "false" => new PdfBoolean(false),
            "null" => PdfNull.Instance,
            var k => throw Error($"unexpected '{k}'"),
        };
    }

    /// <summary>Reads an indirect object header "n g obj" and the object after it (§7.3.10).</summary>
    public (int Number, int Generation, PdfObject Value) ReadIndirectObject()
    {
        if (!TryReadInteger(out var number) || !TryReadInteger(out var generation) || ReadKeywordOrEmpty() != "obj")
        {
            throw Error("expected 'n g obj'");
        }

        return (number, generation, ReadObject());
    }

    /// <summary>Reads a bare keyword such as <c>xref</c>, <c>trailer</c> or <c>endobj</c>; empty when there is none.</summary>
    public string ReadKeywordOrEmpty()
    {
        SkipWhitespace();
        var start = Position;
        while (Position < data.Length && IsRegular(data[Position]))
        {
            Position++;
        }

        return Encoding.ASCII.GetString(data, start, Position - start);
    }

    /// <summary>Reads an unsigned integer token; false (position unchanged) when the next token isn't one.</summary>
    public bool TryReadInteger(out int value)
    {
        SkipWhitespace();
        var start = Position;
        var end = start;
        while (end < data.Length && data[end] is >= (byte)'0' and <= (byte)'9')
        {
            end++;
        }

        if (end == start || (end < data.Length && IsRegular(data[end])))
        {
            value = 0;
            return false;
        }

        Position = end;
        value = int.Parse(Encoding.ASCII.GetString(data, start, end - start), NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Skips white-space characters and comments (§7.2.2, §7.2.3).</summary>
    public void SkipWhitespace()
    {
        while (Position < data.Length)
        {
            var c = data[Position];
            if (IsWhitespace(c))
            {
                Position++;
            }
            else if (c == '%')
            {
                while (Position < data.Length && data[Position] is not ((byte)'\r' or (byte)'\n'))
                {
                    Position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private string ReadKeyword()
    {
        var k = ReadKeywordOrEmpty();
        return k.Length > 0 ? k : throw Error($"unexpected '{(char)data[Position]}'");
    }

    private PdfNumber ReadNumber()
    {
        var start = Position;
        Position++;
        while (Position < data.Length && (data[Position] is >= (byte)'0' and <= (byte)'9' || data[Position] == '.'))
        {
            Position++;
        }

        return new PdfNumber(Encoding.ASCII.GetString(data, start, Position - start));
    }

    private PdfName ReadName()
    {
        Position++; // the slash
        var sb = new StringBuilder();
        while (Position < data.Length && IsRegular(data[Position]))
        {
            // §7.3.5: #xx is the byte with that hex code.
            if (data[Position] == '#' && Position + 2 < data.Length && IsHex(data[Position + 1]) && IsHex(data[Position + 2]))
            {
                sb.Append((char)((HexValue(data[Position + 1]) << 4) | HexValue(data[Position + 2])));
                Position += 3;
            }
            else
            {
                sb.Append((char)data[Position++]);
            }
        }

        return new PdfName(sb.ToString());
    }

    private PdfString ReadLiteralString()
    {
        // §7.3.4.2: balanced parentheses need no escape; a backslash escapes one character, three octal digits, or
        // an end of line (which is then dropped). An unescaped end of line of any kind reads as a single \n.
        Position++;
        var bytes = ImmutableArray.CreateBuilder<byte>();
        var depth = 0;
        while (true)
        {
            if (Position >= data.Length)
            {
                throw Error("unterminated string");
            }

            var c = data[Position++];
            switch (c)
            {
                case (byte)'(':
                    depth++;
                    bytes.Add(c);
                    break;
                case (byte)')' when depth == 0:
                    return new PdfString(bytes.ToImmutable(), Hex: false);
                case (byte)')':
                    depth--;
                    bytes.Add(c);
                    break;
                case (byte)'\r':
                    if (Peek(0) == '\n')
                    {
                        Position++;
                    }

                    bytes.Add((byte)'\n');
                    break;
                case (byte)'\\':
                    ReadEscape(bytes);
                    break;
                default:
                    bytes.Add(c);
                    break;
            }
        }
    }

    private void ReadEscape(ImmutableArray<byte>.Builder bytes)
    {
        if (Position >= data.Length)
        {
            throw Error("unterminated string");
        }

        var e = data[Position++];
        switch (e)
        {
            case (byte)'n': bytes.Add((byte)'\n'); break;
            case (byte)'r': bytes.Add((byte)'\r'); break;
            case (byte)'t': bytes.Add((byte)'\t'); break;
            case (byte)'b': bytes.Add((byte)'\b'); break;
            case (byte)'f': bytes.Add((byte)'\f'); break;
            case (byte)'\r':
                if (Peek(0) == '\n')
                {
                    Position++;
                }

                break;
            case (byte)'\n':
                break;
            case >= (byte)'0' and <= (byte)'7':
                var value = e - '0';
                for (var i = 0; i < 2 && Position < data.Length && data[Position] is >= (byte)'0' and <= (byte)'7'; i++)
                {
                    value = (value * 8) + (data[Position++] - '0');
                }

                bytes.Add((byte)value);
                break;
            default:
                // \( \) \\ and, per §7.3.4.2, any other character after a backslash stands for itself.
                bytes.Add(e);
                break;
        }
    }

    private PdfString ReadHexString()
    {
        // §7.3.4.3: white space is ignored and a missing last digit is 0.
        Position++;
        var bytes = ImmutableArray.CreateBuilder<byte>();
        var high = -1;
        while (true)
        {
            if (Position >= data.Length)
            {
                throw Error("unterminated hex string");
            }

            var c = data[Position++];
            if (c == '>')
            {
                if (high >= 0)
                {
                    bytes.Add((byte)(high << 4));
                }

                return new PdfString(bytes.ToImmutable(), Hex: true);
            }

            if (IsWhitespace(c))
            {
                continue;
            }

            if (!IsHex(c))
            {
                throw Error("bad hex string");
            }

            if (high < 0)
            {
                high = HexValue(c);
            }
            else
            {
                bytes.Add((byte)((high << 4) | HexValue(c)));
                high = -1;
            }
        }
    }

    private PdfArray ReadArray()
    {
        Position++;
        var items = ImmutableArray.CreateBuilder<PdfObject>();
        while (true)
        {
            SkipWhitespace();
            if (Peek(0) == ']')
            {
                Position++;
                return new PdfArray(items.ToImmutable());
            }

            items.Add(ReadObject());
        }
    }

    private PdfDictionary ReadDictionary()
    {
        Position += 2;
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, PdfObject>>();
        while (true)
        {
            SkipWhitespace();
            if (Peek(0) == '>' && Peek(1) == '>')
            {
                Position += 2;
                return new PdfDictionary(entries.ToImmutable());
            }

            if (Peek(0) != '/')
            {
                throw Error("expected a name as dictionary key");
            }

            var key = ReadName().Value;
            entries.Add(new(key, ReadObject()));
        }
    }

    private int Peek(int offset) => Position + offset < data.Length ? data[Position + offset] : -1;

    private InvalidDataException Error(string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"PDF finishing: {message} at byte {Position}"));

    private static bool IsInteger(string text) => text.All(char.IsAsciiDigit) && text.Length > 0;

    private static bool IsNumberStart(byte c) => c is (>= (byte)'0' and <= (byte)'9') or (byte)'+' or (byte)'-' or (byte)'.';

    /// <summary>White-space characters (§7.2.2, Table 1).</summary>
    private static bool IsWhitespace(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32;

    /// <summary>Delimiter characters (§7.2.2, Table 2).</summary>
    private static bool IsDelimiter(byte c) => c is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']'
        or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    private static bool IsRegular(byte c) => !IsWhitespace(c) && !IsDelimiter(c);

    private static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);

    private static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
