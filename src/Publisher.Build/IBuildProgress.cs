using Publisher.Model;
using Publisher.Typesetting;

namespace Publisher.Build;

/// <summary>
/// What a build tells its caller while it runs. The library prints nothing: a command line shows these as a live
/// display or as log lines, an editor as it likes. Calls come from the building thread, except
/// <see cref="Typesetting"/>, which comes from the typesetter's.
/// </summary>
public interface IBuildProgress
{
    /// <summary>A stage, or a group of stages run at once, begins: <paramref name="activity"/> says what it does ("typeset 14 divisions").</summary>
    void StageStarted(string activity);

    /// <summary>It ended (or failed): <paramref name="timings"/> holds its time, or each time of a group.</summary>
    void StageFinished(string activity, IReadOnlyList<StageTiming> timings);

    /// <summary>The typesetter set a chapter: which layout pass, which chapter of how many.</summary>
    void Typesetting(TypesetProgress progress);

    /// <summary>A stage reported problems (as soon as it ends, so they can be shown before the next stage runs).</summary>
    void Reported(IReadOnlyList<Diagnostic> diagnostics);
}
