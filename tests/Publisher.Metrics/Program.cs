using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Publisher.TestKit.Pdf;

namespace Publisher.Metrics;

/// <summary>
/// <c>publisher-metrics FILE.pdf [MORE.pdf …] [options]</c>: measures the typography of PDFs and prints a table (one
/// column per file) or JSON. The measuring is Publisher.TestKit's <see cref="Typometrics"/>; this only prints.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: publisher-metrics FILE.pdf [MORE.pdf ...] [options]

          --json                   print JSON instead of the table
          --labels A,B,...         column names (default: the file names)
          --first-body-page N      leave out pages before N (1-based, physical)
          --text-right-recto X     the text block's right edge on odd pages, in pt from the page's left edge
          --text-right-verso X     the same on even pages
          --natural-space X        the natural word space in pt (default: measured from ragged lines)
          --all                    list every loose and overfull line, not just the first five
          --check                  exit 1 when the first file misses a target
          --explain                print every line with what the tool took it for (see README)

        With two or more files the table gets a ratio column: the first file's figure over the second's.
        """;

    private static int Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        var files = new List<string>();
        var labels = new List<string>();
        var json = false;
        var all = false;
        var check = false;
        var explain = false;
        var options = new TypometricsOptions();
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--json": json = true; break;
                    case "--all": all = true; break;
                    case "--check": check = true; break;
                    case "--explain": explain = true; break;
                    case "--labels": labels.AddRange(Value(args, ref i).Split(',')); break;
                    case "--first-body-page": options = options with { FirstBodyPage = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture) }; break;
                    case "--text-right-recto": options = options with { TextRightRecto = Number(Value(args, ref i)) }; break;
                    case "--text-right-verso": options = options with { TextRightVerso = Number(Value(args, ref i)) }; break;
                    case "--natural-space": options = options with { NaturalSpace = Number(Value(args, ref i)) }; break;
                    case "-h" or "--help": Console.Out.Write(Usage); return 0;
                    default:
                        if (args[i].StartsWith('-'))
                        {
                            throw new ArgumentException("unknown option " + args[i]);
                        }

                        files.Add(args[i]);
                        break;
                }
            }

            if (files.Count == 0)
            {
                throw new ArgumentException("no PDF given");
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine("publisher-metrics: " + e.Message);
            Console.Error.Write(Usage);
            return 2;
        }

        if (explain)
        {
            foreach (var f in files)
            {
                Console.Out.Write(Typometrics.Explain(BboxLayout.Read(f), options));
            }

            return 0;
        }

        var reports = new List<TypometricsReport>();
        foreach (var f in files)
        {
            if (!File.Exists(f))
            {
                Console.Error.WriteLine($"publisher-metrics: {f}: no such file");
                return 2;
            }

            try
            {
                reports.Add(Typometrics.Measure(f, options));
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine("publisher-metrics: " + e.Message);
                return 1;
            }
        }

        for (var i = labels.Count; i < files.Count; i++)
        {
            labels.Add(Path.GetFileNameWithoutExtension(files[i]));
        }

        Console.Out.Write(json ? Json(files, labels, reports) : Table(labels, reports, all));
        return check && Misses(reports[0]).Count > 0 ? 1 : 0;
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException(args[i - 1] + " needs a value");

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The targets a report misses, each as a short sentence.</summary>
    private static List<string> Misses(TypometricsReport r)
    {
        var misses = new List<string>();
        if (r.ShareLoose > TypometricsTargets.MaxShareLoose)
        {
            misses.Add($"{Pct(r.ShareLoose)} of lines past {N(r.LooseRatio, "0.0")}×");
        }

        if (r.Worst is { } w && w.Ratio > TypometricsTargets.MaxWorstRatio)
        {
            misses.Add($"worst line {N(w.Ratio, "0.00")}×");
        }

        if (r.LongestHyphenRun > TypometricsTargets.MaxHyphenRun)
        {
            misses.Add($"{r.LongestHyphenRun} hyphens in a row");
        }

        AddCount(r.Overfull.Count, "overfull line");
        AddCount(r.Widows.Count, "widow");
        AddCount(r.Orphans.Count, "orphan");
        AddCount(r.StrandedHeadings.Count, "stranded heading");
        return misses;

        void AddCount(int n, string what)
        {
            if (n > 0)
            {
                misses.Add($"{n} {what}{(n == 1 ? "" : "s")}");
            }
        }
    }

    private static string Table(List<string> labels, List<TypometricsReport> reports, bool all)
    {
        var two = reports.Count >= 2;
        var rows = new List<string[]>();
        void Row(string name, Func<TypometricsReport, string> cell, Func<TypometricsReport, double>? value = null, string target = "")
        {
            var cells = new List<string> { name };
            cells.AddRange(reports.Select(cell));
            if (two)
            {
                cells.Add(value is null ? "" : Ratio(value(reports[0]), value(reports[1])));
            }

            cells.Add(target);
            rows.Add([.. cells]);
        }

        Row("pages measured", r => r.Pages.ToString(CultureInfo.InvariantCulture));
        Row("body word-box height (pt)", r => N(r.BodyHeight, "0.00"));
        Row("line pitch (pt)", r => N(r.LinePitch, "0.00"));
        Row("natural space (pt)", r => N(r.NaturalSpace, "0.00") + (r.NaturalSpaceSamples > 0 ? $" (n={r.NaturalSpaceSamples})" : " (given)"));
        Row("justified lines", r => I(r.JustifiedLines), r => r.JustifiedLines);
        Row("mean word space (× natural)", r => N(r.MeanSpaceRatio, "0.000"), r => r.MeanSpaceRatio);
        Row($"lines past {N(reports[0].LooseRatio, "0.0")}× natural", r => $"{I(r.LooseLines.Count)} ({Pct(r.ShareLoose)})", r => r.ShareLoose,
            "≤ " + Pct(TypometricsTargets.MaxShareLoose));
        Row("worst line (× natural)", r => r.Worst is null ? "—" : $"{N(r.Worst.Ratio, "0.00")} (p. {r.Worst.Page})", r => r.Worst?.Ratio ?? double.NaN,
            "≤ " + N(TypometricsTargets.MaxWorstRatio, "0.00"));
        Row("hyphenated line ends", r => I(r.HyphenatedLines), r => r.HyphenatedLines);
        Row("longest run of hyphens", r => I(r.LongestHyphenRun), r => r.LongestHyphenRun, "≤ " + I(TypometricsTargets.MaxHyphenRun));
        Row("runs of more than two", r => I(r.HyphenRunsOverTwo.Count), r => r.HyphenRunsOverTwo.Count, "0");
        Row("overfull lines", r => I(r.Overfull.Count), r => r.Overfull.Count, "0");
        Row("widows", r => I(r.Widows.Count), r => r.Widows.Count, "0");
        Row("orphans", r => I(r.Orphans.Count), r => r.Orphans.Count, "0");
        Row("stranded headings", r => I(r.StrandedHeadings.Count), r => r.StrandedHeadings.Count, "0");

        var header = new List<string> { "" };
        header.AddRange(labels);
        if (two)
        {
            header.Add($"{labels[0]}/{labels[1]}");
        }

        header.Add("target");
        rows.Insert(0, [.. header]);
        var widths = Enumerable.Range(0, header.Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var r in rows)
        {
            sb.Append(string.Join("  ", r.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd()).Append('\n');
        }

        for (var i = 0; i < reports.Count; i++)
        {
            Details(sb, labels[i], reports[i], all);
        }

        return sb.ToString();
    }

    private static void Details(StringBuilder sb, string label, TypometricsReport r, bool all)
    {
        sb.Append('\n').Append(label).Append(": ");
        var misses = Misses(r);
        sb.Append(misses.Count == 0 ? "meets every target" : "misses: " + string.Join("; ", misses)).Append('\n');
        if (r.Worst is { } w)
        {
            sb.Append($"  worst line, p. {w.Page}, {N(w.Ratio, "0.00")}×: {Clip(w.Text)}\n");
        }

        var loose = all ? r.LooseLines : r.LooseLines.Take(5).ToList();
        foreach (var l in loose)
        {
            sb.Append($"  loose, p. {l.Page}, {N(l.Ratio, "0.00")}×: {Clip(l.Text)}\n");
        }

        if (!all && r.LooseLines.Count > loose.Count)
        {
            sb.Append($"  … and {r.LooseLines.Count - loose.Count} more loose lines (--all lists them)\n");
        }

        foreach (var h in r.HyphenRunsOverTwo)
        {
            sb.Append($"  {h.Length} hyphens in a row, p. {h.Page}: {string.Join(" / ", h.Lines.Select(x => Clip(x, 30)))}\n");
        }

        var overfull = all ? r.Overfull : r.Overfull.Take(5).ToList();
        foreach (var o in overfull)
        {
            sb.Append($"  overfull by {N(o.Excess, "0.00")} pt, p. {o.Page}: {Clip(o.Text)}\n");
        }

        if (!all && r.Overfull.Count > overfull.Count)
        {
            sb.Append($"  … and {r.Overfull.Count - overfull.Count} more overfull lines (--all lists them)\n");
        }

        foreach (var x in r.Widows)
        {
            sb.Append($"  widow, p. {x.Page}: {Clip(x.Text)}\n");
        }

        foreach (var x in r.Orphans)
        {
            sb.Append($"  orphan, p. {x.Page}: {Clip(x.Text)}\n");
        }

        foreach (var x in r.StrandedHeadings)
        {
            sb.Append($"  stranded heading, p. {x.Page}: {Clip(x.Text)}\n");
        }
    }

    private static string Json(List<string> files, List<string> labels, List<TypometricsReport> reports)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable quotes and dashes; this is printed, not embedded in HTML
        };
        object value = reports.Count == 1
            ? new { file = files[0], report = reports[0], misses = Misses(reports[0]) }
            : reports.Select((r, i) => new { label = labels[i], file = files[i], report = r, misses = Misses(r) }).ToList();
        return JsonSerializer.Serialize(value, options) + "\n";
    }

    private static string Ratio(double a, double b) =>
        double.IsNaN(a) || double.IsNaN(b) ? "—" : b == 0 ? (a == 0 ? "=" : "—") : N(a / b, "0.00");

    private static string N(double v, string format) => double.IsNaN(v) ? "—" : v.ToString(format, CultureInfo.InvariantCulture);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Clip(string s, int max = 72) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
