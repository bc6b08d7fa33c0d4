using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Publisher.TestKit.Pdf;

/// <summary>A font as <c>pdffonts</c> lists it.</summary>
public sealed record PdfFontInfo(string Name, string Type, bool Embedded, bool Subset, bool Unicode);

/// <summary>A word and its box on a page, from <c>pdftotext -bbox-layout</c> (points, origin top-left).</summary>
public sealed record PdfWord(int Page, double XMin, double YMin, double XMax, double YMax, string Text);

/// <summary>The PDF validators and readers we run as tests: qpdf and poppler-utils.</summary>
public static partial class PdfTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <c>qpdf --check</c>; skips (or fails in CI) when qpdf is missing.</summary>
    public static ToolResult QpdfCheck(string pdf) => ExternalTools.Run(ExternalTools.Require("qpdf", "qpdf"), ["--check", pdf], Timeout);

    /// <summary>The fonts of a PDF, from <c>pdffonts</c>.</summary>
    public static IReadOnlyList<PdfFontInfo> Fonts(string pdf)
    {
        var r = ExternalTools.Run(ExternalTools.Require("pdffonts (poppler-utils)", "pdffonts"), [pdf], Timeout);
        Xunit.Assert.True(r.ExitCode == 0, "pdffonts failed: " + r.StdErr);
        var fonts = new List<PdfFontInfo>();
        foreach (var line in r.StdOut.Split('\n').Skip(2))
        {
            // name type [type...] encoding emb sub uni object ID: the last five columns are fixed.
            var cols = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cols.Length < 7)
            {
                continue;
            }

            var n = cols.Length;
            fonts.Add(new PdfFontInfo(cols[0], string.Join(' ', cols[1..(n - 6)]), cols[n - 5] == "yes", cols[n - 4] == "yes", cols[n - 3] == "yes"));
        }

        return fonts;
    }

    /// <summary>The text of a PDF in reading order, pages separated by form feeds.</summary>
    public static string Text(string pdf, bool layout = false)
    {
        var args = new List<string> { "-enc", "UTF-8" };
        if (layout)
        {
            args.Add("-layout");
        }

        args.AddRange([pdf, "-"]);
        var r = ExternalTools.Run(ExternalTools.Require("pdftotext (poppler-utils)", "pdftotext"), args, Timeout);
        Xunit.Assert.True(r.ExitCode == 0, "pdftotext failed: " + r.StdErr);
        return r.StdOut;
    }

    /// <summary>The text of each page.</summary>
    public static IReadOnlyList<string> PageTexts(string pdf, bool layout = false) => Text(pdf, layout).Split('\f')[..^1];

    /// <summary>Every word with its box.</summary>
    public static IReadOnlyList<PdfWord> Words(string pdf)
    {
        var r = ExternalTools.Run(ExternalTools.Require("pdftotext (poppler-utils)", "pdftotext"), ["-bbox-layout", pdf, "-"], Timeout);
        Xunit.Assert.True(r.ExitCode == 0, "pdftotext -bbox-layout failed: " + r.StdErr);
        var doc = XDocument.Parse(r.StdOut);
        XNamespace ns = "http://www.w3.org/1999/xhtml";
        var words = new List<PdfWord>();
        var page = 0;
        foreach (var p in doc.Descendants(ns + "page"))
        {
            page++;
            foreach (var w in p.Descendants(ns + "word"))
            {
                words.Add(new PdfWord(page, D(w, "xMin"), D(w, "yMin"), D(w, "xMax"), D(w, "yMax"), w.Value));
            }
        }

        return words;

        static double D(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);
    }

    /// <summary>Page count and the size of every page in points, from <c>pdfinfo</c>.</summary>
    public static IReadOnlyList<(double Width, double Height)> PageSizes(string pdf)
    {
        var info = ExternalTools.Run(ExternalTools.Require("pdfinfo (poppler-utils)", "pdfinfo"), [pdf], Timeout);
        var pages = int.Parse(PagesLine().Match(info.StdOut).Groups[1].Value, CultureInfo.InvariantCulture);
        var r = ExternalTools.Run("pdfinfo", ["-f", "1", "-l", pages.ToString(CultureInfo.InvariantCulture), pdf], Timeout);
        return [.. SizeLine().Matches(r.StdOut).Select(m => (
            double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))];
    }

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts")]
    private static partial Regex SizeLine();
}
