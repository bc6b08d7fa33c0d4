using Publisher.TestKit.Epub;
using Publisher.TestKit.Pdf;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>
/// An author's soft hyphen (&amp;shy;) is a break point and nothing else: the PDF's text can be searched and copied
/// for the whole word, and the EPUB keeps the mark for the reading system to break at.
/// </summary>
public sealed class SoftHyphenTests
{
    [Slow("poppler-utils")]
    [SkippableFact]
    public void A_word_with_soft_hyphens_reads_whole_in_the_pdf_text_and_keeps_its_marks_in_the_epub()
    {
        var (pdf, epubPath) = SmallBook.Build("soft-hyphens", ("book.yml", "title: Soft\n"),
            ("a.md", "# A\n\nThe Anti&shy;fascist Committee met the Sovin&shy;formburo about a dif&shy;fi&shy;cult matter.\n"));

        // pdftotext may end a line anywhere: the words are compared with one space between them.
        var text = string.Join(' ', PdfTools.Text(pdf).Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("\u00AD", text, StringComparison.Ordinal);
        Assert.Contains("The Antifascist Committee met the Sovinformburo about a difficult matter.", text, StringComparison.Ordinal);

        var epub = EpubReader.ReadFile(epubPath);
        var doc = epub.GetXhtml(epub.Paths.Single(p => p.EndsWith("a.xhtml", StringComparison.Ordinal)));
        var paragraph = doc.Descendants(EpubReader.Xhtml + "p").Single(p => p.Value.Contains("Committee", StringComparison.Ordinal));
        Assert.Contains("Anti\u00ADfascist", paragraph.Value, StringComparison.Ordinal);
        Assert.Contains("dif\u00ADfi\u00ADcult", paragraph.Value, StringComparison.Ordinal);
    }
}
