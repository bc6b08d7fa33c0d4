using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Publisher.TestKit.Epub;
using Publisher.TestKit.Pdf;
using Publisher.TestKit;

namespace Publisher.BookTests;

/// <summary>
/// The bad-input corpus (issue 8): bad, hostile and huge input, each case with its expected outcome. Each gives either a
/// good book (maybe with warnings, which name their place) or a clear <c>file:line:col: error CODE</c> with exit 1, in
/// bounded time, never a crash, a hang or a stack trace. Every PDF a case produces passes <c>qpdf --check</c> and every
/// EPUB our reader's structural checks (every XHTML parsed as XML); the cases that build are also built together as
/// one book, which epubcheck checks once (it takes seconds per run, too slow to run per case).
/// </summary>
public sealed class BadInputTests
{
    /// <summary>What a case should end in.</summary>
    public enum Outcome
    {
        /// <summary>A book (maybe with warnings, which must then name their place).</summary>
        Builds,

        /// <summary>An error with its place and exit code 1.</summary>
        Error,
    }

    /// <summary>A case: the manuscript's files (book.yml defaults to a title), what it ends in, the codes it must report.</summary>
    /// <param name="Setup">Makes what bytes cannot say (a named pipe, a symbolic link) in the manuscript folder.</param>
    public sealed record Case(Outcome Outcome, string[] Codes, Dictionary<string, byte[]> Files, Action<string>? Setup = null)
    {
        /// <summary>True when the case is a chapter and its files under the default book.yml, so it can join the union book.</summary>
        public bool Joinable => Outcome == Outcome.Builds && Setup is null && !Files.ContainsKey("book.yml");
    }

    private const string DefaultBookYml = "title: T\n";

    private static readonly string Words = string.Join(' ', Enumerable.Repeat("ordinary words in a long paragraph", 400));

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // book.yml: malformed and hostile YAML.
        ["yaml-syntax-error"] = Yml("title: \"unclosed\nsubtitle: [a, b\n", Outcome.Error, "PUB1005"),
        ["yaml-duplicate-key"] = Yml("title: A\ntitle: B\n", Outcome.Error, "PUB1005"),
        ["yaml-tab-indentation"] = Yml("title: T\nchapters:\n\t- a.md\n", Outcome.Error, "PUB1005"),
        ["yaml-wrong-type"] = Yml("title: [not, a, string]\n", Outcome.Error, "PUB1009"),
        ["yaml-wrong-type-chapters"] = Yml("title: T\nchapters: 42\n", Outcome.Error, "PUB1009"),
        ["yaml-unknown-key"] = Yml("title: T\ntitel: typo\n", Outcome.Error, "PUB1008"),
        ["yaml-alias-bomb"] = Yml("title: T\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n", Outcome.Error, "PUB1006"),
        ["yaml-deep-flow"] = Yml("title: T\nx: " + new string('[', 10_000) + "\n", Outcome.Error, "PUB1005"),
        ["yaml-huge"] = Yml("title: T\nsubjects: [" + string.Join(", ", Enumerable.Repeat("s", 100_000)) + "]\n", Outcome.Error, "PUB1006"),
        ["yaml-empty"] = Yml("", Outcome.Error, "PUB1007"),
        // A YAML tag is not a type book.yml knows: the value is read as the text it is.
        ["yaml-binary-tag"] = Yml("title: !!binary aGVsbG8=\n", Outcome.Builds),

        // Chapters: missing, empty, unreadable, outside, huge.
        ["missing-chapter"] = Yml("title: T\nchapters: [a.md, nope.md]\n", Outcome.Error, "PUB1014"),
        ["chapter-outside-the-folder"] = Yml("title: T\nchapters: [a.md, ../../etc/passwd.md]\n", Outcome.Error, "PUB1033"),
        ["empty-chapter"] = Chapter([], Outcome.Builds, "PUB1039"),
        ["whitespace-chapter"] = Chapter(Utf8("\n \t\n\n"), Outcome.Builds, "PUB1039"),
        ["chapter-is-a-named-pipe"] = new(Outcome.Error, ["PUB1002"], [], dir => MakeFifo(Path.Combine(dir, "a.md"))),
        ["chapter-links-to-dev-zero"] = new(Outcome.Error, ["PUB1002"], [], dir => File.CreateSymbolicLink(Path.Combine(dir, "a.md"), "/dev/zero")),
        ["chapter-is-a-folder"] = new(Outcome.Error, ["PUB1014"], new() { ["book.yml"] = Utf8("title: T\nchapters: [a.md]\n") }, dir => Directory.CreateDirectory(Path.Combine(dir, "a.md"))),
        ["chapter-of-17-mib"] = Chapter(Utf8("# A\n\n" + string.Concat(Enumerable.Repeat("word ", 17 << 18)) + "\n"), Outcome.Error, "PUB1032"),

        // Encodings and characters.
        ["invalid-utf8"] = Chapter([.. "# A\n\nBad "u8, 0xC3, 0x28, .. " byte.\n"u8], Outcome.Error, "PUB1003"),
        ["utf16"] = Chapter([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("# A\n\nText.\n")], Outcome.Error, "PUB1003"),
        ["utf16-book-yml"] = new(Outcome.Error, ["PUB1003"], new() { ["book.yml"] = [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(DefaultBookYml)], ["a.md"] = Utf8("# A\n") }),
        ["bom-crlf-mixed"] = Chapter([.. Encoding.UTF8.GetPreamble(), .. Utf8("# A\r\n\r\nLine one\rline two\nline three.\r\n")], Outcome.Builds),
        ["control-characters"] = Chapter(Utf8("# A\n\nBell \u0007, escape \u001b, null \u0000 and C1 \u0085 here.\n"), Outcome.Builds, "PUB1004"),

        // Images.
        ["good-image"] = Image(Png(12, 8), Outcome.Builds, "PUB1020"),
        ["missing-image"] = Chapter(Utf8("# A\n\n![A map](missing.png)\n"), Outcome.Error, "PUB1034"),
        ["corrupt-image"] = Image(Utf8("this is not an image at all"), Outcome.Error, "PUB1035"),
        ["truncated-image"] = Image(Png(12, 8)[..40], Outcome.Error, "PUB1035"),
        ["image-of-400-megapixels"] = Image(Png(20_000, 20_000), Outcome.Error, "PUB1036"),
        ["remote-image"] = Chapter(Utf8("# A\n\n![A map](https://example.com/map.png) and <img src=\"http://example.com/x.jpg\" alt=\"x\">\n"), Outcome.Builds, "PUB1037"),
        ["image-outside-the-folder"] = Chapter(Utf8("# A\n\n![Secrets](../../../etc/shadow) ![Abs](/etc/hostname)\n"), Outcome.Error, "PUB1033"),

        // Raw HTML.
        ["hostile-html"] = Chapter(Utf8("# A\n\n<script>alert(1)</script><div onclick=\"x()\">Text <em>unclosed <b>bold\n\n<iframe src=x>never closed\n"), Outcome.Builds, "PUB1029", "PUB1030"),
        ["html-nested-10000-deep"] = Chapter(Utf8("# A\n\nx " + string.Concat(Enumerable.Repeat("<em>", 10_000)) + "deep" + string.Concat(Enumerable.Repeat("</em>", 10_000)) + "\n"), Outcome.Builds, "PUB1019"),
        ["html-nested-100000-deep-mixed"] = Chapter(Utf8("# A\n\nx " + string.Concat(Enumerable.Repeat("<em><b><a href=\"#a\">", 33_334)) + "deep\n"), Outcome.Builds, "PUB1019"),

        // 10,000-deep nesting of quotes and lists.
        ["quotes-10000-deep"] = Chapter(Utf8("# A\n\n" + new string('>', 10_000) + " deep\n"), Outcome.Error, "PUB1028"),
        ["lists-10000-deep-on-one-line"] = Chapter(Utf8("# A\n\n" + string.Concat(Enumerable.Repeat("- ", 10_000)) + "deep\n"), Outcome.Error, "PUB1028"),
        ["lists-2000-deep-indented"] = Chapter(Utf8("# A\n\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => new string(' ', i * 2) + "- item\n"))), Outcome.Error, "PUB1028"),
        ["quotes-and-lists-10000-deep"] = Chapter(Utf8("# A\n\n" + string.Concat(Enumerable.Repeat("> - ", 5_000)) + "deep\n"), Outcome.Error, "PUB1028"),
        ["emphasis-10000-deep"] = Chapter(Utf8("# A\n\n" + string.Concat(Enumerable.Repeat("*a ", 10_000)) + "x" + string.Concat(Enumerable.Repeat(" b*", 10_000)) + "\n"), Outcome.Error, "PUB1028"),

        // Longer than the line, wider and longer than the page.
        ["overlong-url"] = Chapter(Utf8("# A\n\nSee https://example.org/" + new string('x', 300) + " now.\n"), Outcome.Builds, "PUB3001"),
        ["overlong-word"] = Chapter(Utf8("# A\n\nA " + new string('w', 5_000) + " word.\n"), Outcome.Builds, "PUB3001"),
        ["wide-table"] = Chapter(Utf8("# A\n\n" + string.Join(" | ", Enumerable.Range(1, 24).Select(i => "Heading" + i)) + "\n" + string.Join(" | ", Enumerable.Repeat("---", 24)) + "\n" + string.Join(" | ", Enumerable.Range(1, 24).Select(i => "cellvalue" + i)) + "\n"), Outcome.Builds),
        ["long-table"] = Chapter(Utf8("# A\n\n| a | b |\n|---|---|\n" + string.Concat(Enumerable.Range(1, 300).Select(i => $"| row {i} | value {i} |\n"))), Outcome.Builds),
        ["table-cell-longer-than-a-page"] = Chapter(Utf8("# A\n\n| a | b |\n|---|---|\n| " + Words + " | short |\n"), Outcome.Builds),
        ["paragraph-longer-than-a-page"] = Chapter(Utf8("# A\n\n" + Words + "\n"), Outcome.Builds),
        ["footnote-longer-than-a-page"] = Chapter(Utf8("# A\n\nA note.[^long]\n\n[^long]: " + Words + "\n"), Outcome.Builds),
        ["line-of-200000-characters"] = Chapter(Utf8("# A\n\n" + new string('x', 200_000) + "\n"), Outcome.Builds, "PUB3001"),

        // Footnotes, headings, cross-references.
        ["undefined-and-unused-notes"] = Chapter(Utf8("# A\n\nCited[^nope] here.\n\n[^unused]: Never cited.\n"), Outcome.Builds, "PUB1021", "PUB1022"),
        ["self-referencing-notes"] = Chapter(Utf8("# A\n\nText[^a] and[^b].\n\n[^a]: Itself[^a] again.\n[^b]: To c[^c].\n[^c]: Back to b[^b].\n"), Outcome.Builds),
        ["three-thousand-notes"] = Chapter(Utf8("# A\n\n" + string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"w[^n{i}]")) + "\n\n" + string.Join('\n', Enumerable.Range(0, 3000).Select(i => $"[^n{i}]: note {i}")) + "\n"), Outcome.Builds),
        ["duplicate-headings"] = Chapter(Utf8("# A\n\n## Same\n\nOne.\n\n## Same\n\nTwo.\n\n# A\n\nThree.\n"), Outcome.Builds, "PUB1017"),
        ["duplicate-explicit-ids"] = Chapter(Utf8("# A\n\n## One {#same}\n\n## Two {#same}\n"), Outcome.Error, "PUB1024"),
        ["broken-cross-reference"] = Chapter(Utf8("# A\n\nSee [](#nowhere).\n"), Outcome.Error, "PUB1026"),

        // Scripts the fonts cannot show.
        ["cjk-and-emoji"] = Chapter(Utf8("# A\n\nThe capital is 北京 🙂.\n"), Outcome.Builds, "PUB3004"),
        ["arabic"] = Chapter(Utf8("# A\n\nPeace: سلام عليكم.\n"), Outcome.Builds, "PUB3004"),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static Case Yml(string bookYml, Outcome outcome, params string[] codes) =>
        new(outcome, codes, new() { ["book.yml"] = Utf8(bookYml), ["a.md"] = Utf8("# A\n\nText.\n") });

    private static Case Chapter(byte[] chapter, Outcome outcome, params string[] codes) => new(outcome, codes, new() { ["a.md"] = chapter });

    private static Case Image(byte[] image, Outcome outcome, params string[] codes) =>
        new(outcome, codes, new() { ["a.md"] = Utf8("# A\n\nA figure:\n\n![The figure](pics/figure.png)\n"), ["pics/figure.png"] = image });

    /// <summary>
    /// A valid 1-bit greyscale PNG of the given size, all black, made by hand (Skia would allocate the bitmap): the
    /// rows of zeros deflate to almost nothing, so 400 megapixels take about 50 KB.
    /// </summary>
    private static byte[] Png(int width, int height)
    {
        var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + ((width + 7) / 8)];
            for (var y = 0; y < height; y++)
            {
                z.Write(row);
            }
        }

        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 1; // bit depth; colour type 0 (grey), no interlace
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk("IHDR", ihdr);
        Chunk("IDAT", idat.ToArray());
        Chunk("IEND", []);
        return png.ToArray();

        void Chunk(string type, byte[] data)
        {
            byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
            var be = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(be, data.Length);
            png.Write(be);
            png.Write(typed);
            BinaryPrimitives.WriteUInt32BigEndian(be, Publisher.Epub.Zip.Crc32.Compute(typed));
            png.Write(be);
        }
    }

    private static void MakeFifo(string path)
    {
        var made = Publisher.TestKit.ExternalTools.Run("mkfifo", [path], TimeSpan.FromSeconds(10));
        Assert.True(made.ExitCode == 0, made.StdErr);
    }

    /// <summary>Writes a case's files (and runs its setup) into a new manuscript folder, or into <paramref name="dir"/> without a book.yml.</summary>
    private static string Write(string name, Case c, string? dir = null)
    {
        var withBookYml = dir is null;
        dir ??= Repo.TempDir("bad-" + name);
        if (withBookYml && !c.Files.ContainsKey("book.yml"))
        {
            File.WriteAllText(Path.Combine(dir, "book.yml"), DefaultBookYml);
        }

        foreach (var (path, bytes) in c.Files)
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }

        c.Setup?.Invoke(dir);
        return dir;
    }

    [Slow("builds each bad book in a process and runs qpdf and epubcheck on what it writes")]
    [SkippableTheory]
    [MemberData(nameof(Names))]
    public void Bad_input_gives_a_book_or_an_error_with_its_place_never_a_crash(string name)
    {
        var c = Cases[name];
        Skip.If(c.Setup is not null && OperatingSystem.IsWindows(), "named pipes and links to devices are a Unix case");
        var dir = Write(name, c);
        var outDir = Repo.TempDir("bad-out-" + name);

        var task = Task.Run(() => Repo.Publisher("build", "--manuscript", dir, "--out", outDir));
        Assert.True(task.Wait(TimeSpan.FromSeconds(120)), $"{name}: the build did not finish in two minutes");
        var run = task.Result;

        Assert.DoesNotContain("internal error", run.Err, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\n\s+at \S+\(", run.Err);
        foreach (var code in c.Codes)
        {
            Assert.Contains(code, run.Err, StringComparison.Ordinal);
        }

        // Every diagnostic names its place: a file of the manuscript, and a line and column unless the problem is the
        // whole file (unreadable, too large, empty).
        var diagnostics = run.Err.Split('\n').Where(l => l.Contains(": error PUB", StringComparison.Ordinal) || l.Contains(": warning PUB", StringComparison.Ordinal)).ToList();
        foreach (var line in diagnostics)
        {
            Assert.Matches(@"^\S+(:\d+:\d+)?: (error|warning) PUB\d{4}: ", line);
            if (!line.Contains("PUB1002", StringComparison.Ordinal) && !line.Contains("PUB1032", StringComparison.Ordinal) && !line.Contains("PUB1007", StringComparison.Ordinal))
            {
                Assert.Matches(@"^\S+:\d+:\d+: ", line);
            }
        }

        if (c.Outcome == Outcome.Error)
        {
            Assert.True(run.ExitCode == 1, $"{name}: exit {run.ExitCode}\n{run.Err}");
            Assert.Contains(diagnostics, l => l.Contains(": error PUB", StringComparison.Ordinal) && (l.Contains("book.yml", StringComparison.Ordinal) || l.Contains("a.md", StringComparison.Ordinal)));
            Assert.Empty(Directory.GetFiles(outDir));
            return;
        }

        Assert.True(run.ExitCode == 0, $"{name}: exit {run.ExitCode}\n{run.Err}");
        Assert.DoesNotContain(diagnostics, l => l.Contains(": error PUB", StringComparison.Ordinal));
        var pdf = Directory.GetFiles(outDir, "*.pdf").Single();
        var qpdf = PdfTools.QpdfCheck(pdf);
        Assert.True(qpdf.ExitCode == 0, $"{name}: qpdf --check failed:\n{qpdf.StdOut}{qpdf.StdErr}");
        var epub = EpubReader.ReadFile(Directory.GetFiles(outDir, "*.epub").Single());
        Assert.Empty(epub.Validate());
        Assert.NotEmpty(epub.ContentDocuments);
    }

    /// <summary>
    /// A table row is a box the page builder cannot break, so a cell longer than a page used to run off the foot of
    /// the page: 108 of its 400 sentences were printed. Rows taller than a page are now cut into slices of lines.
    /// </summary>
    [Slow("reads the outputs with poppler-utils, qpdf or epubcheck")]
    [SkippableFact]
    public void A_table_cell_longer_than_a_page_is_printed_whole_across_pages()
    {
        var dir = Write("cell", Cases["table-cell-longer-than-a-page"]);
        var outDir = Repo.Build(dir, "cell-out");

        var text = PdfTools.Text(Directory.GetFiles(outDir, "*.pdf").Single());

        Assert.Equal(400, System.Text.RegularExpressions.Regex.Count(text, "ordinary"));
        Assert.Contains("short", text, StringComparison.Ordinal);
    }

    /// <summary>Every case that builds, as one chapter each of one book: it builds, and epubcheck and qpdf pass it.</summary>
    [Slow("reads the outputs with poppler-utils, qpdf or epubcheck")]
    [SkippableFact]
    public void The_cases_that_build_build_together_into_a_book_epubcheck_and_qpdf_pass()
    {
        var dir = Repo.TempDir("bad-union");
        var joined = Cases.Where(kv => kv.Value.Joinable).ToList();
        Assert.True(joined.Count >= 20, "most cases that build should join the union book");
        foreach (var (name, c) in joined)
        {
            Write(name, c, Directory.CreateDirectory(Path.Combine(dir, name)).FullName);
        }

        File.WriteAllText(Path.Combine(dir, "book.yml"),
            "title: Every Bad Input\nchapters:\n  front: [half-title, title-page, contents]\n  body:\n" + string.Concat(joined.Select(kv => $"    - {kv.Key}/a.md\n")));

        var outDir = Repo.Build(dir, "bad-union-out");

        var pdf = PdfTools.QpdfCheck(Directory.GetFiles(outDir, "*.pdf").Single());
        Assert.True(pdf.ExitCode == 0, pdf.StdOut + pdf.StdErr);
        var report = Epubcheck.Run(Directory.GetFiles(outDir, "*.epub").Single());
        Assert.True(!report.Problems.Any(), report.ToString());
    }
}
