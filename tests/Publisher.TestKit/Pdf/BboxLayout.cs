using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Publisher.TestKit.Pdf;

/// <summary>A word's box as <c>pdftotext -bbox-layout</c> gives it: points, origin at the top left of the page.</summary>
/// <param name="XMin">Left edge: where the first glyph's advance starts.</param>
/// <param name="YMin">Top edge: the baseline minus the font's ascent.</param>
/// <param name="XMax">Right edge: where the last glyph's advance ends.</param>
/// <param name="YMax">Bottom edge: the baseline plus the font's descent.</param>
/// <param name="Text">The word.</param>
public sealed record LayoutWord(double XMin, double YMin, double XMax, double YMax, string Text)
{
    /// <summary>The box height. Poppler derives it from the font size and the font's ascent and descent, so on one
    /// font it stands for the size: every word set at the body size has the same height.</summary>
    public double Height => YMax - YMin;
}

/// <summary>A line as poppler grouped it (one <c>&lt;line&gt;</c> element), words left to right.</summary>
public sealed record LayoutLine(IReadOnlyList<LayoutWord> Words);

/// <summary>One page: its number in the file (1-based), its size and poppler's lines in the order it wrote them.</summary>
public sealed record LayoutPage(int Number, double Width, double Height, IReadOnlyList<LayoutLine> Lines);

/// <summary>Reads <c>pdftotext -bbox-layout</c> output: pages, lines and word boxes.</summary>
public static class BboxLayout
{
    private static readonly XNamespace Ns = "http://www.w3.org/1999/xhtml";

    /// <summary>
    /// Runs <c>pdftotext -bbox-layout</c> on <paramref name="pdf"/> and parses it. Throws when pdftotext is missing or
    /// fails; tests call <see cref="ExternalTools.Require"/> first so that a missing tool is a skip, not an error.
    /// </summary>
    public static IReadOnlyList<LayoutPage> Read(string pdf)
    {
        var tool = ExternalTools.Find("pdftotext")
            ?? throw new InvalidOperationException("pdftotext (poppler-utils) is not installed.");
        var r = ExternalTools.Run(tool, ["-bbox-layout", "-enc", "UTF-8", pdf, "-"], TimeSpan.FromMinutes(2));
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"pdftotext -bbox-layout failed on {pdf}: {r.StdErr.Trim()}");
        }

        return Parse(r.StdOut);
    }

    /// <summary>Parses the XHTML that <c>pdftotext -bbox-layout</c> writes.</summary>
    public static IReadOnlyList<LayoutPage> Parse(string xhtml)
    {
        // The output starts with an XHTML DOCTYPE; ignoring it keeps the parser off the network and off the DTD.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xhtml), settings);
        var doc = XDocument.Load(reader);
        var pages = new List<LayoutPage>();
        foreach (var p in doc.Descendants(Ns + "page"))
        {
            var lines = new List<LayoutLine>();
            foreach (var l in p.Descendants(Ns + "line"))
            {
                var words = l.Elements(Ns + "word")
                    .Select(w => new LayoutWord(D(w, "xMin"), D(w, "yMin"), D(w, "xMax"), D(w, "yMax"), w.Value))
                    .ToList();
                if (words.Count > 0)
                {
                    lines.Add(new LayoutLine(words));
                }
            }

            pages.Add(new LayoutPage(pages.Count + 1, D(p, "width"), D(p, "height"), lines));
        }

        return pages;

        static double D(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);
    }
}
