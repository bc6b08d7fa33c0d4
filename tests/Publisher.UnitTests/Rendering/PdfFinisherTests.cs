using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Publisher.Rendering.Finishing;
using Publisher.TestKit.Pdf;
using Publisher.TestKit;

namespace Publisher.UnitTests.Rendering;

/// <summary>
/// The PDF finishing step on a hand-built book, rendered through <c>PdfRenderer</c> and read back with qpdf and
/// poppler: outline, page labels, /Lang, XMP and /Info, the incremental update's shape, and determinism.
/// </summary>
public sealed partial class PdfFinisherTests
{
    private static readonly Lazy<byte[]> Rendered = new(() => FinishingTestBook.Render(FinishingTestBook.Build()));

    private static string Pdf => FinishingTestBook.WriteTemp(Rendered.Value, "finishing");

    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Xmp = "http://ns.adobe.com/xap/1.0/";
    private static readonly XNamespace PdfNs = "http://ns.adobe.com/pdf/1.3/";
    private static readonly XNamespace XmpMM = "http://ns.adobe.com/xap/1.0/mm/";

    [Slow("qpdf")]
    [SkippableFact]
    public void Qpdf_check_finds_no_error_or_warning()
    {
        var r = PdfTools.QpdfCheck(Pdf);
        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        Assert.Contains("No syntax or stream encoding errors found", r.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", r.StdOut + r.StdErr, StringComparison.Ordinal);
    }

    [Slow("qpdf")]
    [SkippableFact]
    public void Outline_nests_sections_under_their_chapter_and_jumps_to_each_heading()
    {
        var outline = PdfTools.Outline(Pdf);
        var expected = FinishingTestBook.Headings
            .Select(h => (h.Title, h.Level, Page: (int?)(h.Page + 1), Top: (double?)(FinishingTestBook.Height - h.Y)))
            .ToList();
        Assert.Equal(expected, outline.Select(o => (o.Title, o.Level, o.Page, o.Top)).ToList());

        // Chapters are open (their sections show); the section with a sub-section is closed.
        Assert.True(outline.Single(o => o.Title == "\u201CSecond\u201D Chapter").Open);
        Assert.False(outline.Single(o => o.Title == "Deep Section").Open);
    }

    [Slow("qpdf")]
    [SkippableFact]
    public void Outline_counts_and_links_follow_the_spec()
    {
        using var json = PdfTools.Json(Pdf, "qpdf");
        var objects = json.RootElement.GetProperty("qpdf")[1];
        var (_, catalog, _) = PdfTools.Dictionaries(json);
        var root = PdfTools.ObjectValue(objects, catalog.GetProperty("/Outlines").GetString()!);
        Assert.Equal("/Outlines", root.GetProperty("/Type").GetString());

        // Visible items: Contents, chapter 1 and its section, chapter 2 and its (closed) section.
        Assert.Equal(5, root.GetProperty("/Count").GetInt32());
        var chapters = Siblings(objects, root).ToList();
        Assert.Equal(["Contents", "The \u2018First\u2019 Chapter", "\u201CSecond\u201D Chapter"], chapters.Select(c => Title(c.Value)));
        Assert.False(chapters[0].Value.TryGetProperty("/Count", out _));
        Assert.Equal(1, chapters[1].Value.GetProperty("/Count").GetInt32());
        Assert.Equal(1, chapters[2].Value.GetProperty("/Count").GetInt32());
        var deep = Siblings(objects, chapters[2].Value).Single();
        Assert.Equal(-1, deep.Value.GetProperty("/Count").GetInt32());
        Assert.Equal("Deeper Still", Title(Siblings(objects, deep.Value).Single().Value));

        // /Prev mirrors /Next, and every child's /Parent is the node listing it.
        for (var i = 0; i < chapters.Count; i++)
        {
            Assert.Equal(i > 0 ? chapters[i - 1].Ref : null, chapters[i].Value.TryGetProperty("/Prev", out var p) ? p.GetString() : null);
            Assert.Equal(catalog.GetProperty("/Outlines").GetString(), chapters[i].Value.GetProperty("/Parent").GetString());
        }

        Assert.Equal(chapters[2].Ref, deep.Value.GetProperty("/Parent").GetString());

        static string Title(JsonElement item) => PdfTools.DecodeString(item.GetProperty("/Title"));
    }

    private static IEnumerable<(string Ref, JsonElement Value)> Siblings(JsonElement objects, JsonElement parent)
    {
        var last = parent.GetProperty("/Last").GetString();
        for (var r = parent.GetProperty("/First").GetString(); r is not null;)
        {
            var item = PdfTools.ObjectValue(objects, r);
            yield return (r, item);
            if (r == last)
            {
                yield break;
            }

            r = item.TryGetProperty("/Next", out var n) ? n.GetString() : null;
        }
    }

    [Slow("qpdf")]
    [SkippableFact]
    public void Page_labels_are_the_folios_roman_then_arabic_with_blank_pages_numbered_in_sequence()
    {
        Assert.Equal(FinishingTestBook.Folios, PdfTools.PageLabels(Pdf));

        using var json = PdfTools.Json(Pdf, "pagelabels");
        var ranges = json.RootElement.GetProperty("pagelabels").EnumerateArray()
            .Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("label").GetProperty("/S").GetString(), r.GetProperty("label").GetProperty("/St").GetInt32()))
            .ToList();
        Assert.Equal([(0, "/r", 1), (4, "/D", 1)], ranges);
    }

    [Slow("qpdf")]
    [SkippableFact]
    public void Catalog_gets_lang_page_mode_and_viewer_preferences_and_keeps_skias_named_destinations()
    {
        using var json = PdfTools.Json(Pdf, "qpdf");
        var objects = json.RootElement.GetProperty("qpdf")[1];
        var (trailer, catalog, _) = PdfTools.Dictionaries(json);
        Assert.Equal("en-GB", PdfTools.DecodeString(catalog.GetProperty("/Lang")));
        Assert.Equal("/UseOutlines", catalog.GetProperty("/PageMode").GetString());
        Assert.True(catalog.GetProperty("/ViewerPreferences").GetProperty("/DisplayDocTitle").GetBoolean());
        Assert.Equal("/Catalog", catalog.GetProperty("/Type").GetString());
        Assert.True(catalog.TryGetProperty("/Pages", out _));

        // Skia keeps named destinations in a PDF 1.1 /Dests dictionary in the Catalog; links point at them by name.
        var dests = PdfTools.ObjectValue(objects, catalog.GetProperty("/Dests").GetString()!);
        Assert.True(dests.TryGetProperty("/thefirstchapter", out _), "Skia's named destination for the first chapter is gone");

        var metadata = objects.GetProperty("obj:" + catalog.GetProperty("/Metadata").GetString()).GetProperty("stream").GetProperty("dict");
        Assert.Equal("/Metadata", metadata.GetProperty("/Type").GetString());
        Assert.Equal("/XML", metadata.GetProperty("/Subtype").GetString());
        Assert.False(metadata.TryGetProperty("/Filter", out _), "XMP must stay uncompressed");
        Assert.True(trailer.TryGetProperty("/Prev", out _));
    }

    [Slow("qpdf")]
    [SkippableFact]
    public void Xmp_carries_the_metadata_and_agrees_with_the_info_dictionary()
    {
        var m = FinishingTestBook.Metadata();
        var info = PdfTools.Info(Pdf);
        Assert.Equal(m.Title, info["Title"]);
        Assert.Equal("Ada Author, Bea Writer", info["Author"]);
        Assert.Equal(m.Subtitle, info["Subject"]);
        Assert.Equal("Testing, PDF", info["Keywords"]);
        Assert.Equal("Publisher", info["Creator"]);
        Assert.Equal("Publisher Tests", info["Producer"]);
        Assert.Equal(m.Modified, PdfTools.ParsePdfDate(info["CreationDate"]));
        Assert.Equal(m.Modified, PdfTools.ParsePdfDate(info["ModDate"]));

        var xmp = PdfTools.Xmp(Pdf);
        Assert.NotNull(xmp);
        var d = xmp.Descendants(Rdf + "Description").Single();
        Assert.Equal(info["Title"], AltText(d, Dc + "title"));
        Assert.Equal(m.Authors, Items(d, Dc + "creator", "Seq"));
        Assert.Equal(info["Subject"], AltText(d, Dc + "description"));
        Assert.Equal(["en-GB"], Items(d, Dc + "language", "Bag"));
        Assert.Equal(m.Rights, AltText(d, Dc + "rights"));
        Assert.Equal(m.Subjects, Items(d, Dc + "subject", "Bag"));
        Assert.Equal(info["Creator"], (string?)d.Element(Xmp + "CreatorTool"));
        Assert.Equal(info["Producer"], (string?)d.Element(PdfNs + "Producer"));
        Assert.Equal(info["Keywords"], (string?)d.Element(PdfNs + "Keywords"));

        // The same instant as /CreationDate and /ModDate, in ISO 8601 UTC.
        foreach (var name in new[] { "CreateDate", "ModifyDate", "MetadataDate" })
        {
            var text = (string?)d.Element(Xmp + name);
            Assert.Equal("2025-03-04T03:06:07Z", text);
            Assert.Equal(PdfTools.ParsePdfDate(info["CreationDate"]), DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture));
        }

        var documentId = (string?)d.Element(XmpMM + "DocumentID");
        var instanceId = (string?)d.Element(XmpMM + "InstanceID");
        Assert.Matches(UuidUri(), documentId);
        Assert.Matches(UuidUri(), instanceId);
        Assert.NotEqual(documentId, instanceId);
    }

    private static string? AltText(XElement d, XName name) =>
        d.Element(name)?.Element(Rdf + "Alt")?.Elements(Rdf + "li").Single(li => (string?)li.Attribute(XNamespace.Xml + "lang") == "x-default").Value;

    private static string[] Items(XElement d, XName name, string kind) =>
        [.. d.Element(name)?.Element(Rdf + kind)?.Elements(Rdf + "li").Select(li => li.Value) ?? []];

    [Slow("qpdf")]
    [SkippableFact]
    public void Trailer_id_is_two_16_byte_strings_that_change_with_the_content()
    {
        var id = TrailerId(Pdf);
        Assert.Equal(2, id.Length);
        Assert.All(id, s => Assert.Matches("^[0-9a-f]{32}$", s));
        Assert.NotEqual(id[0], id[1]);

        var retitled = FinishingTestBook.Render(FinishingTestBook.Build(FinishingTestBook.Metadata("Another Title")));
        var other = TrailerId(FinishingTestBook.WriteTemp(retitled, "retitled"));
        Assert.NotEqual(id[0], other[0]);
        Assert.NotEqual(id[1], other[1]);
    }

    private static string[] TrailerId(string pdf)
    {
        using var json = PdfTools.Json(pdf, "qpdf");
        var (trailer, _, _) = PdfTools.Dictionaries(json);
        return [.. trailer.GetProperty("/ID").EnumerateArray().Select(PdfTools.DecodeString)];
    }

    [Fact]
    public void Two_renders_of_the_same_book_are_byte_identical()
    {
        var again = FinishingTestBook.Render(FinishingTestBook.Build());
        Assert.Equal(Rendered.Value, again);
    }

    [Slow("qpdf")]
    [SkippableFact]
    public void The_update_is_appended_after_skias_untouched_file()
    {
        var bytes = Rendered.Value;
        var skia = SkiaPart(bytes);
        var update = bytes[skia.Length..];

        // The prefix is a complete PDF by itself: Skia's, with no outline, labels or metadata of ours.
        var prefixPath = FinishingTestBook.WriteTemp(skia, "skia-only");
        var check = PdfTools.QpdfCheck(prefixPath);
        Assert.True(check.ExitCode == 0, check.StdOut + check.StdErr);
        Assert.Empty(PdfTools.Outline(prefixPath));
        using (var json = PdfTools.Json(prefixPath, "qpdf", "pagelabels"))
        {
            Assert.Equal(0, json.RootElement.GetProperty("pagelabels").GetArrayLength());
            var (trailer, catalog, _) = PdfTools.Dictionaries(json);
            Assert.False(trailer.TryGetProperty("/Prev", out _));
            Assert.False(trailer.TryGetProperty("/ID", out _), "Skia now writes an /ID; keep its first element");
            Assert.False(catalog.TryGetProperty("/Lang", out _));
        }

        // The update is a function of Skia's bytes and the book: running the step on the prefix gives it again.
        Assert.Equal(update, PdfFinisher.Update(skia, FinishingTestBook.Build(), "Publisher Tests"));

        // Of Skia's objects it redefines only the Catalog; everything else it writes is new (numbers from /Size up).
        var text = Encoding.Latin1.GetString(update);
        var size = int.Parse(SizeEntry().Matches(Encoding.Latin1.GetString(skia))[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        var defined = ObjectHeader().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var root = int.Parse(RootEntry().Matches(Encoding.Latin1.GetString(skia))[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal([root], defined.Where(n => n < size));
        Assert.All(defined.Where(n => n != root), n => Assert.True(n >= size));
    }

    /// <summary>Skia's file: everything up to the end of the section the update's /Prev names.</summary>
    private static byte[] SkiaPart(byte[] pdf)
    {
        var tail = Encoding.Latin1.GetString(pdf, pdf.Length - 400, 400);
        var prev = int.Parse(PrevEntry().Matches(tail)[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        var text = Encoding.Latin1.GetString(pdf);
        var eof = text.IndexOf("%%EOF", prev, StringComparison.Ordinal) + "%%EOF".Length;
        while (text[eof] is '\r' or '\n')
        {
            eof++;
        }

        Assert.Equal(prev, int.Parse(StartXref().Match(text[..eof], 0).Groups[1].Value, CultureInfo.InvariantCulture));
        return pdf[..eof];
    }

    [GeneratedRegex(@"/Prev (\d+)")]
    private static partial Regex PrevEntry();

    [GeneratedRegex(@"startxref\s+(\d+)\s+%%EOF\s*$")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"/Size (\d+)")]
    private static partial Regex SizeEntry();

    [GeneratedRegex(@"/Root (\d+) 0 R")]
    private static partial Regex RootEntry();

    [GeneratedRegex(@"(?m)^(\d+) 0 obj")]
    private static partial Regex ObjectHeader();

    [GeneratedRegex("^uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidUri();

    [Fact]
    public void A_book_whose_page_count_differs_from_the_file_is_refused()
    {
        var book = FinishingTestBook.Build();
        var shorter = book with { Pages = book.Pages.RemoveAt(7) };
        var skia = SkiaPart(Rendered.Value);
        var e = Assert.Throws<InvalidDataException>(() => PdfFinisher.Update(skia, shorter, "P"));
        Assert.Contains("8 pages but the book has 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cross_reference_stream_is_refused_rather_than_misread()
    {
        // A PDF 1.5 file whose startxref points at an object (an xref stream, §7.5.8), not at an "xref" table.
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.5\n1 0 obj\n<</Type /XRef /Size 2 /W [1 2 1] /Root 2 0 R /Length 0>>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n");
        var e = Assert.Throws<InvalidDataException>(() => PdfFinisher.Update(pdf, FinishingTestBook.Build(), "P"));
        Assert.Contains("cross-reference stream", e.Message, StringComparison.Ordinal);
    }
}
