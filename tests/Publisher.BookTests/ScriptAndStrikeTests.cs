using System.Xml.Linq;
using Publisher.TestKit.Epub;
using Publisher.TestKit.Pdf;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>~~strike~~, H~2~O and x^2^ (and their HTML tags) reach both outputs: del, sub and sup in the EPUB, ruled and shifted text in print.</summary>
public sealed class ScriptAndStrikeTests
{
    [Slow("epubcheck and poppler-utils")]
    [SkippableFact]
    public void Strikes_and_scripts_are_del_sub_and_sup_in_a_valid_epub_and_text_in_the_pdf()
    {
        var (pdf, epubPath) = SmallBook.Build("scripts", ("book.yml", "title: Scripts\n"),
            ("a.md", "# A\n\nWater is H~2~O, the area 5 m^2^, the price ~~two shillings~~ and <del>this</del>.\n"));

        var epub = EpubReader.ReadFile(epubPath);
        var doc = epub.GetXhtml(epub.Paths.Single(p => p.StartsWith("EPUB/text/", StringComparison.Ordinal) && p.EndsWith("a.xhtml", StringComparison.Ordinal)));
        XNamespace x = EpubReader.Xhtml;
        Assert.Equal(["2"], doc.Descendants(x + "sub").Select(e => e.Value));
        Assert.Equal(["2"], doc.Descendants(x + "sup").Select(e => e.Value));
        Assert.Equal(["two shillings", "this"], doc.Descendants(x + "del").Select(e => e.Value));
        var report = Epubcheck.Run(epubPath);
        Assert.True(!report.Problems.Any(), report.ToString());

        Assert.Contains("two shillings", PdfTools.Text(pdf), StringComparison.Ordinal);
        Assert.DoesNotContain("~", PdfTools.Text(pdf), StringComparison.Ordinal);
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
    }
}
