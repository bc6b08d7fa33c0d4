namespace Publisher.Epub;

/// <summary>Options for <see cref="EpubWriter.Write"/>. Empty for now; room for the print page map and a cover.</summary>
public sealed record EpubOptions
{
    /// <summary>The defaults.</summary>
    public static EpubOptions Default { get; } = new();
}
