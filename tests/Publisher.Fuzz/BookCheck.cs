using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Publisher.Cli;
using Publisher.TestKit.Epub;
using Publisher.TestKit.Pdf;

namespace Publisher.Fuzz;

/// <summary>A property of a generated book that did not hold; the manuscript is left on disk to reproduce it.</summary>
public sealed class PropertyFailedException(string message) : Exception(message);

/// <summary>
/// Builds a generated manuscript with <c>publisher build</c>, in-process, and checks the outputs: the build ends
/// without an exception and every diagnostic names its place; the PDF passes <c>qpdf --check</c>; the EPUB passes our
/// reader's structural checks and every XHTML file parses as XML; every word of the input is in both outputs' text and
/// no word of removed active content is in either.
/// </summary>
public static partial class BookCheck
{
    /// <summary>Builds and checks; throws <see cref="PropertyFailedException"/> naming the manuscript folder when a property fails.</summary>
    public static void Check(Manuscript manuscript)
    {
        var root = Path.Combine(Path.GetTempPath(), "publisher-fuzz", Guid.NewGuid().ToString("N")[..12]);
        var dir = Path.Combine(root, "manuscript");
        var outDir = Path.Combine(root, "dist");
        Directory.CreateDirectory(dir);
        var chapters = manuscript.Files.Select((_, i) => $"ch{i + 1}.md").ToList();
        File.WriteAllText(Path.Combine(dir, "book.yml"), "title: Fuzz\nchapters:\n  front: [half-title, title-page, contents]\n  body: [" + string.Join(", ", chapters) + "]\n");
        for (var i = 0; i < chapters.Count; i++)
        {
            File.WriteAllText(Path.Combine(dir, chapters[i]), manuscript.Files[i]);
        }

        try
        {
            Run(manuscript, dir, outDir);
        }
        catch (PropertyFailedException e)
        {
            throw new PropertyFailedException($"{e.Message}\n(the manuscript is in {dir})");
        }

        Directory.Delete(root, recursive: true);
    }

    private static void Run(Manuscript manuscript, string dir, string outDir)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit;
        try
        {
            exit = CommandLine.Run(["build", "--manuscript", dir, "--out", outDir], stdout, stderr);
        }
        catch (Exception e)
        {
            throw new PropertyFailedException($"the build threw {e}");
        }

        var err = stderr.ToString();
        if (exit != 0 || err.Contains("internal error", StringComparison.Ordinal))
        {
            throw new PropertyFailedException($"the build failed (exit {exit}):\n{err}");
        }

        foreach (var line in err.Split('\n').Where(l => l.Contains(" PUB", StringComparison.Ordinal)))
        {
            if (!Placed().IsMatch(line))
            {
                throw new PropertyFailedException($"a diagnostic without its place: {line}");
            }
        }

        var pdf = Directory.GetFiles(outDir, "*.pdf").Single();
        var qpdf = PdfTools.QpdfCheck(pdf);
        if (qpdf.ExitCode != 0)
        {
            throw new PropertyFailedException($"qpdf --check failed ({qpdf.ExitCode}):\n{qpdf.StdOut}{qpdf.StdErr}");
        }

        var epubPath = Directory.GetFiles(outDir, "*.epub").Single();
        var epub = EpubReader.ReadFile(epubPath);
        if (epub.Validate() is { Count: > 0 } problems)
        {
            throw new PropertyFailedException("the EPUB has problems:\n" + string.Join('\n', problems));
        }

        using (var zip = System.IO.Compression.ZipFile.OpenRead(epubPath))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xhtml", StringComparison.Ordinal)))
            {
                using var s = entry.Open();
                try
                {
                    XDocument.Load(s);
                }
                catch (System.Xml.XmlException e)
                {
                    throw new PropertyFailedException($"{entry.FullName} is not well-formed XML: {e.Message}");
                }
            }
        }

        // A word wider than its line (a narrow table column deep in a list) is broken where it must be, with a
        // warning naming it: the print edition cannot show it whole, and the author has been told.
        var broken = OverlongWord().Matches(err).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        // Layout mode keeps the hyphen of a word broken at a page's foot, which raw mode drops without joining.
        CheckWords("PDF", PdfTools.Text(pdf, layout: true), manuscript, broken);
        CheckWords("EPUB", epub.AllText, manuscript, []);
    }

    private static void CheckWords(string output, string text, Manuscript manuscript, HashSet<string> excused)
    {
        var words = Words(text);
        var missing = manuscript.Expected.Where(w => !words.Contains(w.Normalize(NormalizationForm.FormC)) && !excused.Contains(w)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new PropertyFailedException($"the {output} lacks {missing.Count} of the input's {manuscript.Expected.Count} words: {string.Join(' ', missing.Take(20))}");
        }

        var shown = manuscript.Hidden.Where(words.Contains).ToList();
        if (shown.Count > 0)
        {
            throw new PropertyFailedException($"the {output} shows words of removed scripts or styles: {string.Join(' ', shown)}");
        }
    }

    /// <summary>
    /// The words of an output's text, lower-cased. A word broken with a hyphen at a line's end is also joined with each
    /// of the next few hundred words: at a page's foot, its footnotes and the next page's running head come between.
    /// </summary>
    public static HashSet<string> Words(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var tokens = new List<(string Word, bool Hyphenated)>();
        foreach (var line in text.Normalize(NormalizationForm.FormC).ToLowerInvariant().Split('\n', '\f'))
        {
            // A note number set straight after a word ("again¹") reads back as "again1": letters and digits part.
            var parts = NonWord().Split(line).SelectMany(p => LetterDigit().Split(p)).Where(p => p.Length > 0).ToList();
            var hyphenated = BrokenAtEnd().IsMatch(line);
            for (var i = 0; i < parts.Count; i++)
            {
                tokens.Add((parts[i], hyphenated && i == parts.Count - 1));
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            set.Add(tokens[i].Word);
            if (tokens[i].Hyphenated)
            {
                for (var k = i + 1; k < Math.Min(tokens.Count, i + 300); k++)
                {
                    set.Add(tokens[i].Word + tokens[k].Word);
                }
            }
        }

        return set;
    }

    [GeneratedRegex(@"^\S+:\d+:\d+: (warning|error) PUB\d{4}: ")]
    private static partial Regex Placed();

    [GeneratedRegex(@"warning PUB3001: '([^']+)' is wider than the line")]
    private static partial Regex OverlongWord();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})")]
    private static partial Regex LetterDigit();

    [GeneratedRegex(@"\p{L}-\s*$")]
    private static partial Regex BrokenAtEnd();
}
