using System.Diagnostics;
using System.Globalization;
using Publisher.Preview;
using Publisher.Typesetting;

namespace Publisher.Benchmarks;

/// <summary>
/// `--rebuild N [ROUNDS]`: where a watch rebuild's time goes. Builds the N× book once with a kept layout cache, then
/// ROUNDS times reloads and re-typesets the unchanged book as <c>publisher watch</c> does after a chapter is saved
/// (the style is kept), timing each step: load the manuscript, typeset (warm caches), compare the pages with the last
/// build's.
/// </summary>
public static class Rebuild
{
    public static int Run(string[] args)
    {
        var copies = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var manuscript = Books.Manuscript(copies);
        var cache = new LayoutCache();
        var chapters = new Publisher.Manuscript.ManuscriptCache();
        var pages = new LivePages(80);
        var style = Books.LoadStyle();
        pages.Update(Books.Typeset(Books.Load(manuscript, chapters), style, cache));
        var steps = new Dictionary<string, List<double>> { ["load manuscript"] = [], ["typeset"] = [], ["compare pages"] = [], ["total"] = [] };
        (int Files, int Divisions, int Paragraphs, int Passes) built = default;
        var previous = Books.Typeset(Books.Load(manuscript, chapters), style, cache);
        var samePages = 0;
        for (var r = 0; r < rounds; r++)
        {
            var total = Stopwatch.StartNew();
            var book = Time("load manuscript", () => Books.Load(manuscript, chapters));
            var paged = Time("typeset", () => Books.Typeset(book, style, cache));
            Time("compare pages", () => pages.Update(paged));
            samePages = paged.Pages.Zip(previous.Pages).Count(p => ReferenceEquals(p.First, p.Second));
            if (r == rounds - 1)
            {
                Console.WriteLine(string.Join(", ", paged.Pages.Zip(previous.Pages).Where(p => !ReferenceEquals(p.First, p.Second))
                    .GroupBy(p => p.First.DivisionId ?? "blank").Select(g => $"{g.Key}:{g.Count()}").Take(30)));
            }

            previous = paged;
            steps["total"].Add(total.Elapsed.TotalMilliseconds);
            built = (chapters.Built, cache.DivisionsBuilt, cache.ParagraphsSet, cache.Passes);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"last round: {built.Files} files parsed, {built.Divisions} divisions laid out, {built.Paragraphs} paragraphs set, {built.Passes} passes, {samePages} pages taken whole"));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{copies}× book, warm rebuild of an unchanged book, median of {rounds}"));
        foreach (var (name, times) in steps)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-16} {times.Order().ElementAt(times.Count / 2),8:0.0} ms"));
        }

        return 0;

        T Time<T>(string name, Func<T> step)
        {
            var sw = Stopwatch.StartNew();
            var value = step();
            steps[name].Add(sw.Elapsed.TotalMilliseconds);
            return value;
        }
    }
}
