using System.Collections.Immutable;
using System.Xml.Linq;

namespace Publisher.TestKit.Epub;

/// <summary>One entry of the ZIP as its headers describe it (PKWARE APPNOTE 4.3.7 and 4.3.12).</summary>
/// <param name="Name">The entry's path.</param>
/// <param name="Method">0 stored, 8 deflated.</param>
/// <param name="Flags">The general purpose bit flags of the local header; bit 3 means a data descriptor follows.</param>
/// <param name="LocalExtraLength">Length of the local header's extra field.</param>
/// <param name="CentralExtraLength">Length of the central directory's extra field.</param>
/// <param name="LocalHeaderOffset">Where the local header starts.</param>
public sealed record ZipEntryInfo(string Name, int Method, int Flags, int LocalExtraLength, int CentralExtraLength, long LocalHeaderOffset)
{
    /// <summary>True when a data descriptor follows the data (flag bit 3).</summary>
    public bool HasDataDescriptor => (Flags & 0x08) != 0;
}

/// <summary>A dc:creator or dc:contributor with its MARC relator role, if refined.</summary>
public sealed record EpubContributor(string Name, string? Role);

/// <summary>A <c>meta</c> element of the package metadata.</summary>
public sealed record EpubMeta(string Property, string? Refines, string? Scheme, string Value);

/// <summary>The package metadata (EPUB 3.3 §5.5).</summary>
public sealed record EpubMetadata
{
    /// <summary>The dc:identifier that the package's unique-identifier names.</summary>
    public string? Identifier { get; init; }

    /// <summary>Every dc:title, in order.</summary>
    public ImmutableArray<string> Titles { get; init; } = [];

    /// <summary>The title refined as <c>main</c>, else the first.</summary>
    public string? Title { get; init; }

    /// <summary>The title refined as <c>subtitle</c>.</summary>
    public string? Subtitle { get; init; }

    /// <summary>dc:creator elements.</summary>
    public ImmutableArray<EpubContributor> Creators { get; init; } = [];

    /// <summary>dc:contributor elements.</summary>
    public ImmutableArray<EpubContributor> Contributors { get; init; } = [];

    /// <summary>dc:language elements.</summary>
    public ImmutableArray<string> Languages { get; init; } = [];

    /// <summary>dcterms:modified, as written.</summary>
    public string? Modified { get; init; }

    /// <summary>dc:date.</summary>
    public string? Date { get; init; }

    /// <summary>dc:publisher.</summary>
    public string? Publisher { get; init; }

    /// <summary>dc:rights.</summary>
    public string? Rights { get; init; }

    /// <summary>dc:description.</summary>
    public string? Description { get; init; }

    /// <summary>dc:subject elements.</summary>
    public ImmutableArray<string> Subjects { get; init; } = [];

    /// <summary>dc:source.</summary>
    public string? Source { get; init; }

    /// <summary>Every meta element.</summary>
    public ImmutableArray<EpubMeta> Metas { get; init; } = [];
}

/// <summary>A manifest item; <see cref="Path"/> is its full path in the container.</summary>
public sealed record ManifestEntry(string Id, string Href, string Path, string MediaType, ImmutableArray<string> Properties);

/// <summary>A spine itemref, with the manifest path it resolves to (null when the idref is unknown).</summary>
public sealed record SpineEntry(string IdRef, string? Path, bool Linear);

/// <summary>An entry of a nav list or the NCX: label, href as written, the resolved path and fragment, and nested entries.</summary>
public sealed record NavEntry(string Label, string? Href, string? Path, string? Fragment, string? EpubType, ImmutableArray<NavEntry> Children)
{
    /// <summary>This entry and every descendant, depth first.</summary>
    public IEnumerable<NavEntry> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}

/// <summary>A content document in spine order: its path, its XHTML and its visible text.</summary>
public sealed record ContentDocument(string Path, XDocument Xhtml, string Text);

/// <summary>A problem found while reading or validating.</summary>
public sealed record EpubProblem(string Where, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Where}: {Message}";
}
