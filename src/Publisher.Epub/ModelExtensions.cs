using System.Collections.Immutable;
using Publisher.Model;

namespace Publisher.Epub;

/// <summary>
/// Guards for hand-built models: a positional record can be given a <c>default</c> ImmutableArray, which throws when
/// enumerated. The writer treats it as empty instead, because it never throws for content problems.
/// </summary>
internal static class ModelExtensions
{
    /// <summary>The array, or an empty one when it is <c>default</c>.</summary>
    public static ImmutableArray<T> OrEmpty<T>(this ImmutableArray<T> items) => items.IsDefault ? [] : items;

    /// <summary>The plain text of inlines, treating <c>default</c> as empty.</summary>
    public static string Plain(this ImmutableArray<Inline> inlines) => Inline.ToPlainText(inlines.OrEmpty());

    /// <summary>The division's title as plain text, treating <c>default</c> as empty.</summary>
    public static string Plain(this Division division) => division.Title.Plain();
}
