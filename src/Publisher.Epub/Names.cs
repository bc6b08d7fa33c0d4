using System.Text;

namespace Publisher.Epub;

/// <summary>Turns author-given ids into the names an EPUB may use: XML ids and container file names.</summary>
internal static class Names
{
    /// <summary>
    /// An id that is valid in XHTML content documents as epubcheck checks them: an XML NCName (letters, digits,
    /// <c>-</c>, <c>_</c>, <c>.</c>; starting with a letter or <c>_</c>). Anything else becomes <c>-</c>, and an id
    /// that would start with a digit gets an <c>id-</c> prefix, so <c>1.2 Intro</c> becomes <c>id-1.2-Intro</c>.
    /// </summary>
    public static string ToXmlId(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "id";
        }

        var sb = new StringBuilder(value.Length + 3);
        foreach (var c in value)
        {
            // char.IsLetterOrDigit is a subset of the XML NameChar classes for the BMP; surrogates and marks are
            // replaced because a lone half or a combining mark at the start would make an invalid name.
            sb.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        if (!(char.IsLetter(sb[0]) || sb[0] == '_'))
        {
            sb.Insert(0, "id-");
        }

        return sb.ToString();
    }

    /// <summary>
    /// A file-name stem made only of lower-case ASCII letters, digits, <c>-</c> and <c>_</c>. EPUB 3.3 §4.2.3 bans
    /// some characters outright and epubcheck warns (PKG-012) about non-ASCII names; lower case keeps two names
    /// from differing only in case, which §4.2.3 also forbids.
    /// </summary>
    public static string ToFileStem(string? value)
    {
        var sb = new StringBuilder();
        foreach (var c in value ?? "")
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        return sb.ToString().Trim('-');
    }

    /// <summary>Makes <paramref name="wanted"/> unique against <paramref name="used"/> by appending -2, -3, ... and records it.</summary>
    public static string Unique(string wanted, HashSet<string> used)
    {
        var candidate = wanted;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = FormattableString.Invariant($"{wanted}-{n}");
        }

        return candidate;
    }

}
