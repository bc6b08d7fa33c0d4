namespace Publisher.Manuscript;

/// <summary>Options for <see cref="ManuscriptLoader.Load"/>.</summary>
public sealed record LoadOptions
{
    /// <summary>
    /// The build's timestamp from <c>SOURCE_DATE_EPOCH</c> (set by the CLI). When given it wins over
    /// <c>book.yml</c>'s <c>modified</c> and <c>date</c>, so that reproducible builds agree to the byte.
    /// </summary>
    public DateTimeOffset? SourceDateEpoch { get; init; }
}
