using Xunit;

namespace Publisher.TestKit.Epub;

/// <summary>
/// Headless Chromium (Debian's <c>/usr/bin/chromium</c>, or <c>CHROMIUM</c>) for looking at what a reading system's
/// browser engine makes of our XHTML and CSS. As root it needs <c>--no-sandbox</c>; on this machine's closed network
/// it must not reach for Google's services, hence the background-networking, component-update and sync switches.
/// </summary>
public static class Chromium
{
    /// <summary>Where Chromium is looked for unless <c>CHROMIUM</c> says otherwise.</summary>
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>
    /// Saves a <paramref name="width"/> × <paramref name="height"/> screenshot of <paramref name="file"/> (opened as a
    /// <c>file://</c> URL, so <c>.xhtml</c> is parsed as XML, as reading systems do) to <paramref name="png"/>.
    /// </summary>
    public static void Screenshot(string file, string png, int width, int height)
    {
        var chromium = ExternalTools.Require("Chromium (Debian package chromium)",
            Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } c ? c : DefaultPath);
        var profile = Path.Combine(Path.GetTempPath(), $"chromium-{Environment.ProcessId}-{Path.GetFileNameWithoutExtension(Path.GetRandomFileName())}");
        try
        {
            var result = ExternalTools.Run(chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--hide-scrollbars", "--user-data-dir=" + profile,
                $"--window-size={width},{height}", "--screenshot=" + Path.GetFullPath(png), new Uri(Path.GetFullPath(file)).AbsoluteUri,
            ], TimeSpan.FromMinutes(2));
            Assert.False(result.TimedOut, "Chromium timed out");
            Assert.True(File.Exists(png), $"Chromium wrote no screenshot (exit {result.ExitCode}):\n{result.StdErr}");
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A profile left in the temp folder is harmless.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
