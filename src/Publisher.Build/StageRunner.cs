namespace Publisher.Build;

/// <summary>
/// Runs the stages of one build: times each with the request's clock (the only clock a build reads) and tells the
/// progress when each begins and ends. The stages themselves are untimed library calls.
/// </summary>
internal sealed class StageRunner(IBuildProgress? progress, TimeProvider clock)
{
    private readonly List<StageTiming> _timings = [];

    /// <summary>The stages run so far, in order.</summary>
    public IReadOnlyList<StageTiming> Timings => _timings;

    /// <summary>Runs one stage; <paramref name="name"/> is what the timings call it, <paramref name="activity"/> what the progress shows.</summary>
    public T Run<T>(string name, string activity, Func<T> work)
    {
        progress?.StageStarted(activity);
        var start = clock.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            // Also when it throws: an output folder that cannot be written still took its time.
            var timing = new StageTiming(name, clock.GetElapsedTime(start));
            _timings.Add(timing);
            progress?.StageFinished(activity, [timing]);
        }
    }

    /// <summary>
    /// Runs independent stages at once (each on its own core where there is one), shown as one activity; each is
    /// timed on its own, so the times may add up to more than the group took.
    /// </summary>
    public void RunTogether(string activity, params (string Name, Action Work)[] stages)
    {
        progress?.StageStarted(activity);
        var times = new TimeSpan[stages.Length];
        Parallel.For(0, stages.Length, i =>
        {
            var start = clock.GetTimestamp();
            stages[i].Work();
            times[i] = clock.GetElapsedTime(start);
        });
        var timings = stages.Select((s, i) => new StageTiming(s.Name, times[i])).ToArray();
        _timings.AddRange(timings);
        progress?.StageFinished(activity, timings);
    }
}
