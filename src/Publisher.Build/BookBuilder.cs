using System.Collections.Immutable;
using Publisher.Build.Output;
using Publisher.Epub;
using Publisher.Manuscript;
using Publisher.Manuscript.Text;
using Publisher.Model;
using Publisher.PageModel;
using Publisher.Rendering;
using Publisher.Styles;
using Publisher.Typesetting;

namespace Publisher.Build;

// The pipeline, in the order it runs:
//
//   check     the manuscript folder is there, SOURCE_DATE_EPOCH is a number      (input errors: nothing runs)
//   load      book.yml + Markdown → BookDocument                                  (Publisher.Manuscript)
//   style     style.yml + fonts → StyleSheet, looked up by StyleLookup            (Publisher.Styles)
//   typeset   book + style → PagedBook; its warnings narrowed to the word         (Publisher.Typesetting)
//   render PDF ∥ write EPUB, at once, both in memory                              (Publisher.Rendering, Publisher.Epub)
//   write files  both renamed into place together, or neither                    (Output/)
//
// A stage's problems are diagnostics in the result, never exceptions; a stage with errors ends the build before
// the next one. The stages read no clock: the orchestrator times them (StageRunner) with the request's clock.

/// <summary>Builds a book: the one entry point of the pipeline.</summary>
public static class BookBuilder
{
    /// <summary>
    /// Builds as far as <see cref="BuildRequest.Target"/> says. Never throws for a problem with the book, its style
    /// or the output folder: they are in the result's diagnostics (and reported to <paramref name="progress"/> as
    /// each stage ends); with <see cref="BuildTarget.Files"/>, the output folder is touched only when everything
    /// before succeeded, so a failed build leaves the last good files as they were.
    /// </summary>
    public static BuildResult Build(BuildRequest request, IBuildProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Run(request, progress, cancellationToken).Execute();
    }

    /// <summary>One build: what it found so far, and its stages.</summary>
    private sealed class Run(BuildRequest request, IBuildProgress? progress, CancellationToken cancellationToken)
    {
        private readonly StageRunner _stages = new(progress, request.Clock);
        private readonly List<Diagnostic> _diagnostics = [];
        private readonly FileSystemBookSource _source = new();

        public BuildResult Execute()
        {
            if (request.Target == BuildTarget.Files)
            {
                // Skia's one slow first step runs beside loading (see SkiaStartup).
                SkiaStartup.Begin();
            }

            if (ManuscriptFolder.Check(request.Manuscript) is { } missing)
            {
                Report([missing]);
                return End(BuildStatus.InputErrors);
            }

            if (!SourceDateEpoch.TryParse(request.SourceDateEpoch, out var epoch, out var badEpoch))
            {
                Report([badEpoch!]);
                return End(BuildStatus.InputErrors);
            }

            var caches = request.Caches;
            var manuscript = request.Manuscript;
            var loaded = _stages.Run("load", $"load {Path.Combine(manuscript, "book.yml")}",
                () => ManuscriptLoader.Load(_source, manuscript, new LoadOptions { SourceDateEpoch = epoch, Cache = caches?.Chapters }));
            Report(loaded.Diagnostics);
            var styleChoice = StyleLookup.Choose(request.Style, loaded.Value, manuscript);
            var styles = caches?.KeptStyle(styleChoice) ?? _stages.Run("style", $"load style {styleChoice}", LoadStyle);
            Report(styles.Diagnostics);

            StageResult<StyleSheet> LoadStyle()
            {
                // The count is read before loading, so a style edit made while it loads is seen by the next build.
                var edits = caches?.StyleEdits ?? 0;
                var result = StyleLoader.Load(_source, styleChoice, request.StyleRoots ?? StyleLookup.Roots(manuscript));
                return caches?.KeepStyle(styleChoice, result, edits) ?? result;
            }

            var failed = loaded.HasErrors || styles.HasErrors;
            if (request.Target == BuildTarget.Load)
            {
                return End(failed ? BuildStatus.BookErrors : BuildStatus.Succeeded) with { Book = loaded.Value, Style = styles.Value };
            }

            if (loaded.Value is not { } book || styles.Value is not { } style || failed)
            {
                return End(BuildStatus.BookErrors) with { Book = loaded.Value, Style = styles.Value };
            }

            cancellationToken.ThrowIfCancellationRequested();

            // The cover needs only the title page's facts and the style: it is drawn on the other core while the book
            // is typeset, which takes the longest job off the EPUB's path.
            var cover = request.Target == BuildTarget.Files ? Task.Run(() => CoverRenderer.Render(book.Metadata, style), cancellationToken) : null;
            var typeset = _stages.Run("typeset", $"typeset {book.Divisions.Length} divisions",
                () => Typesetter.Typeset(book, style, new TypesetOptions { Cache = caches?.Layouts, Progress = progress is null ? null : new TypesetReports(progress) }));
            // Layout knows each paragraph's start, not each word's: place its warnings at the word or character itself.
            Report([.. new SourceLocator(_source).Narrow(typeset.Diagnostics)]);
            if (typeset.Value is not { } paged || typeset.HasErrors)
            {
                return End(BuildStatus.BookErrors) with { Book = book, Style = style };
            }

            var typesetResult = End(BuildStatus.Succeeded) with
            {
                Book = book,
                Style = style,
                Pages = paged,
                Facts = new BookFacts(book.Metadata.Title, paged.Pages.Length, BookStatistics.Words(book), BookStatistics.Chapters(book)),
            };
            if (request.Target == BuildTarget.Pages)
            {
                return typesetResult;
            }

            cancellationToken.ThrowIfCancellationRequested();
            return WriteFiles(typesetResult, book, style, paged, cover!);
        }

        /// <summary>Renders the PDF and writes the EPUB at once, in memory; writes both only when both succeeded.</summary>
        private BuildResult WriteFiles(BuildResult typeset, BookDocument book, StyleSheet style, PagedBook paged, Task<byte[]> coverImage)
        {
            // Both outputs are made in memory first: if either fails, the output folder is not touched. They depend
            // only on the typeset book, so they are made at once, one per core.
            using var pdf = new MemoryStream();
            using var epub = new MemoryStream();
            var epubDiagnostics = ImmutableArray<Diagnostic>.Empty;
            _stages.RunTogether(
                $"render PDF ({Wording.Count(paged.Pages.Length, "page")}) and write EPUB",
                ("render PDF", () => PdfRenderer.Render(paged, new PdfOptions(), pdf)),
                ("write EPUB", () =>
                {
                    // The cover is drawn by the renderer (begun above), not by the EPUB writer: Publisher.Epub does not reference it.
                    var cover = new EpubCover(coverImage.GetAwaiter().GetResult(), CoverRenderer.MediaType);
                    // The EPUB marks where the print edition's pages begin, so its page-list matches the PDF page for page.
                    var pageMap = new PrintPageMap(
                        $"{book.Metadata.Title}, print edition ({style.Name} style, {paged.Pages.Length} pages), {book.Metadata.Identifier}",
                        [.. paged.Pages.Select(p => new PrintPage(p.Folio, p.Start))]);
                    epubDiagnostics = EpubWriter.Write(book, style, new EpubOptions { Cover = cover, PageMap = pageMap, SubsetFont = FontSubsetter.SubsetForText }, epub);
                }));
            Report(epubDiagnostics);
            if (epubDiagnostics.Any(d => d.Severity == Severity.Error))
            {
                return End(BuildStatus.BookErrors) with { Book = book, Style = style, Pages = paged, Facts = typeset.Facts };
            }

            var slug = Slug.ForFileName(book.Metadata.Title);
            try
            {
                var outputs = OutputFiles.Write(request.OutDir, [(slug + ".pdf", pdf.ToArray()), (slug + ".epub", epub.ToArray())], _stages);
                return End(BuildStatus.Succeeded) with { Book = book, Style = style, Pages = paged, Facts = typeset.Facts, Outputs = outputs };
            }
            catch (OutputException e)
            {
                // Not a bug: the output folder cannot be written. The last good outputs are as they were.
                Report([e.ToDiagnostic()]);
                return End(BuildStatus.InputErrors) with { Book = book, Style = style, Pages = paged, Facts = typeset.Facts };
            }
        }

        private void Report(IReadOnlyList<Diagnostic> diagnostics)
        {
            if (diagnostics.Count == 0)
            {
                return;
            }

            _diagnostics.AddRange(diagnostics);
            progress?.Reported(diagnostics);
        }

        private BuildResult End(BuildStatus status) => new()
        {
            Status = status,
            Diagnostics = [.. _diagnostics],
            Stages = [.. _stages.Timings],
        };
    }

    /// <summary>The typesetter's per-chapter reports, passed on to the build's progress.</summary>
    private sealed class TypesetReports(IBuildProgress progress) : IProgress<TypesetProgress>
    {
        public void Report(TypesetProgress value) => progress.Typesetting(value);
    }
}
