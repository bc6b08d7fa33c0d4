using System.Text;
using Publisher.Model;
using static Publisher.UnitTests.Manuscript.ManuscriptHelper;

namespace Publisher.UnitTests.Manuscript;

public sealed class EncodingTests
{
    private static readonly byte[] _bookYml = Encoding.UTF8.GetBytes("title: T\n");

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_byte_order_mark_is_accepted_and_crlf_becomes_lf()
    {
        var result = LoadBytes(new Dictionary<string, byte[]>
        {
            ["book.yml"] = [0xEF, 0xBB, 0xBF, .. Utf8("title: T\r\nsubtitle: S\r\n")],
            ["a.md"] = [0xEF, 0xBB, 0xBF, .. Utf8("# A\r\n\r\nOne\r\ntwo\rthree [](#nowhere)\r\n")],
        });

        Assert.Equal(["book/a.md:5:7: error PUB1026: cross-reference to '#nowhere' points nowhere"], result.Lines());
        var book = result.Value!;
        Assert.Equal(("T", "S"), (book.Metadata.Title, book.Metadata.Subtitle));
        Assert.Equal("A", book.Divisions[0].PlainTitle);
        Assert.Equal("One two three", Inline.ToPlainText(((ParagraphBlock)book.Divisions[0].Blocks[0]).Inlines).Trim());
    }

    [Fact]
    public void Invalid_utf8_is_an_error_at_the_first_bad_byte()
    {
        var result = LoadBytes(new Dictionary<string, byte[]>
        {
            ["book.yml"] = _bookYml,
            ["a.md"] = [.. Utf8("# A\r\n\r\nCaf\u00e9 "), 0xC3, 0x28, .. Utf8(" more\n")],
            ["b.md"] = Utf8("# B\n"),
        });

        Assert.Equal(["book/a.md:3:6: error PUB1003: the file is not valid UTF-8 (byte 0xC3)"], result.Lines());
        Assert.Equal(["b"], result.Value!.Divisions.Select(d => d.Id));
    }

    [Fact]
    public void A_utf16_file_gets_a_hint()
    {
        var result = LoadBytes(new Dictionary<string, byte[]> { ["book.yml"] = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("title: T\n")] });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("book/book.yml:1:1: error PUB1003: the file is not valid UTF-8 (byte 0xFF)", diagnostic.ToString());
        Assert.Equal(["the file looks like UTF-16; save it as UTF-8"], diagnostic.Hints.ToArray());
    }

    [Fact]
    public void Control_characters_are_removed_with_a_warning_but_tabs_stay()
    {
        var result = LoadBytes(new Dictionary<string, byte[]>
        {
            ["book.yml"] = _bookYml,
            ["a.md"] = Utf8("# A\n\nBell\u0007 and\tnull\u0000.\n"),
        });

        Assert.Equal(["book/a.md:3:5: warning PUB1004: removed 2 control characters (the first is U+0007)"], result.Lines());
        Assert.Equal("Bell and null.", Inline.ToPlainText(((ParagraphBlock)result.Value!.Divisions[0].Blocks[0]).Inlines));
    }
}
