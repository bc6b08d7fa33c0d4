using System.Xml.Linq;
using Publisher.TestKit.Epub;
using Publisher.TestKit.Pdf;
using Publisher.TestKit.Text;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>The EPUB knows the print pages: a marker where each PDF page begins, and a page-list entry for each.</summary>
[Collection(SampleBookCollection.Name)]
public sealed class PageListTests(SampleBook book)
{
    private const string Sentinel = "qqpagemarkqq";

    /// <summary>The words of a content document that follow the marker with the given id.</summary>
    private static List<string> WordsAfter(EpubReader epub, string path, string id)
    {
        var doc = new XDocument(epub.GetXhtml(path));
        var marker = doc.Descendants().Single(e => (string?)e.Attribute("id") == id);
        marker.ReplaceWith(new XText(" " + Sentinel + " "));
        var text = XhtmlText.Of(doc);
        return WordAlignment.OutputTokens(text[(text.IndexOf(Sentinel, StringComparison.Ordinal) + Sentinel.Length)..]).Take(40).ToList();
    }

    [Slow("reads the outputs with poppler-utils, qpdf or epubcheck")]
    [SkippableFact]
    public void Every_print_page_has_a_page_list_entry_and_a_marker_where_its_text_begins() => AssertMarkersMatchPages(book.Pdf, book.Epub, 20);

    [Slow("reads the outputs with poppler-utils, qpdf or epubcheck")]
    [SkippableFact]
    public void Markers_land_right_in_lists_tables_and_code_too()
    {
        var outDir = Repo.Build(Path.Combine(Repo.Root, "tests", "fixtures", "kitchen-sink"), "kitchen-pages");
        AssertMarkersMatchPages(Directory.GetFiles(outDir, "*.pdf").Single(), Directory.GetFiles(outDir, "*.epub").Single(), 10);
    }

    /// <summary>Page by page: the words after marker N are the first words of page N in the PDF.</summary>
    private static void AssertMarkersMatchPages(string pdf, string epubPath, int minimumCompared)
    {
        var epub = EpubReader.ReadFile(epubPath);
        var pages = PdfTools.PageTexts(pdf);
        Assert.Equal(pages.Count, epub.PageList.Length);

        var labels = PdfTools.PageLabels(pdf);
        var compared = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            var entry = epub.PageList[i];
            Assert.Equal(labels[i], entry.Label);
            var pdfWords = WordAlignment.OutputTokens(pages[i]).Take(16).ToList();
            if (pdfWords.Count == 0)
            {
                continue; // a blank page: its marker shares the next page's place
            }

            // The EPUB's first words after the marker stand at the start of the PDF page (after a running head).
            // The nav stands in for the printed contents but words its entries its own way ("Chapter 1: …"), so only
            // its heading is compared.
            var n = entry.Path == epub.NavItem!.Path ? 1 : Math.Min(3, pdfWords.Count);
            var epubWords = WordsAfter(epub, entry.Path!, entry.Fragment!).Take(n).ToList();
            Assert.True(epubWords.Count == n, $"page {entry.Label}: nothing after the marker");
            var found = Enumerable.Range(0, pdfWords.Count - n + 1).Any(k => pdfWords.Skip(k).Take(n).SequenceEqual(epubWords));
            Assert.True(found, $"page {entry.Label}: EPUB marker is followed by '{string.Join(' ', epubWords)}', PDF page starts '{string.Join(' ', pdfWords)}'");
            compared++;
        }

        Assert.True(compared >= minimumCompared, $"only {compared} pages compared");
    }

    [Fact]
    public void Markers_have_the_pagebreak_semantics_and_the_folio_as_their_name()
    {
        var epub = EpubReader.ReadFile(book.Epub);
        var markers = epub.ContentDocuments.SelectMany(d => d.Xhtml.Descendants(EpubReader.Xhtml + "span"))
            .Where(s => EpubReader.EpubTypes(s).Contains("pagebreak")).ToList();
        markers.AddRange(epub.GetXhtml(epub.NavItem!.Path).Descendants(EpubReader.Xhtml + "span").Where(s => EpubReader.EpubTypes(s).Contains("pagebreak")));
        Assert.Equal(epub.PageList.Length, markers.DistinctBy(m => (string?)m.Attribute("id")).Count());
        Assert.All(markers, m =>
        {
            Assert.Equal("doc-pagebreak", (string?)m.Attribute("role"));
            Assert.False(string.IsNullOrEmpty((string?)m.Attribute("aria-label")));
        });
    }

    [Fact]
    public void The_package_names_the_print_edition_as_the_source_of_the_pagination_and_claims_print_page_numbers()
    {
        var epub = EpubReader.ReadFile(book.Epub);
        var opf = epub.Package!;
        var source = opf.Descendants(EpubReader.Dc + "source").Single(e => (string?)e.Attribute("id") == "print-edition");
        Assert.Contains("print edition", source.Value, StringComparison.Ordinal);
        Assert.Contains(opf.Descendants(EpubReader.Opf + "meta"), m => (string?)m.Attribute("property") == "source-of" && (string?)m.Attribute("refines") == "#print-edition" && m.Value == "pagination");
        Assert.Contains(opf.Descendants(EpubReader.Opf + "meta"), m => (string?)m.Attribute("property") == "schema:accessibilityFeature" && m.Value == "printPageNumbers");
    }
}
