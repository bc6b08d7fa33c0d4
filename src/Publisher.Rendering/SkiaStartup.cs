using SkiaSharp;

namespace Publisher.Rendering;

/// <summary>
/// Skia's one slow first step, started early. Before the first typeface can be made from a font file's bytes
/// (SkTypeface::MakeFromData goes through the default font manager), Skia's Linux build creates its default font
/// manager, which scans the system font folder (/usr/share/fonts) once per process. Publisher never uses those fonts
/// (every font is the style's), but the scan costs about 0.1 s on a machine with many fonts installed, a third of a
/// small book's build. Started on another core while the manuscript is loaded and typeset, it is done by the time
/// the PDF is drawn.
/// </summary>
public static class SkiaStartup
{
    private static Task? _started;

    /// <summary>Starts the font manager's creation in the background (once); the renderers wait for it as Skia would.</summary>
    public static void Begin() => _started ??= Task.Run(() => SKFontManager.Default.FontFamilyCount);
}
