using System.Collections.Immutable;

namespace Publisher.Model;

/// <summary>A block of the book model. Every block knows where in the manuscript it came from.</summary>
public abstract record Block(SourceSpan? Source);

/// <summary>A paragraph of running text.</summary>
public sealed record ParagraphBlock(ImmutableArray<Inline> Inlines, SourceSpan? Source) : Block(Source);

/// <summary>A section heading inside a division (level 2 and below; level 1 is the division's title).</summary>
public sealed record HeadingBlock(int Level, ImmutableArray<Inline> Inlines, string Id, SourceSpan? Source) : Block(Source);

/// <summary>A block quotation.</summary>
public sealed record QuoteBlock(ImmutableArray<Block> Blocks, SourceSpan? Source) : Block(Source);

/// <summary>A bulleted or numbered list.</summary>
public sealed record ListBlock(bool Ordered, int Start, ImmutableArray<ListItem> Items, bool Tight, SourceSpan? Source) : Block(Source);

/// <summary>One item of a list.</summary>
public sealed record ListItem(ImmutableArray<Block> Blocks);

/// <summary>A section break (a thematic break in Markdown), printed as a space or an ornament.</summary>
public sealed record SceneBreakBlock(SourceSpan? Source) : Block(Source);

/// <summary>Preformatted text.</summary>
public sealed record CodeBlock(string Text, string? Language, SourceSpan? Source) : Block(Source);

/// <summary>Column alignment in a table.</summary>
public enum ColumnAlignment
{
    /// <summary>Not given: start-aligned.</summary>
    Default,

    /// <summary>Left.</summary>
    Left,

    /// <summary>Centre.</summary>
    Center,

    /// <summary>Right.</summary>
    Right,
}

/// <summary>A table: header rows, body rows, per-column alignment and relative widths (summing to 1).</summary>
public sealed record TableBlock(
    ImmutableArray<TableRow> Header,
    ImmutableArray<TableRow> Body,
    ImmutableArray<ColumnAlignment> Alignments,
    ImmutableArray<double> ColumnWidths,
    ImmutableArray<Inline> Caption,
    string? Id,
    SourceSpan? Source) : Block(Source);

/// <summary>A row of cells; each cell is a run of inlines.</summary>
public sealed record TableRow(ImmutableArray<ImmutableArray<Inline>> Cells);
