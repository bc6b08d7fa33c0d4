using BenchmarkDotNet.Running;
using Publisher.Benchmarks;

// `--stages [N] [ROUNDS]` runs the Stopwatch harness; anything else goes to BenchmarkDotNet
// (e.g. `--filter '*' --job short`).
if (args.Length > 0 && args[0] == "--stages")
{
    return Stages.Run(args);
}

if (args.Length > 0 && args[0] == "--rebuild")
{
    return Rebuild.Run(args);
}

if (args.Length > 0 && args[0] == "--watch-latency")
{
    return await WatchLatency.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(StageBenchmarks).Assembly).Run(args);
return 0;
