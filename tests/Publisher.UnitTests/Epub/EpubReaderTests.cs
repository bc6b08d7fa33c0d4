using System.IO.Compression;
using System.Text;
using Publisher.TestKit.Epub;

namespace Publisher.UnitTests.Epub;

/// <summary>The TestKit reader really finds problems, so an empty Validate() means something.</summary>
public sealed class EpubReaderTests
{
    private const string Container = """
        <?xml version="1.0"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
          <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
        </container>
        """;

    private const string Opf = """
        <?xml version="1.0"?>
        <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
          <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:identifier id="id">urn:x</dc:identifier><dc:title>T</dc:title><dc:language>en</dc:language>
          </metadata>
          <manifest>
            <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
            <item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>
            <item id="gone" href="gone.xhtml" media-type="application/xhtml+xml"/>
          </manifest>
          <spine><itemref idref="c1"/><itemref idref="nope"/></spine>
        </package>
        """;

    private const string Nav = """
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>
        <nav epub:type="toc"><ol><li><a href="c1.xhtml#missing">One</a><ol><li><a href="c2.xhtml">Two</a></li></ol></li></ol></nav>
        </body></html>
        """;

    private static byte[] BadEpub(bool mimetypeFirst, CompressionLevel mimetypeLevel)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text, CompressionLevel level = CompressionLevel.Optimal)
            {
                using var s = zip.CreateEntry(name, level).Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }

            if (mimetypeFirst)
            {
                Add("mimetype", "application/epub+zip", mimetypeLevel);
            }

            Add("META-INF/container.xml", Container);
            Add("OEBPS/content.opf", Opf);
            Add("OEBPS/nav.xhtml", Nav);
            Add("OEBPS/c1.xhtml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>broken</body></html>");
            Add("OEBPS/stray.css", "p {}");
            if (!mimetypeFirst)
            {
                Add("mimetype", "application/epub+zip", mimetypeLevel);
            }
        }

        return buffer.ToArray();
    }

    [Fact]
    public void Validate_lists_every_kind_of_problem()
    {
        var epub = EpubReader.Read(BadEpub(mimetypeFirst: false, CompressionLevel.Optimal));
        var problems = string.Join("\n", epub.Validate());
        Assert.Contains("the first entry is 'META-INF/container.xml'", problems, StringComparison.Ordinal);
        Assert.Contains("mimetype entry is compressed", problems, StringComparison.Ordinal);
        Assert.Contains("'gone.xhtml', which is not in the container", problems, StringComparison.Ordinal);
        Assert.Contains("OEBPS/stray.css: the file is not in the manifest", problems, StringComparison.Ordinal);
        Assert.Contains("spine itemref 'nope' is not in the manifest", problems, StringComparison.Ordinal);
        Assert.Contains("OEBPS/c1.xhtml: not well-formed XML", problems, StringComparison.Ordinal);
        Assert.Contains("toc entry 'Two' (c2.xhtml) points at 'OEBPS/c2.xhtml'", problems, StringComparison.Ordinal);
    }

    [Fact]
    public void Nav_entries_nest_and_resolve_relative_to_the_nav()
    {
        var epub = EpubReader.Read(BadEpub(mimetypeFirst: true, CompressionLevel.NoCompression));
        var one = Assert.Single(epub.Toc);
        Assert.Equal(("One", "OEBPS/c1.xhtml", "missing"), (one.Label, one.Path, one.Fragment));
        Assert.Equal("OEBPS/c2.xhtml", Assert.Single(one.Children).Path);
        Assert.DoesNotContain(epub.Validate(), p => p.Where == "mimetype");
    }

    [Theory]
    [InlineData("text/a.xhtml", "b.xhtml#x", "text/b.xhtml", "x")]
    [InlineData("text/a.xhtml", "../fonts/f%20g.ttf", "fonts/f g.ttf", null)]
    [InlineData("text/a.xhtml", "#only", "text/a.xhtml", "only")]
    [InlineData("EPUB/package.opf", "./text/c.xhtml", "EPUB/text/c.xhtml", null)]
    public void Hrefs_resolve_like_urls(string baseFile, string href, string path, string? fragment)
    {
        Assert.Equal((path, fragment), EpubReader.ResolveHref(baseFile, href));
    }

    [Fact]
    public void Text_puts_blocks_on_lines_and_skips_hidden_elements()
    {
        var doc = System.Xml.Linq.XDocument.Parse("""
            <html xmlns="http://www.w3.org/1999/xhtml"><head><title>no</title></head><body>
            <h1>Title <span>here</span></h1><p>One
               two<br/>three</p><nav hidden="hidden"><p>secret</p></nav>
            <table><tr><td>a</td><td>b</td></tr></table><pre>  keep
            lines</pre></body></html>
            """);
        Assert.Equal("Title here\nOne two\nthree\na\tb\nkeep\nlines", XhtmlText.Of(doc));
    }
}
