using System.Collections.Immutable;
using System.Globalization;
using Publisher.Manuscript.Text;
using Publisher.Model;
using Publisher.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Publisher.Manuscript.Config;

/// <summary>
/// Reads <c>book.yml</c> through YamlDotNet's representation model, which keeps every node's start mark, so each
/// problem is reported at the line and column of the node that causes it (YamlDotNet marks are 1-based already).
/// </summary>
internal sealed class BookConfigReader
{
    /// <summary>The generated pages, named by a word in the chapter list.</summary>
    internal static readonly ImmutableDictionary<string, DivisionKind> GeneratedPages = new Dictionary<string, DivisionKind>
    {
        ["half-title"] = DivisionKind.HalfTitle,
        ["title-page"] = DivisionKind.TitlePage,
        ["contents"] = DivisionKind.Contents,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    private static readonly string[] _topLevelKeys =
    [
        "title", "subtitle", "author", "authors", "editors", "language", "identifier", "publisher", "date",
        "modified", "rights", "description", "subjects", "source", "edition", "chapters", "style", "labels",
    ];

    private static readonly string[] _matterKeys = ["front", "body", "back"];
    private static readonly string[] _entryKeys = ["file", "kind"];
    private static readonly string[] _entryKinds = ["chapter", "copyright"];

    private static readonly string[] _modifiedFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd' 'HH:mm:ssK", "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd",
    ];

    private readonly string _display;
    private readonly DiagnosticBag _diagnostics;

    private BookConfigReader(string display, DiagnosticBag diagnostics)
    {
        _display = display;
        _diagnostics = diagnostics;
    }

    /// <summary>Reads <c>book.yml</c>'s text; null when it has no usable title or is not YAML at all.</summary>
    public static BookConfig? Read(string text, string display, DiagnosticBag diagnostics) =>
        new BookConfigReader(display, diagnostics).Read(text);

    private BookConfig? Read(string text)
    {
        var root = LoadRoot(text);
        return root is null ? null : ReadBook(root);
    }

    /// <summary>How book.yml's reading problems are numbered.</summary>
    private static readonly YamlCodes Codes = new(DiagnosticCodes.YamlSyntax, DiagnosticCodes.YamlTooComplex, DiagnosticCodes.BookFileShape);

    private YamlMappingNode? LoadRoot(string text)
    {
        if (!YamlFile.Load(text, _display, "book.yml", Codes, _diagnostics, out var node))
        {
            return null;
        }

        if (node is null)
        {
            _diagnostics.Error(DiagnosticCodes.BookFileShape, "book.yml is empty; it needs at least a title", new SourceSpan(_display), "write: title: My Book");
            return null;
        }

        if (node is not YamlMappingNode root)
        {
            _diagnostics.Error(DiagnosticCodes.BookFileShape, $"book.yml must be a mapping of keys to values, not {Describe(node)}", At(node.Start), "write: title: My Book");
            return null;
        }

        return root;
    }

    private BookConfig? ReadBook(YamlMappingNode root)
    {
        string? title = null;
        YamlNode? titleNode = null;
        string? subtitle = null, identifier = null, publisher = null, rights = null, description = null, source = null, edition = null;
        var language = "en";
        DateOnly? date = null;
        DateTimeOffset? modified = null;
        var editors = ImmutableArray<string>.Empty;
        var subjects = ImmutableArray<string>.Empty;
        ImmutableArray<string>? authors = null;
        YamlNode? authorsKey = null;
        ImmutableArray<ChapterEntry>? chapters = null;
        string? style = null;
        SourceSpan? styleSpan = null;
        var labels = new List<KeyValuePair<string, string>>();
        SourceSpan? chaptersSpan = null;

        foreach (var (keyNode, value) in root.Children)
        {
            if (KeyName(keyNode) is not { } key)
            {
                continue;
            }

            switch (key)
            {
                case "title":
                    title = String(value, key);
                    titleNode = value;
                    break;
                case "subtitle": subtitle = String(value, key); break;
                case "identifier": identifier = String(value, key); break;
                case "publisher": publisher = String(value, key); break;
                case "rights": rights = String(value, key); break;
                case "description": description = String(value, key); break;
                case "source": source = String(value, key); break;
                case "edition": edition = String(value, key); break;
                case "editors": editors = List(value, key); break;
                case "subjects": subjects = List(value, key); break;
                case "language": language = Language(value) ?? language; break;
                case "date": date = Date(value); break;
                case "modified": modified = Modified(value); break;
                case "chapters":
                    chapters = Chapters(value);
                    chaptersSpan = At(value.Start);
                    break;
                case "labels": Labels(value, labels); break;
                case "style":
                    style = String(value, key);
                    styleSpan = At(value.Start);
                    break;
                case "author" or "authors":
                    if (authorsKey is not null)
                    {
                        _diagnostics.Error(
                            DiagnosticCodes.ConflictingKeys,
                            "both 'author' and 'authors' are given",
                            At(keyNode.Start),
                            "keep one: 'author: Name' or 'authors: [Name, Name]'");
                        break;
                    }

                    authorsKey = keyNode;
                    authors = key == "author"
                        ? String(value, key) is { } one ? [one] : []
                        : List(value, key);
                    break;
                default:
                    UnknownKey(keyNode, key, _topLevelKeys, "book.yml");
                    break;
            }
        }

        if (title is null)
        {
            if (titleNode is null)
            {
                _diagnostics.Error(DiagnosticCodes.MissingKey, "book.yml has no title", At(root.Start), "add: title: My Book");
            }
            else if (titleNode is YamlScalarNode)
            {
                _diagnostics.Error(DiagnosticCodes.MissingKey, "the title is empty", At(titleNode.Start));
            }

            return null;
        }

        var authorList = authors ?? [];
        var metadata = new BookMetadata
        {
            Title = title,
            Subtitle = subtitle,
            Authors = authorList,
            Editors = editors,
            Language = language,
            Identifier = identifier ?? BookIdentifier.Derive(title, authorList),
            Publisher = publisher,
            Date = date,
            Rights = rights,
            Description = description,
            Subjects = subjects,
            Source = source,
            EditionStatement = edition,
        };
        if (labels.Count > 0)
        {
            metadata = metadata with { Labels = Model.Labels.For(language).With(labels) };
        }

        return new BookConfig { Metadata = metadata, Modified = modified, Chapters = chapters, ChaptersSpan = chaptersSpan, Style = style is null ? null : new StyleReference(style, styleSpan) };
    }

    /// <summary>
    /// <c>labels:</c>, the words Publisher writes itself, each by its key (<see cref="Model.Labels.Keys"/>); an unknown
    /// key is an error at its place with the nearest known one, as for any key of book.yml.
    /// </summary>
    private void Labels(YamlNode node, List<KeyValuePair<string, string>> labels)
    {
        if (node is not YamlMappingNode map)
        {
            if (!IsEmpty(node))
            {
                WrongType(node, "labels", "a mapping of label names to words (labels: { contents: Inhalt })");
            }

            return;
        }

        string[] known = [.. Model.Labels.Keys];
        foreach (var (keyNode, value) in map.Children)
        {
            if (KeyName(keyNode) is not { } key)
            {
                continue;
            }

            if (!known.Contains(key, StringComparer.Ordinal))
            {
                UnknownKey(keyNode, key, known, "labels");
            }
            else if (String(value, $"labels.{key}") is { } text)
            {
                labels.Add(KeyValuePair.Create(key, text));
            }
        }
    }

    private string? Language(YamlNode node)
    {
        if (String(node, "language") is not { } tag)
        {
            return null;
        }

        if (LanguageTag.IsWellFormed(tag))
        {
            return tag;
        }

        var hint = tag.Contains('_', StringComparison.Ordinal) && LanguageTag.IsWellFormed(tag.Replace('_', '-'))
            ? $"BCP 47 joins parts with a hyphen: '{tag.Replace('_', '-')}'"
            : "use a BCP 47 tag such as 'en', 'en-GB' or 'de'";
        _diagnostics.Error(DiagnosticCodes.InvalidValue, $"language '{tag}' is not a BCP 47 language tag", At(node.Start), hint);
        return null;
    }

    private DateOnly? Date(YamlNode node)
    {
        if (String(node, "date") is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        _diagnostics.Error(DiagnosticCodes.InvalidValue, $"date '{text}' is not a date in the form YYYY-MM-DD", At(node.Start), "e.g. date: 2026-11-25");
        return null;
    }

    private DateTimeOffset? Modified(YamlNode node)
    {
        if (String(node, "modified") is not { } text)
        {
            return null;
        }

        // No offset means UTC: a build must not depend on the machine's time zone.
        if (DateTimeOffset.TryParseExact(text, _modifiedFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        _diagnostics.Error(DiagnosticCodes.InvalidValue, $"modified '{text}' is not an ISO 8601 date and time", At(node.Start), "e.g. modified: 2026-11-25T10:00:00Z");
        return null;
    }

    private ImmutableArray<ChapterEntry>? Chapters(YamlNode node)
    {
        var entries = ImmutableArray.CreateBuilder<ChapterEntry>();
        switch (node)
        {
            case YamlSequenceNode list:
                // A plain list reads as a book does: the generated pages before the first file are front matter.
                ReadEntries(list, Matter.Body, entries, leadingGeneratedAreFront: true);
                break;
            case YamlMappingNode sections:
                foreach (var (keyNode, value) in sections.Children)
                {
                    var name = KeyName(keyNode);
                    Matter? matter = name switch
                    {
                        "front" => Matter.Front,
                        "body" => Matter.Body,
                        "back" => Matter.Back,
                        _ => null,
                    };
                    if (matter is null)
                    {
                        if (name is not null)
                        {
                            UnknownKey(keyNode, name, _matterKeys, "chapters");
                        }

                        continue;
                    }

                    if (value is YamlSequenceNode sectionList)
                    {
                        ReadEntries(sectionList, matter.Value, entries);
                    }
                    else if (!IsEmpty(value))
                    {
                        WrongType(value, $"'{name}' in chapters", "a list of files");
                    }
                }

                break;
            default:
                if (!IsEmpty(node))
                {
                    WrongType(node, "chapters", "a list of files, or a mapping with front, body and back lists");
                }

                break;
        }

        return entries.ToImmutable();
    }

    private void ReadEntries(YamlSequenceNode list, Matter matter, ImmutableArray<ChapterEntry>.Builder entries, bool leadingGeneratedAreFront = false)
    {
        var leading = leadingGeneratedAreFront;
        foreach (var item in list.Children)
        {
            leading &= item is YamlScalarNode s && ScalarText(s) is { } name && GeneratedPages.ContainsKey(name);
            var entry = item switch
            {
                YamlScalarNode scalar => PlainEntry(scalar, leading ? Matter.Front : matter),
                YamlMappingNode mapping => MappingEntry(mapping, matter),
                _ => WrongType<ChapterEntry>(item, "a chapter entry", "a file name, a generated page or a mapping with 'file' and 'kind'"),
            };
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }
    }

    private ChapterEntry? PlainEntry(YamlScalarNode scalar, Matter matter)
    {
        var value = ScalarText(scalar);
        if (value is null)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidChapterEntry, "empty chapter entry", At(scalar.Start));
            return null;
        }

        if (GeneratedPages.TryGetValue(value, out var kind))
        {
            if (matter == Matter.Body)
            {
                _diagnostics.Warning(DiagnosticCodes.GeneratedPageInBody,
                    $"'{value}' is listed among the body chapters, so it is paged as one, with arabic folios",
                    At(scalar.Start), "list it under 'front:' (or before the first file of a plain list)");
            }

            return new ChapterEntry(matter, kind, null, At(scalar.Start));
        }

        if (IsMarkdownFile(value))
        {
            return new ChapterEntry(matter, DivisionKind.Chapter, value, At(scalar.Start));
        }

        var nearest = NearestName.Find(value, GeneratedPages.Keys);
        var hint = nearest is not null
            ? $"did you mean '{nearest}'?"
            : $"chapter files end in '.md'; generated pages are {string.Join(", ", GeneratedPages.Keys.Order(StringComparer.Ordinal))}";
        _diagnostics.Error(DiagnosticCodes.InvalidChapterEntry, $"chapter entry '{value}' is neither a .md file nor a generated page", At(scalar.Start), hint);
        return null;
    }

    private ChapterEntry? MappingEntry(YamlMappingNode mapping, Matter matter)
    {
        string? file = null;
        YamlNode? fileNode = null;
        var kind = DivisionKind.Chapter;
        var ok = true;
        foreach (var (keyNode, value) in mapping.Children)
        {
            switch (KeyName(keyNode))
            {
                case "file":
                    file = String(value, "file");
                    fileNode = value;
                    if (file is not null && !IsMarkdownFile(file))
                    {
                        _diagnostics.Error(DiagnosticCodes.InvalidChapterEntry, $"chapter file '{file}' is not a .md file", At(value.Start));
                        ok = false;
                    }

                    break;
                case "kind":
                    switch (String(value, "kind"))
                    {
                        case "chapter": kind = DivisionKind.Chapter; break;
                        case "copyright": kind = DivisionKind.Copyright; break;
                        case null: break;
                        case var other:
                            var nearest = NearestName.Find(other, _entryKinds);
                            _diagnostics.Error(
                                DiagnosticCodes.InvalidValue,
                                $"unknown chapter kind '{other}'",
                                At(value.Start),
                                nearest is null ? "the kinds are 'chapter' and 'copyright'" : $"did you mean '{nearest}'?");
                            ok = false;
                            break;
                    }

                    break;
                case { } other:
                    UnknownKey(keyNode, other, _entryKeys, "a chapter entry");
                    ok = false;
                    break;
            }
        }

        if (file is null)
        {
            if (fileNode is null)
            {
                _diagnostics.Error(DiagnosticCodes.MissingKey, "chapter entry has no 'file'", At(mapping.Start), "e.g. - file: copyright.md");
            }

            return null;
        }

        return ok ? new ChapterEntry(matter, kind, file, At(fileNode!.Start)) : null;
    }

    private static bool IsMarkdownFile(string path) => path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && path.Length > 3;

    /// <summary>The key's text, or null (with an error) when the key is not a plain string.</summary>
    private string? KeyName(YamlNode key)
    {
        if (key is YamlScalarNode scalar && ScalarText(scalar) is { } name)
        {
            return name;
        }

        _diagnostics.Error(DiagnosticCodes.WrongType, "keys in book.yml must be plain words", At(key.Start));
        return null;
    }

    private string? String(YamlNode node, string key) => node switch
    {
        YamlScalarNode scalar => ScalarText(scalar),
        _ => WrongType<string>(node, key, "a string"),
    };

    private ImmutableArray<string> List(YamlNode node, string key)
    {
        switch (node)
        {
            case YamlSequenceNode list:
                var items = ImmutableArray.CreateBuilder<string>();
                foreach (var item in list.Children)
                {
                    if (String(item, $"an item of '{key}'") is { } text)
                    {
                        items.Add(text);
                    }
                }

                return items.ToImmutable();
            case YamlScalarNode scalar when ScalarText(scalar) is null:
                return [];
            case YamlScalarNode scalar:
                _diagnostics.Error(
                    DiagnosticCodes.WrongType,
                    $"'{key}' must be a list, not a string",
                    At(node.Start),
                    $"write: {key}: [{ScalarText(scalar)}]");
                return [];
            default:
                WrongType(node, key, "a list");
                return [];
        }
    }

    /// <summary>A scalar's trimmed text; null for an empty value or YAML's null (<c>~</c>, <c>null</c>).</summary>
    private static string? ScalarText(YamlScalarNode scalar)
    {
        var text = scalar.Value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return scalar.Style == ScalarStyle.Plain && text is "~" or "null" or "Null" or "NULL" ? null : text;
    }

    private static bool IsEmpty(YamlNode node) => node is YamlScalarNode scalar && ScalarText(scalar) is null;

    private T? WrongType<T>(YamlNode node, string what, string expected)
        where T : class
    {
        WrongType(node, what, expected);
        return null;
    }

    private void WrongType(YamlNode node, string what, string expected) =>
        _diagnostics.Error(DiagnosticCodes.WrongType, $"{Quote(what)} must be {expected}, not {Describe(node)}", At(node.Start));

    // Keys are quoted; descriptions such as "an item of 'subjects'" are not.
    private static string Quote(string what) => what.Contains(' ', StringComparison.Ordinal) ? what : $"'{what}'";

    private void UnknownKey(YamlNode keyNode, string key, string[] known, string where)
    {
        var nearest = NearestName.Find(key, known);
        var hint = nearest is not null ? $"did you mean '{nearest}'?" : $"the keys are: {string.Join(", ", known)}";
        _diagnostics.Error(DiagnosticCodes.UnknownKey, $"unknown key '{key}' in {where}", At(keyNode.Start), hint);
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when ScalarText(s) is null => "an empty value",
        _ => "a string",
    };

    private SourceSpan At(Mark mark) => new(_display, (int)mark.Line, (int)mark.Column);
}
