using System.Diagnostics;
using System.Globalization;

namespace Publisher.Benchmarks;

/// <summary>
/// `--stages N [ROUNDS]`: a Stopwatch harness that builds the N× book in-process as the CLI does, ROUNDS times
/// (default 5), and prints each stage's time (first, cold round and the median of the warm ones), allocations and the
/// process's peak working set. A quick profile without BenchmarkDotNet's many runs.
/// </summary>
public static class Stages
{
    public static int Run(string[] args)
    {
        var copies = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var manuscript = Books.Manuscript(copies);
        var names = new[] { "load manuscript", "load style", "typeset", "render PDF", "cover", "write EPUB", "total" };
        var times = names.ToDictionary(n => n, _ => new List<double>());
        var allocs = names.ToDictionary(n => n, _ => 0L);
        var pages = 0;
        for (var r = 0; r < rounds; r++)
        {
            var total = Stopwatch.StartNew();
            var book = Time("load manuscript", () => Books.Load(manuscript));
            var style = Time("load style", Books.LoadStyle);
            var paged = Time("typeset", () => Books.Typeset(book, style));
            Time("render PDF", () => Books.RenderPdf(paged));
            var cover = Time("cover", () => Books.Cover(book, style));
            Time("write EPUB", () => Books.WriteEpub(book, style, cover, Books.PageMap(book, style, paged)));
            times["total"].Add(total.Elapsed.TotalMilliseconds);
            pages = paged.Pages.Length;
        }

        var output = Console.Out;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{copies}× book, {pages} pages, {rounds} rounds in one process ({RuntimeInformationText()})"));
        output.WriteLine("| Stage | Cold (round 1) ms | Warm median ms | Share of warm total | Allocated per round MiB |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        var warmTotal = Median(times["total"].Skip(1).DefaultIfEmpty(times["total"][0]));
        foreach (var name in names)
        {
            var warm = Median(times[name].Skip(1).DefaultIfEmpty(times[name][0]));
            var alloc = name == "total" ? allocs.Values.Sum() : allocs[name];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {times[name][0]:0.0} | {warm:0.0} | {100 * warm / warmTotal:0}% | {alloc / (double)rounds / (1 << 20):0.0} |"));
        }

        using var self = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set {self.PeakWorkingSet64 / (double)(1 << 20):0} MiB; GC heap now {GC.GetTotalMemory(false) / (double)(1 << 20):0} MiB"));
        return 0;

        T Time<T>(string name, Func<T> stage)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            var value = stage();
            times[name].Add(sw.Elapsed.TotalMilliseconds);
            allocs[name] += GC.GetAllocatedBytesForCurrentThread() - before;
            return value;
        }
    }

    private static string RuntimeInformationText() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} CPUs";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
