using System.Globalization;
using Publisher.Build;
using Publisher.Model;
using Spectre.Console;

namespace Publisher.Cli.Reporting;

/// <summary>
/// The summary a successful build, preview or diff ends with on stdout: the headline with the book's counts, the
/// files written, the stage times and the warnings by code.
/// </summary>
internal static class SummaryText
{
    // Enough lines to see what was made without a screenful per book (a preview writes one file per page).
    private const int MaxListed = 12;

    public static void Write(Reporter run, ConsoleView view)
    {
        var total = Seconds(run.Elapsed);
        var head = run.Book is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"{run.Headline} \"{b.Title}\" in {total}: {Wording.Count(b.Pages, "page")}, {Wording.Count(b.Words, "word")}, {Wording.Count(b.Chapters, "chapter")}")
            : $"{run.Headline} in {total}";
        view.SummaryLine(head, $"[green bold]{Markup.Escape(head)}[/]");
        var outputs = run.Outputs;
        var width = outputs.Take(MaxListed).Select(o => o.Path.Length).DefaultIfEmpty(0).Max();
        foreach (var o in outputs.Take(MaxListed))
        {
            var line = $"  {o.Path.PadRight(width)}  {Size(o.Bytes),10}{(o.Note is null ? "" : "  " + o.Note)}";
            view.SummaryLine(line, Markup.Escape(line));
        }

        if (outputs.Count > MaxListed)
        {
            var more = string.Create(CultureInfo.InvariantCulture, $"  … and {outputs.Count - MaxListed} more files ({Size(outputs.Skip(MaxListed).Sum(o => o.Bytes))})");
            view.SummaryLine(more, Markup.Escape(more));
        }

        var stages = "  time: " + string.Join(", ", run.Stages.Select(s => $"{s.Name} {Seconds(s.Elapsed)}"));
        view.SummaryLine(stages, $"[dim]{Markup.Escape(stages)}[/]");
        var warnings = "  warnings: " + ByCode(run.CountByCode(Severity.Warning));
        view.SummaryLine(warnings, run.Diagnostics.Any(d => d.Severity == Severity.Warning) ? $"[yellow]{Markup.Escape(warnings)}[/]" : Markup.Escape(warnings));
    }

    /// <summary>"none", or the total and each code with its count: "3 (PUB1018 ×2, PUB3004 ×1)".</summary>
    private static string ByCode(SortedDictionary<string, int> groups) => groups.Count == 0
        ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"{groups.Sum(g => g.Value)} ({string.Join(", ", groups.Select(g => $"{g.Key} ×{g.Value}"))})");

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.00} s");

    /// <summary>A file size as a person reads it: bytes, KiB or MiB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
    };
}
