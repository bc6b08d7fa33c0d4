using System.Collections.Immutable;
using Publisher.Manuscript.Config;
using Publisher.Manuscript.Ids;
using Publisher.Manuscript.Images;
using Publisher.Manuscript.Markdown;
using Publisher.Manuscript.Markdown.Extensions.Nesting;
using Publisher.Manuscript.Text;
using Publisher.Model;

namespace Publisher.Manuscript;

// Stage 1 of the pipeline: manuscript folder → BookDocument.
//
//   ReadConfig     book.yml → metadata and the chapter list (Config/)
//   PlanChapters   the chapter list, or every *.md file, checked against the folder
//   ParseFiles     bytes → text (Text/SourceText) → Markdig syntax trees (Markdown/PipelineFactory)
//   BuildDivisions syntax trees → divisions, with ids unique book-wide and body chapters numbered (Markdown/ModelBuilder)
//   Resolve        every cross-reference checked against every id (Ids/TargetTable)
//   ImageCheck     every image named checked against the folder (Images/), never fetched from the web
//
// Problems with the input are diagnostics, never exceptions. All file access goes through IBookSource, and the
// clock is never read: the timestamp comes from the options or from book.yml (a ManuscriptCache judges its files'
// stamps by the clock its keeper gives it).

/// <summary>Loads a manuscript folder (<c>book.yml</c> and Markdown chapters) into the book model.</summary>
public static class ManuscriptLoader
{
    private const string BookFileName = "book.yml";

    /// <summary>
    /// Loads manuscript folder <paramref name="directory"/> (a path in <paramref name="source"/>'s terms) into the
    /// book model. Never throws for problems in the manuscript: they are in the result's diagnostics, and the value
    /// is null only when <c>book.yml</c> is missing or unusable.
    /// </summary>
    public static StageResult<BookDocument> Load(IBookSource source, string directory, LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new DiagnosticBag();
        var book = LoadBook(source, directory, options, diagnostics);
        return new StageResult<BookDocument>(book, diagnostics.ToImmutable());
    }

    private static BookDocument? LoadBook(IBookSource source, string directory, LoadOptions options, DiagnosticBag diagnostics)
    {
        var config = ReadConfig(source, directory, diagnostics);
        if (config is null)
        {
            return null;
        }

        options.Cache?.BeginLoad();
        var entries = PlanChapters(source, directory, config, diagnostics);
        var files = ParseFiles(source, directory, entries, diagnostics, options.Cache);
        var context = new BookContext(diagnostics);
        var divisions = BuildDivisions(files, context, options.Cache, config.Metadata.Labels);
        var targets = context.Targets.Resolve(diagnostics);
        ImageCheck.Check(source, directory, context.Images, diagnostics);
        var metadata = config.Metadata with { Modified = ChooseModified(config, options) };
        return new BookDocument(metadata, divisions) { Targets = targets, Style = config.Style };
    }

    private static BookConfig? ReadConfig(IBookSource source, string directory, DiagnosticBag diagnostics)
    {
        if (!source.DirectoryExists(directory))
        {
            diagnostics.Error(DiagnosticCodes.MissingBookFile, $"the manuscript folder '{source.Display(directory)}' does not exist");
            return null;
        }

        var path = source.Combine(directory, BookFileName);
        if (!source.FileExists(path))
        {
            diagnostics.Error(
                DiagnosticCodes.MissingBookFile,
                $"the manuscript folder '{source.Display(directory)}' has no {BookFileName}",
                null,
                "the smallest book.yml is one line: title: My Book",
                $"or make a new book with: publisher init {source.Display(directory)}");
            return null;
        }

        var text = SourceText.Read(source, path, diagnostics);
        return text is null ? null : BookConfigReader.Read(text, source.Display(path), diagnostics);
    }

    /// <summary>The chapter list with only the entries that can be loaded: missing and repeated files are reported and left out.</summary>
    private static ImmutableArray<ChapterEntry> PlanChapters(IBookSource source, string directory, BookConfig config, DiagnosticBag diagnostics)
    {
        if (config.Chapters is not { } listed)
        {
            // No chapter list: every Markdown file in the folder, in file-name order, all of them body chapters.
            var found = source.ListFiles(directory, "*.md")
                .Select(Path.GetFileName)
                .OfType<string>()
                .Order(StringComparer.Ordinal)
                .Select(name => new ChapterEntry(Matter.Body, DivisionKind.Chapter, name, null))
                .ToImmutableArray();
            if (found.IsEmpty)
            {
                diagnostics.Error(
                    DiagnosticCodes.NoChapters,
                    $"the manuscript folder '{source.Display(directory)}' has no .md files",
                    null,
                    "add a Markdown chapter, or list the chapters under 'chapters:' in book.yml");
            }

            return found;
        }

        var bookFile = source.Display(source.Combine(directory, BookFileName));
        var firstListed = new Dictionary<string, SourceSpan?>(StringComparer.Ordinal);
        var kept = ImmutableArray.CreateBuilder<ChapterEntry>();
        foreach (var entry in listed)
        {
            if (entry.File is null)
            {
                kept.Add(entry);
                continue;
            }

            if (firstListed.TryGetValue(entry.File, out var first))
            {
                diagnostics.Error(
                    DiagnosticCodes.DuplicateChapterFile,
                    $"chapter file '{entry.File}' is listed twice",
                    entry.Span,
                    first is null ? [] : [$"it is first listed at {first}"]);
                continue;
            }

            firstListed[entry.File] = entry.Span;
            if (ManuscriptPath.Inside("", entry.File) is null)
            {
                diagnostics.Error(DiagnosticCodes.OutsideManuscript, $"chapter file '{entry.File}' is outside the manuscript folder; it is not read", entry.Span,
                    "move it into the manuscript folder (or a folder inside it) and list it from there");
                continue;
            }

            if (!source.FileExists(source.Combine(directory, entry.File)))
            {
                // A misspelt name is the usual cause: name the file that is there.
                var near = NearestName.Find(entry.File, source.ListFiles(directory, "*.md").Select(Path.GetFileName).OfType<string>());
                diagnostics.Error(DiagnosticCodes.MissingChapterFile, $"chapter file '{entry.File}' does not exist", entry.Span, near is null ? [] : [$"did you mean '{near}'?"]);
                continue;
            }

            kept.Add(entry);
        }

        if (firstListed.Count == 0)
        {
            diagnostics.Error(DiagnosticCodes.NoChapters, $"{BookFileName} lists no chapter files", config.ChaptersSpan ?? new SourceSpan(bookFile), "list at least one .md file under 'chapters:'");
        }

        return kept.ToImmutable();
    }

    /// <summary>
    /// A chapter entry with its file: parsed, or (when the cache holds the file's last build and its text is the
    /// same) only its memo, parsed later if the memo cannot be replayed. Display and Text are null for a generated page.
    /// </summary>
    private sealed record ParsedEntry(ChapterEntry Entry, Markdig.Syntax.MarkdownDocument? Document, string? Display, string? Text = null, byte[]? Bytes = null, FileMemo? Memo = null)
    {
        /// <summary>The file's size and time as they were just before it was read.</summary>
        public FileStamp? Stamp { get; init; }
    }

    private static ImmutableArray<ParsedEntry> ParseFiles(IBookSource source, string directory, ImmutableArray<ChapterEntry> entries, DiagnosticBag diagnostics, ManuscriptCache? cache)
    {
        var parsed = ImmutableArray.CreateBuilder<ParsedEntry>(entries.Length);
        foreach (var entry in entries)
        {
            if (entry.File is null)
            {
                parsed.Add(new ParsedEntry(entry, null, null));
                continue;
            }

            var path = source.Combine(directory, entry.File);
            if (cache?.FindUnchanged(source, path, entry) is { } unchanged)
            {
                parsed.Add(new ParsedEntry(entry, null, unchanged.Display, unchanged.Text, unchanged.Bytes, unchanged));
                continue;
            }

            var stamp = source.Stamp(path);
            var bytes = SourceText.ReadBytes(source, path, diagnostics);
            if (bytes is null)
            {
                continue;
            }

            var display = source.Display(path);
            if (cache?.Find(display, bytes, entry, stamp) is { } memo)
            {
                parsed.Add(new ParsedEntry(entry, null, display, memo.Text, bytes, memo));
                continue;
            }

            // A file whose decoding reported anything is never taken from the cache, so its messages come every time.
            var before = diagnostics.Count;
            var text = SourceText.Decode(bytes, display, diagnostics);
            if (text is null)
            {
                continue;
            }

            if (Parse(text, display, diagnostics) is { } document)
            {
                parsed.Add(new ParsedEntry(entry, document, display, text, diagnostics.Count == before ? bytes : null) { Stamp = stamp });
            }
        }

        return parsed.ToImmutable();
    }

    private static Markdig.Syntax.MarkdownDocument? Parse(string text, string display, DiagnosticBag diagnostics)
    {
        try
        {
            return Markdig.Markdown.Parse(text, PipelineFactory.Pipeline);
        }
        catch (MarkdownNestingException e)
        {
            diagnostics.Error(DiagnosticCodes.UnparsableMarkdown, $"the file cannot be read as Markdown: {e.Message}", new SourceSpan(display, e.Line, e.Column),
                "no book needs quotes or lists nested this deep");
            return null;
        }
        catch (ArgumentException e)
        {
            // Markdig's guard against pathological input ("too deeply nested"): the only exception it throws
            // for text, as opposed to for a misconfigured pipeline.
            var (line, column) = DeepestNesting(text);
            diagnostics.Error(DiagnosticCodes.UnparsableMarkdown, $"the file cannot be read as Markdown: {e.Message}", new SourceSpan(display, line, column),
                "the deepest nesting of quotes ('>') or indented lists is on this line; no book needs it this deep");
            return null;
        }
    }

    /// <summary>
    /// Markdig says only that nesting went too deep, not where: point at the first line with the most quote markers
    /// and indentation, which is where it does.
    /// </summary>
    private static (int Line, int Column) DeepestNesting(string text)
    {
        var best = (Line: 1, Column: 1, Depth: -1);
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            var depth = 0;
            while (depth < line.Length && line[depth] is '>' or ' ' or '\t')
            {
                depth++;
            }

            if (depth > best.Depth)
            {
                best = (lineNumber, 1, depth);
            }
        }

        return (best.Line, best.Column);
    }

    private static ImmutableArray<Division> BuildDivisions(ImmutableArray<ParsedEntry> files, BookContext context, ManuscriptCache? cache, Labels labels)
    {
        // Every id an author wrote is reserved first, so that no generated id, made earlier in the book, takes it.
        var explicitIds = new Dictionary<ParsedEntry, string[]>();
        foreach (var file in files)
        {
            var ids = file.Memo?.ExplicitIds ?? (file.Document is null ? [] : [.. ExplicitIds.In(file.Document)]);
            explicitIds[file] = ids;
            foreach (var id in ids)
            {
                context.Ids.Reserve(id);
            }
        }

        var divisions = ImmutableArray.CreateBuilder<Division>(files.Length);
        var chapterNumber = 0;
        foreach (var file in files)
        {
            var entry = file.Entry;
            if (file.Display is null)
            {
                divisions.Add(Generated(entry, context, labels));
                continue;
            }

            var memo = file.Memo is { } m && context.Ids.TryReplay(m.Ids) ? m : null;
            if (memo is not null)
            {
                context.Targets.Replay(memo.Targets);
                context.Images.AddRange(memo.Images);
                cache!.Reused++;
            }
            else
            {
                memo = Build(file, explicitIds[file], context, cache);
            }

            if (memo is null)
            {
                continue;
            }

            var division = memo.Built.Division;
            if (entry.Matter == Matter.Body && entry.Kind == DivisionKind.Chapter && !memo.Built.Unnumbered)
            {
                // The numbered division is kept with the memo, so an unchanged chapter at the same number is the
                // same object as in the last build.
                var number = ++chapterNumber;
                division = memo.Numbered is { } numbered && numbered.Number == number ? numbered : division with { Number = number };
                memo.Numbered = division;
            }

            CheckHasTitle(division, file.Display, context.Diagnostics);
            divisions.Add(division);
        }

        cache?.Keep(files.Where(f => f.Display is not null).Select(f => f.Display!));
        return divisions.ToImmutable();
    }

    /// <summary>
    /// Reports a chapter file with no text, and a body chapter with no title, which the contents can name only by its
    /// number. Checked on every load rather than while the file is built, so that a file taken from the cache (in
    /// watch) still reports it.
    /// </summary>
    private static void CheckHasTitle(Division division, string display, DiagnosticBag diagnostics)
    {
        if (!division.Title.IsDefaultOrEmpty)
        {
            return;
        }

        var start = new SourceSpan(display, 1, 1);
        if (division.Blocks.IsDefaultOrEmpty && division.Footnotes.IsDefaultOrEmpty)
        {
            // Kept rather than left out: a chapter not written yet keeps its place, and the chapters after it their numbers.
            diagnostics.Warning(DiagnosticCodes.EmptyChapter, "the chapter file has no text; it is kept as an empty chapter", start,
                "write the chapter, starting with its title: # The Title", "or take the file out of the book");
            return;
        }

        // Front and back matter may well have no title (a dedication, an epigraph, a colophon): not reported, and
        // not in the contents. A body chapter always belongs there.
        if (division.Kind != DivisionKind.Chapter || division.Matter != Matter.Body)
        {
            return;
        }

        List<string> hints = ["start the file with its title: # The Title"];
        if (division.Blocks[0] is HeadingBlock first)
        {
            hints.Add($"its first heading, '{new string('#', first.Level)} {Inline.ToPlainText(first.Inlines)}', is a section heading; a title has one '#'");
        }

        diagnostics.Warning(DiagnosticCodes.UntitledChapter, "the chapter has no title, so the contents and the e-book's navigation list it by its number alone", start, [.. hints]);
    }

    /// <summary>
    /// Builds a file's division, journalling what it does to the book's ids and targets; the memo goes into the
    /// cache when the build reported nothing (a file with problems is built every time, so its messages are too).
    /// </summary>
    private static FileMemo? Build(ParsedEntry file, string[] explicitIds, BookContext context, ManuscriptCache? cache)
    {
        var document = file.Document ?? Parse(file.Text!, file.Display!, context.Diagnostics);
        if (document is null)
        {
            return null;
        }

        var before = context.Diagnostics.Count;
        var imagesBefore = context.Images.Count;
        List<IdOperation> ids = [];
        List<object> targets = [];
        context.Ids.Journal = ids;
        context.Targets.Journal = targets;
        try
        {
            var built = ModelBuilder.Build(document, file.Display!, file.Entry.File!, file.Entry.Kind, file.Entry.Matter, context);
            var memo = new FileMemo(file.Bytes, file.Text!, file.Display!, file.Entry.Kind, file.Entry.Matter, explicitIds, [.. ids], [.. targets], [.. context.Images.Skip(imagesBefore)], built)
            {
                Stamp = file.Stamp,
                // Only a cache judges stamps, by the clock its keeper gave it; without one no clock is read.
                StampedAt = cache?.Now ?? default,
            };
            if (cache is not null)
            {
                cache.Built++;
                if (context.Diagnostics.Count == before && file.Bytes is not null)
                {
                    cache.Store(memo);
                }
            }

            return memo;
        }
        finally
        {
            context.Ids.Journal = null;
            context.Targets.Journal = null;
        }
    }

    /// <summary>A generated page; a link to it reads as the book's word for it (its label), as its navigation entry does.</summary>
    private static Division Generated(ChapterEntry entry, BookContext context, Labels labels)
    {
        var (baseId, label) = entry.Kind switch
        {
            DivisionKind.HalfTitle => ("half-title", labels.HalfTitle),
            DivisionKind.TitlePage => ("title-page", labels.TitlePage),
            _ => ("contents", labels.Contents),
        };
        var id = context.Ids.Generate(baseId);
        context.Targets.Add(id, id, label);
        return new Division { Id = id, Kind = entry.Kind, Matter = entry.Matter };
    }

    /// <summary>
    /// The build's timestamp: SOURCE_DATE_EPOCH, else book.yml's <c>modified</c>, else its <c>date</c> at midnight
    /// UTC, else the Unix epoch. Never the clock, so two builds of the same input are byte-identical.
    /// </summary>
    private static DateTimeOffset ChooseModified(BookConfig config, LoadOptions options) =>
        options.SourceDateEpoch?.ToUniversalTime()
        ?? config.Modified
        ?? (config.Metadata.Date is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.UnixEpoch);
}
