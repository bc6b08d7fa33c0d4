using Publisher.TestKit.Epub;
using Publisher.TestKit;

namespace Publisher.UnitTests.Epub;

/// <summary>The sample book passes epubcheck with no message at all (product table: "passes epubcheck with no message").</summary>
[Slow("epubcheck")]
public sealed class EpubcheckTests
{
    [SkippableFact]
    public void Sample_book_passes_epubcheck_with_no_messages()
    {
        AssertClean(EpubTestSupport.Write(SampleBook.Create()).Bytes, "sample");
    }

    [SkippableFact]
    public void Sample_book_passes_epubcheck_with_the_default_profile_and_usage_reports()
    {
        var path = EpubTestSupport.WriteTempFile(EpubTestSupport.Write(SampleBook.Create()).Bytes, "sample-usage");
        try
        {
            var report = Epubcheck.Run(path, "--profile", "default", "--usage");
            Assert.True(report.ExitCode == 0, report.ToString());
            Assert.True(!report.Problems.Any(), report.ToString());

            // USAGE messages are advice; the ones we accept are listed with their reason.
            var unexpected = report.Messages.Where(m => !AcceptedUsage.Contains(m.Id)).ToList();
            Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public void Edge_case_book_passes_epubcheck()
    {
        AssertClean(EpubTestSupport.Write(EdgeCaseBooks.Awkward()).Bytes, "awkward");
        AssertClean(EpubTestSupport.Write(EdgeCaseBooks.NoContentsPage()).Bytes, "no-contents");
        AssertClean(EpubTestSupport.Write(EdgeCaseBooks.Minimal()).Bytes, "minimal");
    }

    // What epubcheck 4.2.6 --usage reports for the sample, each with the reason it is not a problem.
    private static readonly HashSet<string> AcceptedUsage =
    [
        "CSS-024", // a class rule this book does not use (e.g. .align-center): the stylesheet serves every book
        "CSS-025", // a class with no rule (chapter, xref, link, page-ref): hooks for a style's extra EPUB CSS
        "CSS-028", // "use of @font-face": the embedded fonts are the point
        "HTM-006", // "named entity": &amp; &lt; &gt; &quot;, XML's predefined escapes, which text must use
        "HTM-010", // the NCX namespace: the NCX is there on purpose for EPUB 2 reading systems
        "OPF-058", // title and copyright pages are not in the nav toc: only InContents divisions are listed
        "OPF-059", // the same for the NCX, which mirrors the nav toc (and the nav document itself)
    ];

    private static void AssertClean(byte[] bytes, string name)
    {
        var path = EpubTestSupport.WriteTempFile(bytes, name);
        try
        {
            var report = Epubcheck.Run(path);
            Assert.True(report.ExitCode == 0 && report.Messages.IsEmpty, $"{name}:\n{report}\n{report.Output}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
