using System.Collections.Immutable;
using Publisher.Model;

namespace Publisher.Epub;

/// <summary>What a content document is made from.</summary>
internal enum DocumentRole
{
    /// <summary>A chapter or copyright page: the division's blocks.</summary>
    Text,

    /// <summary>The generated title page.</summary>
    TitlePage,

    /// <summary>The EPUB navigation document, standing in for the Contents division.</summary>
    Navigation,

    /// <summary>The cover page: the cover image alone, first in the spine; it has no division.</summary>
    Cover,
}

/// <summary>One XHTML content document: the division it renders (null for a nav document outside the spine) and its names.</summary>
internal sealed class PlannedDocument(Division? division, DocumentRole role, string fileName, string manifestId, bool inSpine)
{
    /// <summary>The division rendered, if any.</summary>
    public Division? Division { get; } = division;

    /// <summary>What kind of document it is.</summary>
    public DocumentRole Role { get; } = role;

    /// <summary>The file name inside <see cref="EpubPaths.TextFolder"/>; content documents link to each other by it.</summary>
    public string FileName { get; } = fileName;

    /// <summary>The manifest item id.</summary>
    public string ManifestId { get; } = manifestId;

    /// <summary>Whether the spine lists it.</summary>
    public bool InSpine { get; } = inSpine;

    /// <summary>The href relative to the package document.</summary>
    public string PackageHref => EpubPaths.TextFolder + FileName;

    /// <summary>Each footnote's ids, by <see cref="Footnote.Id"/>.</summary>
    public Dictionary<string, NoteIds> Notes { get; } = new(StringComparer.Ordinal);
}

/// <summary>The XHTML ids of a footnote: the aside's and the first citation's.</summary>
internal sealed record NoteIds(string NoteId, string RefId);

/// <summary>
/// Decides, before anything is written, which documents the EPUB has, in spine order, and every id in them, so that a
/// cross-reference can point forward to a later file.
/// </summary>
internal sealed class BookPlan
{
    private readonly Dictionary<string, PlannedDocument> _byDivision = new(StringComparer.Ordinal);

    private BookPlan(ImmutableArray<PlannedDocument> documents, PlannedDocument navigation, IdMap ids)
    {
        Documents = documents;
        Navigation = navigation;
        Ids = ids;
        foreach (var d in documents)
        {
            if (d.Division is not null)
            {
                _byDivision.TryAdd(d.Division.Id, d);
            }
        }
    }

    /// <summary>Every content document, in spine order (the navigation document too, wherever it is).</summary>
    public ImmutableArray<PlannedDocument> Documents { get; }

    /// <summary>The navigation document.</summary>
    public PlannedDocument Navigation { get; }

    /// <summary>The ids of every element that can be linked to.</summary>
    public IdMap Ids { get; }

    /// <summary>The document that renders a division, or null when the EPUB leaves it out.</summary>
    public PlannedDocument? DocumentFor(string divisionId) => _byDivision.GetValueOrDefault(divisionId);

    /// <summary>The cover page, when the book has a cover image.</summary>
    public PlannedDocument? Cover => Documents.FirstOrDefault(d => d.Role == DocumentRole.Cover);

    /// <summary>Plans the documents and ids of <paramref name="book"/>; with <paramref name="cover"/>, a cover page comes first.</summary>
    public static BookPlan Create(BookDocument book, bool cover, DiagnosticBag diagnostics)
    {
        var usedStems = new HashSet<string>(StringComparer.Ordinal)
        {
            Path.GetFileNameWithoutExtension(EpubPaths.NavFileName),
            Path.GetFileNameWithoutExtension(EpubPaths.CoverPageFileName),
        };
        var documents = ImmutableArray.CreateBuilder<PlannedDocument>();
        if (cover)
        {
            // The cover is the first thing in the reading order, as on a printed book (EPUB Accessibility Techniques
            // recommend it in the spine, with a landmark, rather than only as a manifest property).
            documents.Add(new PlannedDocument(null, DocumentRole.Cover, EpubPaths.CoverPageFileName, "cover", inSpine: true));
        }

        PlannedDocument? navigation = null;
        var seenDivisionIds = new HashSet<string>(StringComparer.Ordinal);

        var divisions = book.Divisions.OrEmpty();
        for (var i = 0; i < divisions.Length; i++)
        {
            var division = divisions[i];
            if (!seenDivisionIds.Add(division.Id))
            {
                diagnostics.Warning("PUB4008", $"Two divisions have the id '{division.Id}'; links to it go to the first.", division.Source);
            }

            switch (division.Kind)
            {
                case DivisionKind.HalfTitle:
                    // E-books conventionally omit the half title: it exists in print to protect the title page and
                    // fill the first leaf, neither of which applies on a screen, and it would put the bare title
                    // twice at the start of the reading order.
                    continue;

                case DivisionKind.Contents when navigation is not null:
                    diagnostics.Warning("PUB4009", "The book has more than one contents page; the EPUB keeps the first.", division.Source);
                    continue;

                case DivisionKind.Contents:
                    // EPUB 3.3 §7.1, §7.5: the navigation document is an XHTML content document, so it can sit in the spine
                    // where the printed contents would be, instead of a second, hand-made list.
                    navigation = new PlannedDocument(division, DocumentRole.Navigation, EpubPaths.NavFileName, "nav", inSpine: true);
                    documents.Add(navigation);
                    continue;

                default:
                    var stem = Names.ToFileStem(division.Id);
                    if (stem.Length == 0)
                    {
                        stem = FormattableString.Invariant($"division-{i + 1}");
                    }

                    stem = Names.Unique(stem, usedStems);
                    var role = division.Kind == DivisionKind.TitlePage ? DocumentRole.TitlePage : DocumentRole.Text;
                    documents.Add(new PlannedDocument(division, role, stem + ".xhtml", "text-" + stem, inSpine: true));
                    continue;
            }
        }

        if (navigation is null)
        {
            // Every EPUB 3 has a navigation document (EPUB 3.3 §7.2, §D.6.3); without a contents page it stays out of
            // the spine, which §7.5 allows.
            navigation = new PlannedDocument(null, DocumentRole.Navigation, EpubPaths.NavFileName, "nav", inSpine: false);
            documents.Add(navigation);
        }

        var plan = new BookPlan(documents.ToImmutable(), navigation, new IdMap());
        plan.DefineIds(diagnostics);
        return plan;
    }

    private void DefineIds(DiagnosticBag diagnostics)
    {
        // Ids the navigation document uses itself.
        Ids.Reserve("toc");
        Ids.Reserve("landmarks");

        foreach (var doc in Documents)
        {
            if (doc.Division is { } division)
            {
                Ids.DefineDivision(division.Id, doc, division.Plain());
            }
        }

        foreach (var doc in Documents)
        {
            if (doc.Division is not { } division || doc.Role != DocumentRole.Text)
            {
                continue;
            }

            foreach (var (node, id, label, span) in ModelIds.Of(division))
            {
                if (!Ids.DefineElement(node, id, doc, label))
                {
                    diagnostics.Warning("PUB4005", $"The id '{id}' is used more than once; links to it go to the first.", span);
                }
            }
        }

        // Notes last, so that an author's own id never loses its name to a generated one.
        foreach (var doc in Documents)
        {
            if (doc.Division is not { } division || doc.Role != DocumentRole.Text)
            {
                continue;
            }

            var stem = Path.GetFileNameWithoutExtension(doc.FileName);
            foreach (var note in division.Footnotes.OrEmpty())
            {
                if (doc.Notes.ContainsKey(note.Id))
                {
                    diagnostics.Warning("PUB4005", $"The footnote id '{note.Id}' is used more than once in '{division.Id}'.", note.Source);
                    continue;
                }

                // Prefixed with the document's name: every division numbers its notes from 1, and ids are kept unique
                // book-wide so that a reading system that joins documents still finds the right note.
                var number = note.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var ids = new NoteIds(Ids.Reserve(Names.ToXmlId($"fn-{stem}-{number}")), Ids.Reserve(Names.ToXmlId($"fnref-{stem}-{number}")));
                doc.Notes[note.Id] = ids;
                Ids.DefineNote(note.Id, doc, ids.NoteId, FormattableString.Invariant($"note {note.Number}"));
            }
        }
    }
}
