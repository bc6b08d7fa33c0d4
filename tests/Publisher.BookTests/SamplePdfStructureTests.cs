using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Publisher.TestKit.Pdf;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>
/// The sample book's document structure, added by the PDF finishing step: bookmarks, page labels, language and
/// metadata, read back with qpdf and poppler.
/// </summary>
[Collection(SampleBookCollection.Name)]
[Slow("qpdf and poppler-utils (pdfinfo)")]
public sealed partial class SamplePdfStructureTests(SampleBook book)
{
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    /// <summary>The manuscript's headings in file order: "# Title {#id}" is level 1, "## Title" level 2.</summary>
    private static List<(string Title, int Level)> ManuscriptHeadings() =>
        [.. Directory.GetFiles(Repo.Manuscript, "*.md").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Select(l => Heading().Match(l))
            .Where(m => m.Success)
            .Select(m => (m.Groups[2].Value.Trim(), m.Groups[1].Length))];

    [SkippableFact]
    public void Every_chapter_and_section_has_a_bookmark_in_reading_order()
    {
        var outline = PdfTools.Outline(book.Pdf);
        var headings = ManuscriptHeadings();
        Assert.True(headings.Count(h => h.Level == 1) >= 9, "expected the sample's chapters: " + string.Join(" | ", headings));

        // The outline also lists generated divisions (Contents); the manuscript's headings appear in it in order.
        var items = outline.Select(o => (o.Title, o.Level)).ToList();
        var at = -1;
        foreach (var heading in headings)
        {
            var found = items.FindIndex(at + 1, i => i == heading);
            Assert.True(found > at, $"no bookmark '{heading.Title}' at level {heading.Level} after '{(at >= 0 ? items[at].Title : "the start")}'");
            at = found;
        }

        Assert.Contains(("Contents", 1), items);
    }

    [SkippableFact]
    public void Each_chapter_bookmark_opens_the_page_where_its_title_is_printed()
    {
        var pages = PdfTools.PageTexts(book.Pdf);
        var sizes = PdfTools.PageSizes(book.Pdf);
        foreach (var item in PdfTools.Outline(book.Pdf).Where(o => o.Level == 1))
        {
            Assert.True(item.Page is not null, $"'{item.Title}' has no target page");
            var page = item.Page.Value;
            // A long title wraps, so the first lines are joined with spaces before looking for it.
            var firstLines = string.Join(" ", pages[page - 1].Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(5));
            Assert.Contains(item.Title, firstLines, StringComparison.Ordinal);
            Assert.InRange(item.Top ?? -1, 0, sizes[page - 1].Height);
        }
    }

    [SkippableFact]
    public void Page_labels_are_the_printed_folios_roman_then_arabic()
    {
        var labels = PdfTools.PageLabels(book.Pdf);
        var pages = PdfTools.PageTexts(book.Pdf);
        Assert.Equal(pages.Count, labels.Count);

        // Where a folio is printed it is the page's last line; blank and display pages print none.
        var printed = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            var last = pages[i].Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim();
            if (last is not null && Folio().IsMatch(last))
            {
                Assert.True(last == labels[i], $"page {i + 1} prints folio '{last}' but is labelled '{labels[i]}'");
                printed++;
            }
        }

        Assert.True(printed >= pages.Count / 2, $"only {printed} of {pages.Count} pages print a folio");

        // Every page is labelled, unprinted ones included: i, ii, … for the front matter, then 1, 2, … to the end.
        var roman = labels.TakeWhile(l => RomanLabel().IsMatch(l)).ToList();
        Assert.NotEmpty(roman);
        Assert.Equal(Enumerable.Range(1, roman.Count).Select(Roman), roman);
        Assert.Equal(Enumerable.Range(1, labels.Count - roman.Count).Select(n => n.ToString(CultureInfo.InvariantCulture)), labels.Skip(roman.Count));
    }

    [SkippableFact]
    public void Language_is_english_and_the_viewer_opens_on_the_bookmarks()
    {
        using var json = PdfTools.Json(book.Pdf, "qpdf");
        var (_, catalog, _) = PdfTools.Dictionaries(json);
        Assert.Equal("en", PdfTools.DecodeString(catalog.GetProperty("/Lang")));
        Assert.Equal("/UseOutlines", catalog.GetProperty("/PageMode").GetString());
        Assert.True(catalog.TryGetProperty("/Dests", out _), "Skia's named destinations are gone");
    }

    [SkippableFact]
    public void Title_and_author_are_in_the_info_dictionary_and_the_xmp()
    {
        var info = PdfTools.Info(book.Pdf);
        Assert.Equal("Stalin Asked Six Times", info["Title"]);
        Assert.Equal("Mondo History", info["Author"]);
        Assert.Equal("Why Did Chairman Mao Refuse Them All?", info["Subject"]);

        var xmp = PdfTools.Xmp(book.Pdf);
        Assert.NotNull(xmp);
        var description = xmp.Descendants(Rdf + "Description").Single();
        Assert.Equal(info["Title"], description.Element(Dc + "title")?.Descendants(Rdf + "li").Single().Value);
        Assert.Equal([info["Author"]], description.Element(Dc + "creator")?.Descendants(Rdf + "li").Select(li => li.Value) ?? []);
        Assert.Equal(["en"], description.Element(Dc + "language")?.Descendants(Rdf + "li").Select(li => li.Value) ?? []);
    }

    private static string Roman(int n)
    {
        var result = "";
        foreach (var (value, symbol) in new[] { (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i") })
        {
            for (; n >= value; n -= value)
            {
                result += symbol;
            }
        }

        return result;
    }

    [GeneratedRegex(@"^(#{1,3})\s+(.+?)\s*(\{[^}]*\})?\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex("^([ivxlc]+|[0-9]+)$")]
    private static partial Regex Folio();

    [GeneratedRegex("^[ivxlc]+$")]
    private static partial Regex RomanLabel();
}
