using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Publisher.Model;
using Publisher.Yaml;
using YamlDotNet.RepresentationModel;

namespace Publisher.Styles;

/// <summary>
/// Loads a style folder (<c>styles/&lt;name&gt;/style.yml</c> plus its fonts and patterns) into a validated
/// <see cref="StyleSheet"/>. A style may <c>extends:</c> another and set only what differs.
/// </summary>
public static partial class StyleLoader
{
    /// <summary>The style used when none is named.</summary>
    public const string DefaultStyle = "trade";

    private const int MaxExtendsDepth = 16;

    /// <summary>How style.yml's reading problems are numbered.</summary>
    private static readonly YamlCodes Codes = new(StyleCodes.Syntax, StyleCodes.TooComplex, StyleCodes.Syntax);

    /// <summary>
    /// Loads a style by name (a folder under <paramref name="stylesRoot"/>) or by path (anything with a slash, or
    /// starting with a dot), with <paramref name="stylesRoot"/> as the only place names are looked up.
    /// </summary>
    public static StageResult<StyleSheet> Load(IBookSource source, string nameOrPath, string stylesRoot) =>
        Load(source, new StyleChoice(nameOrPath), new StyleRoots(stylesRoot, stylesRoot));

    /// <summary>
    /// Loads the chosen style: a name is looked up in the book's styles folder, then in the shipped styles; a path is
    /// a style folder. Every independent mistake of the style's files is reported in one run.
    /// </summary>
    public static StageResult<StyleSheet> Load(IBookSource source, StyleChoice choice, StyleRoots roots)
    {
        var diagnostics = new DiagnosticBag();
        var layers = new List<Layer>();
        var searched = roots.Book is { } book ? new[] { book, roots.Shipped } : [roots.Shipped];
        var folder = Locate(source, choice.NameOrPath, searched, roots.Shipped, choice.NamedAt, choice.NamedIn, diagnostics);
        if (folder is null || !LoadChain(source, folder, choice.NamedAt, roots.Shipped, layers, diagnostics))
        {
            // Without the whole chain, the values a missing parent would set (the fonts) are unknown: resolving would
            // only add errors that are not the author's.
            return new(null, InFileOrder(diagnostics, layers));
        }

        // Parents first, so a child's values override its parent's.
        var merged = new Dictionary<string, Setting>(StringComparer.Ordinal);
        foreach (var layer in Enumerable.Reverse(layers))
        {
            foreach (var (key, setting) in layer.Settings)
            {
                merged[key] = setting;
            }
        }

        // A key the files got wrong (unknown, a list for a value) has been reported already; the resolver still checks
        // every other value, so all of a file's mistakes come out at once, but says nothing that follows from those.
        var broken = layers.SelectMany(l => l.Broken).ToHashSet(StringComparer.Ordinal);
        var sheet = new Resolver(source, merged, broken, layers[0].Name, layers[0].File, diagnostics).Resolve();
        return new(diagnostics.HasErrors ? null : sheet, InFileOrder(diagnostics, layers));
    }

    /// <summary>
    /// Diagnostics as a compiler lists them: the style asked for first, then each parent, each file top to bottom
    /// (they are found key by key, which is not the order they are written in). One without a style file comes first.
    /// </summary>
    private static ImmutableArray<Diagnostic> InFileOrder(DiagnosticBag diagnostics, List<Layer> layers) =>
        [.. diagnostics.ToImmutable()
            .OrderBy(d => d.Span is { } at ? layers.FindIndex(l => l.File == at.File) : -1)
            .ThenBy(d => d.Span?.Line ?? 0)
            .ThenBy(d => d.Span?.Column ?? 0)];

    /// <summary>True when a style is named by its folder rather than by name: it has a slash or starts with a dot.</summary>
    public static bool IsPath(string nameOrPath) =>
        nameOrPath.Contains('/', StringComparison.Ordinal) || nameOrPath.Contains('\\', StringComparison.Ordinal) || nameOrPath.StartsWith('.');

    /// <summary>One style file of a chain: its folder's name, its file, its settings and the keys it got wrong.</summary>
    private sealed record Layer(string Name, string File, Dictionary<string, Setting> Settings, HashSet<string> Broken);

    /// <summary>
    /// A scalar from a style file, with where it was written, the folder relative paths resolve in, and how far up the
    /// <c>extends</c> chain its file is (0 for the style asked for, 1 for its parent, …).
    /// </summary>
    internal sealed record Setting(string Key, string Value, SourceSpan Span, string Folder, int Depth);

    /// <summary>
    /// Reads the style in <paramref name="folder"/> and every style it extends into <paramref name="layers"/>, the
    /// style itself first. False when a file is missing or unreadable, or the chain goes round.
    /// </summary>
    private static bool LoadChain(IBookSource source, string folder, SourceSpan? namedAt, string shipped, List<Layer> layers, DiagnosticBag diagnostics)
    {
        var chain = new List<string>();
        var from = namedAt;
        while (true)
        {
            var file = source.Combine(folder, "style.yml");
            var display = source.Display(file);
            if (chain.Contains(display, StringComparer.Ordinal))
            {
                diagnostics.Error(StyleCodes.ExtendsCycle, $"'extends' makes a cycle: {string.Join(" → ", chain.Append(display))}", from);
                return false;
            }

            if (chain.Count >= MaxExtendsDepth)
            {
                diagnostics.Error(StyleCodes.ExtendsCycle, $"'extends' chain is deeper than {MaxExtendsDepth} styles", from);
                return false;
            }

            chain.Add(display);
            var reading = new Reading(display, source.GetDirectory(file), layers.Count, new HashSet<string>(StringComparer.Ordinal), diagnostics);
            if (Parse(source, file, reading) is not { } settings)
            {
                return false;
            }

            layers.Add(new Layer(Path.GetFileName(folder.TrimEnd('/', '\\')), display, settings, reading.Broken));
            if (!settings.TryGetValue("extends", out var parent))
            {
                return true;
            }

            // A parent named by path is relative to this style's folder. One named by name is looked up beside this
            // style first (its own styles folder, which may hold a variant of a shipped style), then in the shipped
            // styles: a style kept anywhere can start from trade.
            var ownRoot = source.GetDirectory(folder.TrimEnd('/', '\\'));
            var searched = ownRoot.Length > 0 ? new[] { ownRoot, shipped } : [shipped];

            // A name that finds a style already in the chain (a book's own "trade" that extends trade) means the next
            // one of that name: the shipped style it varies. Only when there is none is it a cycle.
            if (!IsPath(parent.Value))
            {
                var further = searched.Where(r => source.Combine(r, parent.Value) is var candidate
                    && source.FileExists(source.Combine(candidate, "style.yml"))
                    && !chain.Contains(source.Display(source.Combine(candidate, "style.yml")), StringComparer.Ordinal)).ToArray();
                if (further.Length > 0)
                {
                    searched = further;
                }
            }

            var parentRef = IsPath(parent.Value) ? source.Combine(source.GetDirectory(file), parent.Value) : parent.Value;
            if (Locate(source, parentRef, searched, shipped, parent.Span, null, diagnostics) is not { } parentFolder)
            {
                return false;
            }

            (folder, from) = (parentFolder, parent.Span);
        }
    }

    /// <summary>
    /// The folder of a style: a path as it is, a name in the first of <paramref name="roots"/> that holds it. When
    /// there is none, reports it at <paramref name="at"/> with the styles there are, and returns null.
    /// </summary>
    private static string? Locate(IBookSource source, string nameOrPath, IReadOnlyList<string> roots, string shipped, SourceSpan? at, string? namedIn, DiagnosticBag diagnostics)
    {
        bool IsStyle(string folder) => source.FileExists(source.Combine(folder, "style.yml"));
        var isPath = IsPath(nameOrPath);
        var found = isPath
            ? (IsStyle(nameOrPath) ? nameOrPath : null)
            : roots.Select(r => source.Combine(r, nameOrPath)).FirstOrDefault(IsStyle);
        if (found is not null)
        {
            return found;
        }

        // The same folder may be both (a build inside the repository finds its styles/ first): list it once.
        var distinct = roots.DistinctBy(source.Display, StringComparer.Ordinal).ToList();
        var known = distinct.Select(r => (Root: r, Names: source.ListDirectories(r).Where(d => IsStyle(source.Combine(r, d))).ToList())).ToList();
        var hints = new List<string>();
        if (!isPath && namedIn is not null && IsStyle(source.Combine(namedIn, nameOrPath)))
        {
            hints.Add($"'{nameOrPath}' is not a style name but a folder beside book.yml: write style: ./{nameOrPath}");
        }

        if (!isPath && NearestName.Find(nameOrPath, known.SelectMany(k => k.Names).Distinct(StringComparer.Ordinal)) is { } nearest)
        {
            hints.Add($"did you mean '{nearest}'?");
        }

        foreach (var (root, names) in known)
        {
            // The shipped folder is named by what it is, unless the caller made it the book's own folder too.
            var isShipped = source.Display(root) == source.Display(shipped) && (distinct.Count > 1 || roots.Count == 1);
            var where = isShipped ? "styles that ship with publisher" : $"styles in {source.Display(root)}";
            hints.Add(names.Count > 0 ? $"{where}: {string.Join(", ", names)}" : $"no {where}");
        }

        var what = isPath ? $"no style.yml in style folder '{source.Display(nameOrPath)}'" : $"unknown style '{nameOrPath}'";
        diagnostics.Add(Diagnostic.Error(StyleCodes.UnknownStyle, what, at, [.. hints]));
        return null;
    }

    /// <summary>
    /// One style file being read: its name as printed, its folder, its depth in the chain, and the keys it got wrong
    /// (each reported as it is found).
    /// </summary>
    private sealed record Reading(string Display, string Folder, int Depth, HashSet<string> Broken, DiagnosticBag Diagnostics)
    {
        public void Error(string code, string message, YamlNode node, string? key, params string[] hints)
        {
            Diagnostics.Error(code, message, Span(Display, node), hints);
            if (key is not null)
            {
                Broken.Add(key);
            }
        }
    }

    private static Dictionary<string, Setting>? Parse(IBookSource source, string file, Reading reading)
    {
        var (display, diagnostics) = (reading.Display, reading.Diagnostics);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(source.ReadAllBytes(file));
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Error(StyleCodes.Syntax, "style.yml is not valid UTF-8", new SourceSpan(display));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(StyleCodes.Unreadable, $"cannot read style file: {e.Message}", new SourceSpan(display));
            return null;
        }

        if (!YamlFile.Load(text, display, "style.yml", Codes, diagnostics, out var node))
        {
            return null;
        }

        var result = new Dictionary<string, Setting>(StringComparer.Ordinal);
        if (node is null or YamlScalarNode { Value: null or "" })
        {
            return result;
        }

        if (node is not YamlMappingNode root)
        {
            diagnostics.Error(StyleCodes.WrongType, "style.yml must be a mapping of keys to values", Span(display, node));
            return null;
        }

        Flatten(root, "", reading, result);
        return result;
    }

    private static void Flatten(YamlMappingNode map, string prefix, Reading reading, Dictionary<string, Setting> result)
    {
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } k })
            {
                reading.Error(StyleCodes.WrongType, "keys must be plain names", keyNode, null);
                continue;
            }

            var key = prefix.Length == 0 ? k : prefix + "." + k;
            if (valueNode is YamlMappingNode child)
            {
                if (StyleSchema.IsSection(key))
                {
                    Flatten(child, key, reading, result);
                }
                else
                {
                    ReportUnknown(key, keyNode, reading, StyleSchema.Find(key) is not null ? "takes a single value, not a mapping" : null);
                }

                continue;
            }

            var spec = StyleSchema.Find(key);
            if (spec is null)
            {
                ReportUnknown(key, keyNode, reading, StyleSchema.IsSection(key) ? "is a section: give it keys, not a value" : null);
                continue;
            }

            if (valueNode is not YamlScalarNode scalar)
            {
                reading.Error(StyleCodes.WrongType, $"'{key}' takes a single value, not a list", valueNode, key);
                continue;
            }

            result[key] = new Setting(key, scalar.Value ?? "", Span(reading.Display, valueNode), reading.Folder, reading.Depth);
        }
    }

    private static void ReportUnknown(string key, YamlNode node, Reading reading, string? why)
    {
        if (why is not null)
        {
            reading.Error(StyleCodes.WrongType, $"'{key}' {why}", node, key);
            return;
        }

        // The key the author most likely meant counts as wrong too: its value is lost, so a check that needs it (a
        // font face the style must set) would only restate this error.
        var nearest = StyleSchema.Nearest(key);
        var section = key.Contains('.', StringComparison.Ordinal) ? key[..key.LastIndexOf('.')] : null;
        var hints = nearest is not null ? [$"did you mean '{nearest}'?"]
            : section is not null && StyleSchema.KeysIn(section) is { Count: > 0 } keys ? [$"the keys of '{section}' are {string.Join(", ", keys)}"]
            : new[] { "see styles/README.md for every key" };
        reading.Error(StyleCodes.UnknownKey, $"unknown key '{key}'", node, nearest ?? key, hints);
    }

    internal static SourceSpan Span(string display, YamlNode node) => new(display, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>Parses a length: a number and one of pt, mm, cm, in, em (em is relative to <paramref name="em"/>); a bare 0 is allowed.</summary>
    internal static bool TryParseLength(string text, Length em, out Length length, out string? error)
    {
        length = default;
        error = null;
        var t = text.Trim();
        if (t == "0")
        {
            return true;
        }

        var m = LengthPattern().Match(t);
        if (!m.Success)
        {
            error = NumberOnly().IsMatch(t)
                ? $"'{t}' needs a unit: pt, mm, cm, in or em"
                : $"'{t}' is not a length (a number and one of pt, mm, cm, in, em)";
            return false;
        }

        var v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        length = m.Groups[2].Value switch
        {
            "pt" => Length.Pt(v),
            "mm" => Length.Mm(v),
            "cm" => Length.Mm(v * 10),
            "in" => Length.In(v),
            _ => em * v,
        };
        return true;
    }

    [GeneratedRegex(@"^(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in|em)$")]
    private static partial Regex LengthPattern();

    [GeneratedRegex(@"^-?\d+(?:\.\d+)?$")]
    private static partial Regex NumberOnly();
}

/// <summary>
/// Where style names are looked up, in order: the book's own styles folder (<c>styles/</c> of the current folder, or
/// beside or above the manuscript; null when there is none), then the styles that ship with the program. A folder of
/// one's own adds styles and may shadow a shipped one by name; it never hides the others.
/// </summary>
public sealed record StyleRoots(string? Book, string Shipped);

/// <summary>
/// The style a build asks for: a name or a folder, and, when book.yml named it, where (<c>style:</c>'s value) and the
/// folder holding that book.yml, so that a wrong name is reported at its place and a name that is really a folder
/// beside book.yml is recognised. Both are null for the command line's choice and the default.
/// </summary>
public sealed record StyleChoice(string NameOrPath, SourceSpan? NamedAt = null, string? NamedIn = null)
{
    /// <inheritdoc />
    public override string ToString() => NameOrPath;
}

/// <summary>Diagnostic codes of the style stage (PUB2xxx). Stable: tools and docs refer to them.</summary>
public static class StyleCodes
{
    /// <summary>The named style does not exist.</summary>
    public const string UnknownStyle = "PUB2001";

    /// <summary>style.yml is not valid YAML.</summary>
    public const string Syntax = "PUB2002";

    /// <summary>A key the schema does not know.</summary>
    public const string UnknownKey = "PUB2003";

    /// <summary>A value of the wrong type (a list for a length, a word for a boolean).</summary>
    public const string WrongType = "PUB2004";

    /// <summary>A length without a unit or with an unknown one.</summary>
    public const string BadUnit = "PUB2005";

    /// <summary>A value outside the range the key allows.</summary>
    public const string OutOfRange = "PUB2006";

    /// <summary>A font or pattern file that is missing.</summary>
    public const string MissingFile = "PUB2007";

    /// <summary>A font file that is not a font.</summary>
    public const string NotAFont = "PUB2008";

    /// <summary>'extends' goes round in a circle.</summary>
    public const string ExtendsCycle = "PUB2009";

    /// <summary>The style file cannot be read.</summary>
    public const string Unreadable = "PUB2010";

    /// <summary>The geometry does not leave room for text.</summary>
    public const string Geometry = "PUB2011";

    /// <summary>A required setting is missing (e.g. the body font).</summary>
    public const string Missing = "PUB2012";

    /// <summary>style.yml uses YAML anchors or aliases, or is implausibly large (the alias-bomb guard).</summary>
    public const string TooComplex = "PUB2013";
}
