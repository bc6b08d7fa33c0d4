using System.Text;
using Publisher.Model;
using Publisher.Rendering.Finishing;
using Publisher.PageModel;

namespace Publisher.UnitTests.Rendering;

/// <summary>The finishing step's pure parts: page-label ranges, the outline tree, and PDF syntax in and out.</summary>
public sealed class FinishingPartsTests
{
    [Fact]
    public void Roman_then_arabic_folios_make_two_ranges()
    {
        Assert.Equal<PageLabelRange>(
            [new PageLabelRange(0, "r", "", 1), new PageLabelRange(4, "D", "", 1)],
            PageLabelWriter.Ranges(["i", "ii", "iii", "iv", "1", "2", "3", "4"]));
    }

    [Fact]
    public void A_front_matter_that_does_not_start_at_i_gets_its_start_number()
    {
        Assert.Equal<PageLabelRange>(
            [new PageLabelRange(0, "r", "", 3), new PageLabelRange(2, "D", "", 1)],
            PageLabelWriter.Ranges(["iii", "iv", "1", "2"]));
    }

    [Fact]
    public void A_gap_in_the_numbers_starts_a_new_range()
    {
        Assert.Equal<PageLabelRange>(
            [new PageLabelRange(0, "D", "", 1), new PageLabelRange(2, "D", "", 7)],
            PageLabelWriter.Ranges(["1", "2", "7", "8"]));
    }

    [Fact]
    public void Prefixes_upper_roman_and_odd_folios_are_kept_as_printed()
    {
        Assert.Equal<PageLabelRange>(
            [
                new PageLabelRange(0, "R", "", 1),
                new PageLabelRange(2, "D", "A-", 1),
                new PageLabelRange(4, null, "Cover", 1),
                new PageLabelRange(6, null, "07", 1),
                new PageLabelRange(7, null, "", 1),
            ],
            PageLabelWriter.Ranges(["I", "II", "A-1", "A-2", "Cover", "Cover", "07", ""]));
    }

    [Theory]
    [InlineData("i", 1)]
    [InlineData("iv", 4)]
    [InlineData("ix", 9)]
    [InlineData("xiv", 14)]
    [InlineData("xl", 40)]
    [InlineData("mcmxcix", 1999)]
    public void Canonical_roman_numerals_read_as_their_value(string text, int value)
    {
        Assert.Equal(value, PageLabelWriter.RomanValue(text, upper: false));
        Assert.Equal(value, PageLabelWriter.RomanValue(text.ToUpperInvariant(), upper: true));
        Assert.Equal(text, PageLabelWriter.ToRoman(value, upper: false));
    }

    [Theory]
    [InlineData("iiii")]
    [InlineData("ic")]
    [InlineData("vx")]
    [InlineData("I")]
    [InlineData("index")]
    [InlineData("")]
    public void Non_canonical_roman_numerals_are_not_numbers(string text)
    {
        Assert.Null(PageLabelWriter.RomanValue(text, upper: false));
    }

    [Fact]
    public void Label_number_tree_lists_each_range_with_its_style_and_start()
    {
        var tree = PageLabelWriter.NumberTree([new PageLabelRange(0, "r", "", 1), new PageLabelRange(4, "D", "A-", 3)]);
        Assert.Equal("<</Nums [0 <</S /r\n/St 1>> 4 <</S /D\n/P (A-)\n/St 3>>]>>", Serialize(tree));
    }

    [Fact]
    public void Outline_items_skip_a_missing_level_and_count_visible_descendants()
    {
        // Chapter A > (level 3 straight away) deep > level 4; chapter B with two sections.
        OutlineEntry E(string t, int level) => new(t, level, t, 0, Length.Pt(100));
        var objects = OutlineWriter.Build([E("A", 1), E("a1", 3), E("a2", 4), E("B", 1), E("b1", 2), E("b2", 2)],
            [new PdfReference(5, 0)], [648.0], 40);
        var byNumber = objects.ToDictionary(o => o.Number, o => (PdfDictionary)o.Value);
        Assert.Equal(Enumerable.Range(40, 7), byNumber.Keys);
        var root = byNumber[40];

        // Visible: A, a1 (A is open), B, b1, b2 (B is open); a2 is under the closed a1.
        Assert.Equal("5", ((PdfNumber)root["Count"]!).Text);
        Assert.Equal("1", ((PdfNumber)byNumber[41]["Count"]!).Text);
        Assert.Equal("-1", ((PdfNumber)byNumber[42]["Count"]!).Text);
        Assert.Null(byNumber[43]["Count"]);
        Assert.Equal(new PdfReference(41, 0), byNumber[42]["Parent"]);
        Assert.Equal(new PdfReference(44, 0), byNumber[41]["Next"]);
        Assert.Equal(new PdfReference(41, 0), byNumber[44]["Prev"]);
        Assert.Equal("2", ((PdfNumber)byNumber[44]["Count"]!).Text);
        Assert.Equal("[5 0 R /XYZ 0 548 0]", Serialize(byNumber[41]["Dest"]!));
    }

    [Fact]
    public void No_outline_entries_make_no_outline()
    {
        Assert.Empty(OutlineWriter.Build([], [new PdfReference(5, 0)], [648.0], 40));
    }

    [Theory]
    [InlineData("Plain title", "(Plain title)")]
    [InlineData("It (really) \\ is", "(It \\(really\\) \\\\ is)")]
    [InlineData("Editor\u2019s Note", "<FEFF0045006400690074006F0072201900730020004E006F00740065>")]
    public void Text_strings_are_pdfdoc_when_ascii_and_utf16_with_bom_otherwise(string text, string written)
    {
        Assert.Equal(written, Serialize(PdfString.Text(text)));
        Assert.Equal(text, PdfString.Text(text).AsText());
    }

    [Fact]
    public void Bookmark_titles_lose_line_breaks_and_soft_hyphens()
    {
        Assert.Equal("A long heading title", OutlineWriter.CleanTitle("  A long\nhead\u00ADing\ttitle "));
    }

    [Fact]
    public void Parser_reads_what_skia_and_others_write_and_the_serializer_writes_it_back()
    {
        var source = "<</Type /Catalog /Pages 96 0 R /Dests 97 0 R /A [1 -2.5 .5 true null (a\\(b\\)c\\\\\\101\\\nd) <48 65 6C6>] /N#20 /x /Nested <</K 3 0 R>>>>";
        var value = (PdfDictionary)new PdfParser(Encoding.ASCII.GetBytes(source), 0).ReadObject();
        Assert.Equal(new PdfReference(96, 0), value["Pages"]);
        Assert.Equal(new PdfName("x"), value["N "]);
        var array = (PdfArray)value["A"]!;
        Assert.Equal(["1", "-2.5", ".5"], array.Items.Take(3).Cast<PdfNumber>().Select(n => n.Text));
        Assert.Equal("a(b)c\\Ad", ((PdfString)array.Items[5]).AsText());
        Assert.Equal<byte>([0x48, 0x65, 0x6C, 0x60], ((PdfString)array.Items[6]).Bytes);
        Assert.Equal(
            "<</Type /Catalog\n/Pages 96 0 R\n/Dests 97 0 R\n/A [1 -2.5 .5 true null (a\\(b\\)c\\\\Ad) <48656C60>]\n/N#20 /x\n/Nested <</K 3 0 R>>>>",
            Serialize(value));
    }

    [Fact]
    public void Pdfdoc_strings_decode_the_characters_that_differ_from_latin_1()
    {
        Assert.Equal("\u201Cq\u201D \u2014 \u20AC \u00E9", new PdfString([0x8D, 0x71, 0x8E, 0x20, 0x84, 0x20, 0xA0, 0x20, 0xE9], Hex: false).AsText());
    }

    private static string Serialize(PdfObject value)
    {
        using var s = new MemoryStream();
        PdfSerializer.Write(value, s);
        return Encoding.Latin1.GetString(s.ToArray());
    }
}
