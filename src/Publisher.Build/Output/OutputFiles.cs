using System.Collections.Immutable;

namespace Publisher.Build.Output;

/// <summary>The "write files" stage: a set of files written into one folder together.</summary>
public static class OutputFiles
{
    /// <summary>What the timings call the stage.</summary>
    public const string StageName = "write files";

    /// <summary>
    /// Writes files into a folder (made if need be), each atomically. The files are committed together: every one is
    /// first written whole to its temporary file and flushed to disk, and only then are they renamed into place, one
    /// rename after another. A build killed while it writes so leaves the old set or the new set (the PDF and the EPUB
    /// of one build), short of a kill in the microseconds between two renames; writing and renaming file by file left
    /// a window of a whole fsync in which the new PDF stood beside the old EPUB, or alone on a first build. Throws
    /// <see cref="OutputException"/> when the folder cannot be written.
    /// </summary>
    public static ImmutableArray<BuildOutput> Write(string outDir, IReadOnlyList<(string Name, byte[] Content)> files, IBuildProgress? progress, TimeProvider? clock = null) =>
        Write(outDir, files, new StageRunner(progress, clock ?? TimeProvider.System));

    internal static ImmutableArray<BuildOutput> Write(string outDir, IReadOnlyList<(string Name, byte[] Content)> files, StageRunner stages)
    {
        // Each write makes the folder if need be, inside its own error handling (an unwritable folder is PUB5002).
        stages.Run(StageName, $"write {outDir}", () =>
        {
            AtomicFile.WriteTogether(files.Select(f => (Path.Combine(outDir, f.Name), f.Content)));
            return true;
        });
        return [.. files.Select(f => new BuildOutput(Path.Combine(outDir, f.Name), f.Content.Length))];
    }
}
