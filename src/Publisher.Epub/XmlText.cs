using System.Text;

namespace Publisher.Epub;

/// <summary>Removes what XML 1.0 cannot carry, so that a stray control character in a manuscript never stops a build.</summary>
internal static class XmlText
{
    /// <summary>
    /// Returns <paramref name="value"/> without the characters outside XML 1.0's <c>Char</c> production (§2.2):
    /// C0 controls other than tab, newline and carriage return; U+FFFE and U+FFFF; unpaired surrogates. CR and CRLF
    /// become LF so that output does not depend on the manuscript's line endings.
    /// </summary>
    public static string Clean(string? value, out bool removed)
    {
        removed = false;
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (!NeedsCleaning(value))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\r')
            {
                sb.Append('\n');
                if (i + 1 < value.Length && value[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(c).Append(value[i + 1]);
                i++;
            }
            else if (IsAllowed(c))
            {
                sb.Append(c);
            }
            else
            {
                removed = true;
            }
        }

        return sb.ToString();
    }

    private static bool NeedsCleaning(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\r' || !IsAllowed(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                return true;
            }
        }

        return false;
    }

    private static bool IsAllowed(char c) =>
        c is '\t' or '\n' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
}
