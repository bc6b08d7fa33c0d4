using System.Security.Cryptography;
using System.Text;

namespace Publisher.Manuscript.Config;

/// <summary>The default <c>identifier</c>: a UUID made from the title and authors, so rebuilding never changes it.</summary>
internal static class BookIdentifier
{
    /// <summary>
    /// A <c>urn:uuid:</c> whose 122 free bits are the start of SHA-256 over the title and authors (joined by U+001F,
    /// a character no title holds, so "A B"+"C" and "A"+"B C" differ), stamped as an RFC 9562 version-8 UUID.
    /// </summary>
    public static string Derive(string title, IEnumerable<string> authors)
    {
        var input = string.Join('\u001F', authors.Prepend(title));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        var bytes = hash.AsSpan(0, 16);

        // Version 8 ("custom") in the high nibble of byte 6; variant 10xx in byte 8 (RFC 9562, sections 4.1-4.2).
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);

        var hex = Convert.ToHexStringLower(bytes);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
