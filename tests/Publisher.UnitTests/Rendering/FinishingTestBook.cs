using System.Collections.Immutable;
using Publisher.Model;
using Publisher.Rendering;
using Publisher.PageModel;
using SkiaSharp;

namespace Publisher.UnitTests.Rendering;

/// <summary>
/// A small page model built by hand for the PDF finishing tests: four front-matter pages (i–iv, one blank), then
/// two chapters on pages 1–4 with a blank page 3 between them, a section in the first chapter and a section with a
/// sub-section in the second. Titles carry curly quotes, so the outline needs Unicode strings.
/// </summary>
internal static class FinishingTestBook
{
    public const double Width = 432;
    public const double Height = 648;

    public static readonly string[] Folios = ["i", "ii", "iii", "iv", "1", "2", "3", "4"];

    /// <summary>The outline entries: title, level, page index, y from the top.</summary>
    public static readonly (string Title, int Level, int Page, double Y)[] Headings =
    [
        ("Contents", 1, 2, 72),
        ("The \u2018First\u2019 Chapter", 1, 4, 150),
        ("A Section\u2019s Start", 2, 5, 300),
        ("\u201CSecond\u201D Chapter", 1, 7, 150),
        ("Deep Section", 2, 7, 400),
        ("Deeper Still", 3, 7, 500),
    ];

    private static readonly Lazy<byte[]> RegularFont = new(() =>
        File.ReadAllBytes(Path.Combine(TestPaths.Styles, "trade", "fonts", "CharisSIL-Regular.ttf")));

    public static BookMetadata Metadata(string title = "The \u2018Finishing\u2019 Test") => new()
    {
        Title = title,
        Subtitle = "A Book Made by Hand",
        Authors = ["Ada Author", "Bea Writer"],
        Language = "en-GB",
        Identifier = "urn:uuid:00000000-0000-4000-8000-000000000001",
        Publisher = "Test Press",
        Modified = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)),
        Rights = "\u00A9 2025 Test Press",
        Subjects = ["Testing", "PDF"],
    };

    public static PagedBook Build(BookMetadata? metadata = null)
    {
        var kinds = new[] { PageKind.Display, PageKind.Blank, PageKind.Opener, PageKind.Blank, PageKind.Opener, PageKind.Text, PageKind.Blank, PageKind.Opener };
        var pages = ImmutableArray.CreateBuilder<Page>();
        for (var i = 0; i < Folios.Length; i++)
        {
            var items = new List<FrameItem>();
            var shown = kinds[i] is PageKind.Text or PageKind.Opener;
            foreach (var h in Headings.Where(h => h.Page == i))
            {
                var id = Id(h.Title);
                items.Add(new AnchorItem(id, Length.Pt(h.Y)));
                items.Add(Run(h.Title, 72, h.Y + 14, 14));
            }

            if (i == 0)
            {
                items.Add(Run("The Finishing Test", 72, 200, 20));
            }

            if (i == 2)
            {
                // A contents line that links to the first chapter, so Skia writes a link and its named destination.
                items.Add(Run("The First Chapter ... 1", 72, 120, 11));
                items.Add(new LinkItem(Length.Pt(72), Length.Pt(108), Length.Pt(200), Length.Pt(14), Id(Headings[1].Title), null));
            }

            if (shown)
            {
                items.Add(Run(Folios[i], (Width / 2) - 5, Height - 36, 10));
            }

            pages.Add(new Page(i, Length.Pt(Width), Length.Pt(Height), Folios[i], shown, kinds[i], kinds[i] == PageKind.Blank ? null : "d" + i, [.. items]));
        }

        var outline = Headings.Select(h => new OutlineEntry(h.Title, h.Level, Id(h.Title), h.Page, Length.Pt(h.Y))).ToImmutableArray();
        var anchors = Headings.ToImmutableDictionary(h => Id(h.Title), h => new AnchorLocation(h.Page, Folios[h.Page], Length.Pt(h.Y)), StringComparer.Ordinal);
        return new PagedBook(metadata ?? Metadata(), pages.ToImmutable(), [new FontRef("Charis SIL", RegularFont.Value)], outline, anchors);
    }

    /// <summary>Renders through <see cref="PdfRenderer"/> (Skia, then the finishing step) into bytes.</summary>
    public static byte[] Render(PagedBook book, string producer = "Publisher Tests")
    {
        using var output = new MemoryStream();
        PdfRenderer.Render(book, new PdfOptions { Producer = producer }, output);
        return output.ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> to a fresh temporary file and returns its path.</summary>
    public static string WriteTemp(byte[] bytes, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "publisher-tests", "finishing-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..12]);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".pdf");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Id(string title) => new([.. title.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);

    private static GlyphRunItem Run(string text, double x, double y, double size)
    {
        // Real glyphs from the real font (one per UTF-16 unit: these strings have no surrogates), so the PDF holds
        // text that pdftotext can read back.
        using var data = SKData.CreateCopy(RegularFont.Value);
        using var typeface = SKTypeface.FromData(data);
        using var font = new SKFont(typeface, (float)size);
        var glyphs = font.GetGlyphs(text);
        var widths = font.GetGlyphWidths(glyphs);
        var offsets = new double[glyphs.Length];
        for (var i = 1; i < glyphs.Length; i++)
        {
            offsets[i] = offsets[i - 1] + widths[i - 1];
        }

        return new GlyphRunItem(Length.Pt(x), Length.Pt(y), 0, Length.Pt(size), [.. glyphs], [.. offsets], text,
            [.. Enumerable.Range(0, glyphs.Length)], Colour.Black);
    }
}
