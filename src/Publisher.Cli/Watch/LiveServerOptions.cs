namespace Publisher.Cli.Watch;

/// <summary>What <see cref="LiveServer"/> builds and where it listens.</summary>
internal sealed record LiveServerOptions
{
    /// <summary>The folder holding book.yml.</summary>
    public required string Manuscript { get; init; }

    /// <summary>A style name or folder; null for the one book.yml names.</summary>
    public string? Style { get; init; }

    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; } = 8787;

    /// <summary>Resolution of the page images.</summary>
    public double Dpi { get; init; } = 80;

    /// <summary>How each build is logged.</summary>
    public WatchLog Log { get; init; } = WatchLog.Text;

    /// <summary>How long to wait after the last file event before rebuilding (see <see cref="Build.Watching.WatchOptions.Debounce"/>).</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(15);
}

/// <summary>How <see cref="LiveServer"/> logs its builds.</summary>
internal enum WatchLog
{
    /// <summary>A line per build (time, milliseconds, pages, pages changed), then its errors or warnings.</summary>
    Text,

    /// <summary><c>--quiet</c>: only the errors of a failed build and the warnings of a good one.</summary>
    Quiet,

    /// <summary><c>--json</c>: one JSON object per line per build, with its diagnostics, for an editor or a script.</summary>
    JsonLines,
}
