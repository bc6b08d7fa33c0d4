using System.Globalization;
using System.Text.RegularExpressions;
using Publisher.Manuscript.Text;
using Publisher.Model;

namespace Publisher.Manuscript.Images;

/// <summary>
/// Checks every image the manuscript names: a remote URL is never fetched, a path that leaves the manuscript folder is
/// never read, and a local file must exist and be an image of sensible size whose structure holds together. Images
/// are not set in either output yet (their alt text is), so a good image is reported as such; the checks make sure a
/// book that names a broken image fails now rather than when images are set.
/// </summary>
internal static partial class ImageCheck
{
    /// <summary>The largest image file read (64 MiB): a 600 dpi full-page photograph is a few megabytes.</summary>
    public const int MaxFileBytes = 64 << 20;

    /// <summary>
    /// The most pixels an image may decode to (64 megapixels, 256 MB as RGBA): a two-page spread at 600 dpi in the
    /// largest preset trim is about 40. A few hundred bytes of PNG can declare a bitmap of gigabytes.
    /// </summary>
    public const long MaxPixels = 64_000_000;

    /// <summary>Reports on each of <paramref name="images"/>, which were written in chapters of manuscript folder <paramref name="directory"/>.</summary>
    public static void Check(IBookSource source, string directory, IEnumerable<ImageReference> images, DiagnosticBag diagnostics)
    {
        var probed = new Dictionary<string, (string? Problem, string Code)>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            var (code, message, hints) = Judge(source, directory, image, probed);
            diagnostics.Add(code == DiagnosticCodes.ImageNotSupported || code == DiagnosticCodes.RemoteImage
                ? Diagnostic.Warning(code, message, image.Span, hints)
                : Diagnostic.Error(code, message, image.Span, hints));
        }
    }

    private static (string Code, string Message, string[] Hints) Judge(IBookSource source, string directory, ImageReference image, Dictionary<string, (string? Problem, string Code)> probed)
    {
        var src = image.Source.Trim();
        if (src.Length == 0)
        {
            return (DiagnosticCodes.MissingImage, "the image names no file", ["write the file's path between the parentheses: ![A map](images/map.png)"]);
        }

        if (src.StartsWith("//", StringComparison.Ordinal) || Scheme().Match(src) is { Success: true } m && m.Groups[1].Value.ToLowerInvariant() is "http" or "https" or "ftp" or "ftps")
        {
            return (DiagnosticCodes.RemoteImage, $"the image '{Short(src)}' is on the web; it is never fetched, and its alt text is kept",
                ["download it into the manuscript folder and name the file instead"]);
        }

        if (src.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return (DiagnosticCodes.ImageNotSupported, "images are not supported yet; the alt text is kept", []);
        }

        if (Scheme().IsMatch(src))
        {
            return (DiagnosticCodes.OutsideManuscript, $"the image '{Short(src)}' is not a file in the manuscript folder; it is not read", []);
        }

        var path = src.Split('?', '#')[0];
        try
        {
            path = Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            // Left as written: a stray '%' is a character of the file name.
        }

        if (ManuscriptPath.Inside(image.Folder, path) is not { } inside)
        {
            return (DiagnosticCodes.OutsideManuscript, $"the image '{Short(src)}' is outside the manuscript folder; it is not read",
                ["copy it into the manuscript folder and give a path relative to the chapter"]);
        }

        var full = source.Combine(directory, inside);
        if (!probed.TryGetValue(full, out var verdict))
        {
            verdict = Probe(source, full, src);
            probed[full] = verdict;
        }

        return verdict.Problem is null
            ? (DiagnosticCodes.ImageNotSupported, "images are not supported yet; the alt text is kept", [])
            : (verdict.Code, verdict.Problem, []);
    }

    private static (string? Problem, string Code) Probe(IBookSource source, string full, string src)
    {
        if (!source.FileExists(full))
        {
            return ($"the image '{Short(src)}' does not exist (looked for {source.Display(full)})", DiagnosticCodes.MissingImage);
        }

        byte[] data;
        try
        {
            data = source.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ($"cannot read the image '{Short(src)}': {e.Message}", DiagnosticCodes.BadImage);
        }

        if (data.Length > MaxFileBytes)
        {
            return (FormattableString.Invariant($"the image '{Short(src)}' is {data.Length >> 20} MiB; an image file may be at most {MaxFileBytes >> 20} MiB"), DiagnosticCodes.ImageTooLarge);
        }

        var info = ImageProbe.Probe(data, MaxPixels);
        if (info.Problem is { } problem)
        {
            return ($"the image '{Short(src)}' cannot be used: {problem}", DiagnosticCodes.BadImage);
        }

        if (info.Pixels > MaxPixels)
        {
            return (string.Create(CultureInfo.InvariantCulture,
                $"the image '{Short(src)}' is {info.Width} × {info.Height} pixels ({info.Pixels / 1e6:0} megapixels); an image may have at most {MaxPixels / 1e6:0}"),
                DiagnosticCodes.ImageTooLarge);
        }

        return (null, "");
    }

    /// <summary>A long URL or path shortened for a message.</summary>
    private static string Short(string s) => s.Length <= 80 ? s : s[..77] + "...";

    /// <summary>A URL scheme (RFC 3986 §3.1) of two or more characters, so that a drive letter is not one.</summary>
    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]+):")]
    private static partial Regex Scheme();
}
