using Publisher.Build;
using Publisher.Cli.Reporting;

namespace Publisher.Cli;

/// <summary><c>publisher build</c>: manuscript + style → PDF + EPUB, written atomically.</summary>
internal static class BuildCommand
{
    /// <summary>The verb's options, help and entry point.</summary>
    public static VerbSpec Spec { get; } = new()
    {
        Name = "build",
        Summary = "Build the print PDF and the EPUB 3 of a book",
        Details = "Writes <slug>.pdf and <slug>.epub (the slug is made from the title). Both are made in memory and renamed into\n"
            + "place only when the whole build succeeded, so a failed build leaves the last good files as they were.",
        Positional = CommonOptions.ManuscriptArgument,
        PositionalDescription = CommonOptions.ManuscriptArgumentDescription,
        Options = [.. CommonOptions.BookInputs, CommonOptions.Out("the PDF and the EPUB", "dist"), .. CommonOptions.Reporting],
        Examples = ["publisher build my-book", "publisher build --manuscript my-book --style a5 --out dist", "publisher build --json > build.json"],
        Run = Run,
    };

    private static int Run(VerbArgs args, Reporter reporter) => reporter.Run(() =>
    {
        var request = new BuildRequest { Manuscript = args.Manuscript, Style = args.Get("--style"), OutDir = args.Get("--out", "dist"), Target = BuildTarget.Files };
        if (BookRuns.Run(request, reporter, "publisher: build failed; nothing was written", out var exit) is not { } built)
        {
            return exit;
        }

        // The summary's notes: what each file holds (the outputs are the PDF, then the EPUB).
        string[] notes = [Wording.Count(built.Pages!.Pages.Length, "page"), Wording.Count(built.Book!.Divisions.Length, "document")];
        foreach (var (output, note) in built.Outputs.Zip(notes))
        {
            reporter.Output(output.Path, output.Bytes, note);
        }

        reporter.Headline = "Built";
        return ExitCodes.Ok;
    });
}
