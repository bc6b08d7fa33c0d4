using System.Globalization;
using Publisher.Build;
using Publisher.Cli.Reporting;

namespace Publisher.Cli.Watch;

/// <summary><c>publisher watch</c>: rebuilds on every save and serves a live preview on loopback.</summary>
internal static class WatchCommand
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
            new(CommonOptions.Json.Name, null, "JSON Lines on stdout: an object per event (listening, each build with its diagnostics), then the summary", "--json"),
            new(CommonOptions.Quiet.Name, null, "print only the address, the errors of a failed build and the warnings of a good one", "--quiet"),
        ],
        Examples = ["publisher watch my-book", "publisher watch --manuscript my-book --port 0"],
        Run = Run,
    };

    private static int Run(VerbArgs args, Reporter reporter)
    {
        // With --json, stdout is JSON Lines from the first line: even a usage error is one line.
        reporter.JsonLines = reporter.Mode == OutputMode.Json;

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
        if (ManuscriptFolder.Check(manuscript) is { } missing)
        {
            reporter.Report(missing);
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
            var log = reporter.Mode switch
            {
                OutputMode.Json => WatchLog.JsonLines,
                OutputMode.Quiet => WatchLog.Quiet,
                _ => WatchLog.Text,
            };
            var server = new LiveServer(new LiveServerOptions { Manuscript = manuscript, Style = args.Get("--style"), Port = port, Dpi = dpi, Log = log }, reporter.Out);
            try
            {
                server.Start();
            }
            catch (System.Net.HttpListenerException e)
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                return reporter.UsageError(CliCodes.BadValue, $"cannot listen on port {port}: {e.Message}", "another program uses it; pass --port N, or --port 0 for any free port");
            }

            if (log == WatchLog.JsonLines)
            {
                server.WriteJsonLine(json =>
                {
                    json.WriteString("event", "listening");
                    json.WriteString("url", server.Url.ToString());
                    json.WriteString("manuscript", manuscript);
                });
            }
            else
            {
                reporter.Out.WriteLine($"publisher: watching {manuscript}; preview at {server.Url} (Ctrl-C stops)");
            }

            server.RunAsync(stop.Token).GetAwaiter().GetResult();
            if (log == WatchLog.Text)
            {
                reporter.Out.WriteLine("publisher: watch stopped");
            }

            return ExitCodes.Ok;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
