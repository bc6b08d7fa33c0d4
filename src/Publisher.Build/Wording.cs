using System.Globalization;

namespace Publisher.Build;

/// <summary>Words for counts, as progress lines and summaries say them.</summary>
public static class Wording
{
    /// <summary>"1 page", "1,204 pages": the count with a thousands comma and the noun, plural unless one.</summary>
    public static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n:#,0} {noun}{(n == 1 ? "" : "s")}");
}
