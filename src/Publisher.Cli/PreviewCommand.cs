using System.Globalization;
using Publisher.Build;
using Publisher.Build.Output;
using Publisher.Cli.Reporting;
using Publisher.Preview;

namespace Publisher.Cli;

/// <summary><c>publisher preview</c>: PNG images of pages, spreads or a contact sheet, drawn by the PDF's drawing code.</summary>
internal static class PreviewCommand
{
    /// <summary>The verb's options, help and entry point.</summary>
    public static VerbSpec Spec { get; } = new()
    {
        Name = "preview",
        Summary = "Draw pages, spreads or a contact sheet as PNG images, with the PDF's own drawing code",
        Details = "Every page by default, page-001.png, … into preview/.",
        Positional = CommonOptions.ManuscriptArgument,
        PositionalDescription = CommonOptions.ManuscriptArgumentDescription,
        Options =
        [
            new("--pages", "LIST", "physical pages counted from 1 at the PDF's first page (1-12,15), or folios as printed (iv, ix-xii, p12, p1-p20)", "--pages 1-12,15"),
            new("--spreads", null, "facing pages side by side, page 1 alone on the right: spread-002-003.png", "--spreads"),
            new("--contact-sheet", null, "contact-sheet.png: every page as a labelled thumbnail (alone, it is the only image)", "--contact-sheet"),
            CommonOptions.Dpi(80),
            CommonOptions.Out("the images", "preview"),
            .. CommonOptions.BookInputs,
            .. CommonOptions.Reporting,
        ],
        Examples = ["publisher preview my-book --pages 1-4", "publisher preview --manuscript my-book --spreads --contact-sheet --dpi 60"],
        Run = Run,
    };

    private static int Run(VerbArgs args, Reporter reporter)
    {
        // Pages are drawn with Skia, whose one slow first step can start now (see SkiaStartup).
        Publisher.Rendering.SkiaStartup.Begin();
        if (!TryDpi(args.Get("--dpi", "80"), reporter, out var dpi))
        {
            return ExitCodes.Usage;
        }

        return reporter.Run(() => Preview(args, dpi, reporter));
    }

    private static int Preview(VerbArgs args, double dpi, Reporter reporter)
    {
        var request = new BuildRequest { Manuscript = args.Manuscript, Style = args.Get("--style"), Target = BuildTarget.Pages };
        if (BookRuns.Run(request, reporter, "publisher: preview failed; nothing was written", out var code) is not { Pages: { } paged })
        {
            return code;
        }

        IReadOnlyList<int>? pages = null;
        if (args.Get("--pages") is { } spec && !PageSelection.TryParse(spec, paged, out pages, out var error))
        {
            return reporter.UsageError(CliCodes.BadValue, $"--pages {spec}: {error}");
        }

        var spreads = args.Has("--spreads");
        var sheet = args.Has("--contact-sheet");
        var options = new PreviewOptions
        {
            Pages = pages,
            Spreads = spreads,
            ContactSheet = sheet,
            // --contact-sheet alone asks for the sheet only; with --pages or --spreads it comes on top of them.
            PagesOrSpreads = !sheet || spreads || pages is not null,
            Dpi = dpi,
        };
        var images = reporter.Stage("draw images", "draw page images", () => Previewer.Preview(paged, options));
        var written = OutputFiles.Write(args.Get("--out", "preview"), [.. images.Select(i => (i.FileName, i.Png))], reporter.Progress());
        foreach (var (output, image) in written.Zip(images))
        {
            reporter.Output(output.Path, output.Bytes, string.Create(CultureInfo.InvariantCulture, $"{image.Width} × {image.Height} px"));
        }

        reporter.Headline = "Previewed";
        return ExitCodes.Ok;
    }

    /// <summary>Reads a resolution: a number from 1 to 1200.</summary>
    internal static bool TryDpi(string raw, Reporter reporter, out double dpi)
    {
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out dpi) && dpi is >= 1 and <= 1200)
        {
            return true;
        }

        reporter.UsageError(CliCodes.BadValue, $"--dpi must be a number from 1 to 1200, not '{raw}'");
        return false;
    }
}
