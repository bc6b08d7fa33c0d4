using System.Diagnostics;
using System.Globalization;
using CsCheck;
using Publisher.Fuzz;

// The Markdown fuzzer as a program: random manuscripts built in-process and checked (see BookCheck).
//
//   dotnet run -c Release --project tests/Publisher.Fuzz -- [--cases N] [--seed SEED] [--threads N]
//
// Defaults: 1000 cases, a random seed, one thread per core. On a failure CsCheck shrinks to a smaller failing case and
// prints it with the seed that reproduces it (pass it back with --seed); the exit code is 1. qpdf and poppler-utils
// (pdftotext) must be installed.
var cases = 1000L;
string? seed = null;
var threads = Environment.ProcessorCount;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--cases" when i + 1 < args.Length:
            cases = long.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--seed" when i + 1 < args.Length:
            seed = args[++i];
            break;
        case "--threads" when i + 1 < args.Length:
            threads = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine("usage: Publisher.Fuzz [--cases N] [--seed SEED] [--threads N]");
            return 2;
    }
}

var clock = Stopwatch.StartNew();
try
{
    MarkdownGen.Manuscripts.Sample(BookCheck.Check, writeLine: Console.WriteLine, seed: seed, iter: cases, threads: threads, print: m => m.ToString());
}
catch (Exception e)
{
    Console.WriteLine(e.Message);
    for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
    {
        Console.WriteLine(inner.Message);
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAILED after {clock.Elapsed.TotalSeconds:0.0} s"));
    return 1;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases} cases passed in {clock.Elapsed.TotalSeconds:0.0} s"));
return 0;
