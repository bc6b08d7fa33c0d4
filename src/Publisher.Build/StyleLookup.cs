using Publisher.Model;
using Publisher.Styles;

namespace Publisher.Build;

/// <summary>Which style a build uses, and where a style's name is looked up.</summary>
public static class StyleLookup
{
    /// <summary>
    /// The style to build with: the caller's, else the one <c>book.yml</c> names (a path there is relative to the
    /// manuscript folder; a mistake in it is reported at its place in book.yml), else the default.
    /// </summary>
    public static StyleChoice Choose(string? requested, BookDocument? book, string manuscript)
    {
        if (requested is not null)
        {
            return new StyleChoice(requested);
        }

        if (book?.Style is { NameOrPath.Length: > 0 } named)
        {
            var nameOrPath = StyleLoader.IsPath(named.NameOrPath) ? Path.Combine(manuscript, named.NameOrPath) : named.NameOrPath;
            return new StyleChoice(nameOrPath, named.Source, manuscript);
        }

        return new StyleChoice(StyleLoader.DefaultStyle);
    }

    /// <summary>
    /// Style names are looked up in the book's own styles folder (<c>styles/</c> of the current folder, else beside or
    /// above the manuscript), then in the styles that ship with the program, so a book anywhere on disk builds with
    /// the presets, and a folder of one's own adds to them without hiding them.
    /// </summary>
    public static StyleRoots Roots(string manuscript) => new(FindBookStyles(manuscript), ShippedStyles);

    /// <summary>The styles copied beside the program (the build and the tool package both carry <c>styles/</c>).</summary>
    public static string ShippedStyles => Path.Combine(AppContext.BaseDirectory, "styles");

    private static string? FindBookStyles(string manuscript)
    {
        if (Directory.Exists("styles"))
        {
            return "styles";
        }

        for (var dir = new DirectoryInfo(Path.GetFullPath(manuscript)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "styles");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
