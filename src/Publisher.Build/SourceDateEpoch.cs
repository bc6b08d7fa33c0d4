using System.Globalization;
using Publisher.Model;

namespace Publisher.Build;

/// <summary>
/// <c>SOURCE_DATE_EPOCH</c>: the build's timestamp as a whole number of seconds since 1970, which wins over
/// book.yml's dates so that reproducible builds agree to the byte (reproducible-builds.org/specs/source-date-epoch).
/// </summary>
public static class SourceDateEpoch
{
    /// <summary>The code of a value that is not one (the command line's "bad value").</summary>
    public const string BadValue = "PUB0002";

    // 9999-12-31T23:59:59Z: the last second a DateTimeOffset (and a four-digit year) can hold.
    private const long Latest = 253402300799;

    /// <summary>
    /// Reads the variable's value: null or blank is no epoch; anything but a whole number of seconds up to the year
    /// 9999 is a diagnostic and false.
    /// </summary>
    public static bool TryParse(string? raw, out DateTimeOffset? epoch, out Diagnostic? problem)
    {
        epoch = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > Latest)
        {
            problem = Diagnostic.Error(BadValue, $"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not '{raw}'", null, "unset it to take the date from book.yml");
            return false;
        }

        epoch = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
