namespace Publisher.Manuscript;

/// <summary>Options for <see cref="ManuscriptLoader.Load"/>.</summary>
public sealed record LoadOptions
{
    /// <summary>
    /// The build's timestamp from <c>SOURCE_DATE_EPOCH</c> (set by the CLI). When given it wins over
    /// <c>book.yml</c>'s <c>modified</c> and <c>date</c>, so that reproducible builds agree to the byte.
    /// </summary>
    public DateTimeOffset? SourceDateEpoch { get; init; }

    /// <summary>
    /// Chapters kept from earlier loads of the same manuscript (watch keeps one): a file whose text is unchanged, and
    /// whose ids come out as before, is not parsed and built again, and gives the same division object, which lets
    /// the layout stage reuse its pages. Null: every file is parsed.
    /// </summary>
    public ManuscriptCache? Cache { get; init; }
}
