using System.Globalization;

namespace Publisher.Cli;

/// <summary><c>publisher watch</c>: rebuilds on every save and serves a live preview on loopback.</summary>
public static class WatchCommand
{
    private static readonly string[] Valued = ["--manuscript", "--style", "--port", "--dpi"];

    /// <summary>Runs the verb with its arguments (after "watch") until Ctrl-C.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--manuscript"] = "manuscript",
            ["--port"] = "8787",
            ["--dpi"] = "80",
        };
        if (VerbOptions.Parse("watch", args, Valued, [], values, stdout, stderr) is { } exit)
        {
            return exit;
        }

        if (!PreviewCommand.TryDpi(values["--dpi"], stderr, out var dpi))
        {
            return ExitCodes.Usage;
        }

        if (!int.TryParse(values["--port"], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            stderr.WriteLine($"publisher: error: --port must be a number from 0 to 65535, not '{values["--port"]}'");
            return ExitCodes.Usage;
        }

        if (!Directory.Exists(values["--manuscript"]))
        {
            stderr.WriteLine($"{values["--manuscript"]}: error PUB1000: manuscript folder does not exist");
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
            var server = new LiveServer(new LiveServerOptions { Manuscript = values["--manuscript"], Style = values.GetValueOrDefault("--style"), Port = port, Dpi = dpi }, stdout);
            try
            {
                server.Start();
            }
            catch (System.Net.HttpListenerException e)
            {
                stderr.WriteLine($"publisher: error: cannot listen on port {port}: {e.Message}");
                stderr.WriteLine("  hint: another program uses it; pass --port N, or --port 0 for any free port.");
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                return ExitCodes.Usage;
            }

            stdout.WriteLine($"publisher: watching {values["--manuscript"]}; preview at {server.Url} (Ctrl-C stops)");
            server.RunAsync(stop.Token).GetAwaiter().GetResult();
            stdout.WriteLine("publisher: watch stopped");
            return ExitCodes.Ok;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
