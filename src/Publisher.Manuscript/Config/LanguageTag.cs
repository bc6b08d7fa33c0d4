using System.Text.RegularExpressions;

namespace Publisher.Manuscript.Config;

/// <summary>Checks that a language tag is well-formed per BCP 47 (RFC 5646 section 2.1), without a registry lookup.</summary>
internal static partial class LanguageTag
{
    /// <summary>True when <paramref name="tag"/> is a well-formed language tag such as <c>en</c>, <c>en-GB</c> or <c>sr-Latn-RS</c>.</summary>
    public static bool IsWellFormed(string tag) => WellFormed().IsMatch(tag);

    // langtag = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse], or a bare
    // private-use tag. The RFC also allows 4-letter (reserved) and 5-8-letter (registered) primary subtags, but none
    // are assigned, and "english" is a mistake worth catching; grandfathered tags (i-klingon...) are left out too.
    [GeneratedRegex(
        @"^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?" +
        @"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?" +
        @"|x(?:-[a-z0-9]{1,8})+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WellFormed();
}
