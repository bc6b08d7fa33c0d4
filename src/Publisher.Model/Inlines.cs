using System.Collections.Immutable;
using System.Text;

namespace Publisher.Model;

/// <summary>An inline element of running text.</summary>
public abstract record Inline
{
    /// <summary>The text a reader would see, without formatting; page references become empty.</summary>
    public static string ToPlainText(IEnumerable<Inline> inlines)
    {
        var sb = new StringBuilder();
        Append(sb, inlines);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, IEnumerable<Inline> inlines)
    {
        foreach (var i in inlines)
        {
            switch (i)
            {
                case TextInline t: sb.Append(t.Text); break;
                case CodeInline c: sb.Append(c.Text); break;
                case LineBreakInline: sb.Append(' '); break;
                case ContainerInline c: Append(sb, c.Children); break;
            }
        }
    }
}

/// <summary>Plain text. Spaces in it are word spaces; it never holds a newline.</summary>
public sealed record TextInline(string Text) : Inline;

/// <summary>A forced line break.</summary>
public sealed record LineBreakInline : Inline;

/// <summary>Inline code, set in the monospaced face where the style has one.</summary>
public sealed record CodeInline(string Text) : Inline;

/// <summary>A point in the text that a cross-reference can target.</summary>
public sealed record AnchorInline(string Id) : Inline;

/// <summary>A citation of a footnote of the same division.</summary>
public sealed record NoteRefInline(string NoteId, int Number) : Inline;

/// <summary>
/// A reference to a heading, division or anchor in this book. With text, a link with that text; without text, a
/// page reference: in print "p. 23", in an e-book a link labelled with the target's title.
/// </summary>
public sealed record CrossRefInline(string TargetId, ImmutableArray<Inline> Children) : ContainerInline(Children)
{
    /// <summary>True when the author gave no text, so the renderer supplies it.</summary>
    public bool IsPageReference => Children.IsDefaultOrEmpty;
}

/// <summary>An inline holding other inlines.</summary>
public abstract record ContainerInline(ImmutableArray<Inline> Children) : Inline;

/// <summary>Emphasis (italic).</summary>
public sealed record EmphasisInline(ImmutableArray<Inline> Children) : ContainerInline(Children);

/// <summary>Strong emphasis (bold).</summary>
public sealed record StrongInline(ImmutableArray<Inline> Children) : ContainerInline(Children);

/// <summary>Small capitals (from <c>[text]{.smallcaps}</c>-style attributes), where the font has them.</summary>
public sealed record SmallCapsInline(ImmutableArray<Inline> Children) : ContainerInline(Children);

/// <summary>Struck-through text (<c>~~text~~</c>, HTML <c>del</c>, <c>s</c>): a deletion the reader should still see.</summary>
public sealed record StrikeInline(ImmutableArray<Inline> Children) : ContainerInline(Children);

/// <summary>Subscript (<c>H~2~O</c>, HTML <c>sub</c>).</summary>
public sealed record SubscriptInline(ImmutableArray<Inline> Children) : ContainerInline(Children);

/// <summary>Superscript (<c>x^2^</c>, HTML <c>sup</c>).</summary>
public sealed record SuperscriptInline(ImmutableArray<Inline> Children) : ContainerInline(Children);

/// <summary>A link to somewhere outside the book.</summary>
public sealed record LinkInline(string Url, ImmutableArray<Inline> Children) : ContainerInline(Children);
