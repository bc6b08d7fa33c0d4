using System.Globalization;
using Publisher.Preview;

namespace Publisher.Cli;

/// <summary><c>publisher preview</c>: PNG images of pages, spreads or a contact sheet, drawn by the PDF's drawing code.</summary>
public static class PreviewCommand
{
    private static readonly string[] Valued = ["--manuscript", "--style", "--out", "--pages", "--dpi"];
    private static readonly string[] Flags = ["--spreads", "--contact-sheet"];

    /// <summary>Runs the verb with its arguments (after "preview").</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--manuscript"] = "manuscript",
            ["--out"] = "preview",
            ["--dpi"] = "80",
        };
        if (VerbOptions.Parse("preview", args, Valued, Flags, values, stdout, stderr) is { } exit)
        {
            return exit;
        }

        if (!TryDpi(values["--dpi"], stderr, out var dpi))
        {
            return ExitCodes.Usage;
        }

        var typeset = BookPipeline.Typeset(values["--manuscript"], values.GetValueOrDefault("--style"), null, "publisher: preview failed; nothing was written", stderr, out var code);
        if (typeset is null)
        {
            return code;
        }

        IReadOnlyList<int>? pages = null;
        if (values.TryGetValue("--pages", out var spec) && !PageSelection.TryParse(spec, typeset.Pages, out pages, out var error))
        {
            stderr.WriteLine($"publisher: error: --pages {spec}: {error}");
            return ExitCodes.Usage;
        }

        var spreads = values.ContainsKey("--spreads");
        var sheet = values.ContainsKey("--contact-sheet");
        var options = new PreviewOptions
        {
            Pages = pages,
            Spreads = spreads,
            ContactSheet = sheet,
            // --contact-sheet alone asks for the sheet only; with --pages or --spreads it comes on top of them.
            PagesOrSpreads = !sheet || spreads || pages is not null,
            Dpi = dpi,
        };
        var images = Previewer.Preview(typeset.Pages, options);
        var outDir = values["--out"];
        Directory.CreateDirectory(outDir);
        foreach (var image in images)
        {
            using var content = new MemoryStream(image.Png);
            AtomicFile.Write(Path.Combine(outDir, image.FileName), content);
        }

        foreach (var image in images.Take(MaxListed))
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.Combine(outDir, image.FileName)}: {image.Width} × {image.Height} px"));
        }

        if (images.Length > MaxListed)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"… and {images.Length - MaxListed} more in {outDir}"));
        }

        return ExitCodes.Ok;
    }

    // Enough lines to see what was made without a screenful per book.
    private const int MaxListed = 12;

    /// <summary>Reads a resolution: a number from 1 to 1200.</summary>
    internal static bool TryDpi(string raw, TextWriter stderr, out double dpi)
    {
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out dpi) && dpi is >= 1 and <= 1200)
        {
            return true;
        }

        stderr.WriteLine($"publisher: error: --dpi must be a number from 1 to 1200, not '{raw}'");
        return false;
    }
}
