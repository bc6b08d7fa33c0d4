using System.Globalization;

namespace Publisher.Cli;

/// <summary><c>publisher watch</c>: rebuilds on every save and serves a live preview on loopback.</summary>
public static class WatchCommand
{
    /// <summary>The verb's options, help and entry point.</summary>
    public static VerbSpec Spec { get; } = new()
    {
        Name = "watch",
        Summary = "Rebuild on every save and serve a live preview on http://127.0.0.1:8787/",
        Details = "Loopback only. The open page swaps in changed pages by itself; a failed build shows its errors above the last\n"
            + "good pages. Ctrl-C stops it.",
        Positional = CommonOptions.ManuscriptArgument,
        PositionalDescription = CommonOptions.ManuscriptArgumentDescription,
        Options =
        [
            new("--port", "N", "the port to listen on, 0 for any free one (default: 8787)", "--port 0"),
            CommonOptions.Dpi(80),
            .. CommonOptions.BookInputs,
        ],
        Examples = ["publisher watch my-book", "publisher watch --manuscript my-book --port 0"],
        Run = Run,
    };

    private static int Run(VerbArgs args, Reporter reporter)
    {
        // Pages are drawn with Skia, whose one slow first step can start now (see SkiaStartup).
        Publisher.Rendering.SkiaStartup.Begin();
        if (!PreviewCommand.TryDpi(args.Get("--dpi", "80"), reporter, out var dpi))
        {
            return ExitCodes.Usage;
        }

        var portText = args.Get("--port", "8787");
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return reporter.UsageError(CliCodes.BadValue, $"--port must be a number from 0 to 65535, not '{portText}'");
        }

        var manuscript = args.Manuscript;
        if (!Directory.Exists(manuscript))
        {
            reporter.Report(Model.Diagnostic.Error("PUB1000", "manuscript folder does not exist", new Model.SourceSpan(manuscript), "the folder holding book.yml; a new book: publisher init my-book"));
            return ExitCodes.Usage;
        }

        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // Stop cleanly instead of being killed mid-response: the server closes its streams first.
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var server = new LiveServer(new LiveServerOptions { Manuscript = manuscript, Style = args.Get("--style"), Port = port, Dpi = dpi }, reporter.Out);
            try
            {
                server.Start();
            }
            catch (System.Net.HttpListenerException e)
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                return reporter.UsageError(CliCodes.BadValue, $"cannot listen on port {port}: {e.Message}", "another program uses it; pass --port N, or --port 0 for any free port");
            }

            reporter.Out.WriteLine($"publisher: watching {manuscript}; preview at {server.Url} (Ctrl-C stops)");
            server.RunAsync(stop.Token).GetAwaiter().GetResult();
            reporter.Out.WriteLine("publisher: watch stopped");
            return ExitCodes.Ok;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
