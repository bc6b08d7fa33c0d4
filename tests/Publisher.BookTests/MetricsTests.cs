using System.Collections.Concurrent;
using System.Globalization;
using Publisher.TestKit;
using Publisher.TestKit.Pdf;

namespace Publisher.BookTests;

/// <summary>
/// The sample book's typography, measured from its PDF by the same code as tests/Publisher.Metrics, against the
/// targets of the product guide (Pandoc + XeLaTeX on this text: 2.9 % of lines past 1.5×, worst 2.03×). These are
/// targets, not a record of today's output: a failure here means the typesetter does not meet them yet.
/// </summary>
[Collection(SampleBookCollection.Name)]
[Slow("measures the sample PDF through pdftotext (poppler-utils)")]
public sealed class MetricsTests(SampleBook book)
{
    // One measurement per built PDF, shared by the tests of this class (xunit makes a new instance per test).
    private static readonly ConcurrentDictionary<string, TypometricsReport> Reports = new();

    private TypometricsReport Report()
    {
        ExternalTools.Require("pdftotext (poppler-utils)", "pdftotext");
        return Reports.GetOrAdd(book.Pdf, pdf => Typometrics.Measure(pdf));
    }

    [SkippableFact]
    public void The_measurement_sees_the_book_it_measures()
    {
        // Guards every other test here: a tool that finds no justified lines would pass them all.
        var r = Report();
        Assert.True(r.JustifiedLines >= 150, $"only {r.JustifiedLines} justified lines found");
        Assert.True(r.NaturalSpaceSamples >= 100, $"natural space from only {r.NaturalSpaceSamples} spaces");
        // Charis SIL's space is about 0.29 em: 3.1 pt at 10.5 pt.
        Assert.InRange(r.NaturalSpace, 2.6, 3.6);
        Assert.Equal(14, r.LinePitch, 0.1);
    }

    [SkippableFact]
    public void At_most_2_5_percent_of_justified_lines_are_spaced_past_1_5_times_the_natural_space()
    {
        var r = Report();
        Assert.True(r.ShareLoose <= TypometricsTargets.MaxShareLoose,
            $"{r.LooseLines.Count} of {r.JustifiedLines} justified lines ({Pct(r.ShareLoose)}) past {r.LooseRatio}×:\n"
            + string.Join("\n", r.LooseLines.Select(l => $"  p. {l.Page} {N(l.Ratio)}× {l.Text}")));
    }

    [SkippableFact]
    public void The_loosest_line_is_at_most_2_times_the_natural_space()
    {
        var w = Report().Worst;
        Assert.NotNull(w);
        Assert.True(w.Ratio <= TypometricsTargets.MaxWorstRatio, $"p. {w.Page}, {N(w.Ratio)}×: {w.Text}");
    }

    [SkippableFact]
    public void No_line_is_overfull()
    {
        var r = Report();
        Assert.True(r.Overfull.Count == 0,
            string.Join("\n", r.Overfull.Select(o => $"p. {o.Page}, {N(o.Excess)} pt past the edge: {o.Text}")));
    }

    [SkippableFact]
    public void No_run_of_more_than_two_hyphenated_lines()
    {
        var r = Report();
        Assert.True(r.LongestHyphenRun <= TypometricsTargets.MaxHyphenRun,
            string.Join("\n", r.HyphenRunsOverTwo.Select(h => $"p. {h.Page}, {h.Length} in a row:\n    " + string.Join("\n    ", h.Lines))));
    }

    [SkippableFact]
    public void No_widow()
    {
        var r = Report();
        Assert.True(r.Widows.Count == 0, string.Join("\n", r.Widows.Select(x => $"p. {x.Page}: {x.Text}")));
    }

    [SkippableFact]
    public void No_orphan()
    {
        var r = Report();
        Assert.True(r.Orphans.Count == 0, string.Join("\n", r.Orphans.Select(x => $"p. {x.Page}: {x.Text}")));
    }

    [SkippableFact]
    public void No_heading_is_stranded_at_the_foot_of_a_page()
    {
        var r = Report();
        Assert.True(r.StrandedHeadings.Count == 0, string.Join("\n", r.StrandedHeadings.Select(x => $"p. {x.Page}: {x.Text}")));
    }

    private static string N(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
