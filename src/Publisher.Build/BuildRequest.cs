using Publisher.Styles;

namespace Publisher.Build;

/// <summary>How far a build goes.</summary>
public enum BuildTarget
{
    /// <summary>Load the manuscript and the style and stop, even when they have errors (what <c>publisher check</c> lints).</summary>
    Load,

    /// <summary>Also typeset: the pages, in memory (preview, diff and watch draw them).</summary>
    Pages,

    /// <summary>Also render the PDF and write the EPUB, and write both into <see cref="BuildRequest.OutDir"/>.</summary>
    Files,
}

/// <summary>What to build, from where, into where: the options of <see cref="BookBuilder.Build"/>.</summary>
public sealed record BuildRequest
{
    /// <summary>The manuscript folder (the one holding book.yml).</summary>
    public required string Manuscript { get; init; }

    /// <summary>A style name or folder; null for the one book.yml names, else <see cref="StyleLoader.DefaultStyle"/>.</summary>
    public string? Style { get; init; }

    /// <summary>Where style names are looked up; null for <see cref="StyleLookup.Roots"/> of the manuscript.</summary>
    public StyleRoots? StyleRoots { get; init; }

    /// <summary>How far to go.</summary>
    public BuildTarget Target { get; init; } = BuildTarget.Files;

    /// <summary>The folder <see cref="BuildTarget.Files"/> writes <c>SLUG.pdf</c> and <c>SLUG.epub</c> into.</summary>
    public string OutDir { get; init; } = "dist";

    /// <summary>
    /// The raw value of <c>SOURCE_DATE_EPOCH</c> (the caller reads its environment; the library never does), or null.
    /// A value that is not a whole number of seconds is an input error (PUB0002).
    /// </summary>
    public string? SourceDateEpoch { get; init; }

    /// <summary>What a rebuild of the same book may take from the last build (watch keeps one); null for none.</summary>
    public RebuildCaches? Caches { get; init; }

    /// <summary>
    /// The clock the stage timings are read from, and nothing else: no stage reads a clock, so the outputs cannot
    /// depend on one. A test passes a fake one.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
