using Publisher.Model;
using Publisher.Rendering;
using Publisher.Styles;

namespace Publisher.BookTests;

/// <summary>The generated cover: the right size, the same bytes every time, and made from the book's own words.</summary>
public sealed class CoverTests
{
    private static StyleSheet Style()
    {
        var loaded = StyleLoader.Load(new FileSystemBookSource(), "trade", Path.Combine(Repo.Root, "styles"));
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded.Value!;
    }

    private static readonly BookMetadata Book = new()
    {
        Title = "Stalin Asked Six Times",
        Subtitle = "Why Did Chairman Mao Refuse Them All?",
        Authors = ["Mondo History"],
        Publisher = "Publisher Sample Editions",
        Identifier = "urn:uuid:00000000-0000-0000-0000-000000000000",
    };

    [Fact]
    public void Cover_is_a_1600_by_2560_png()
    {
        var png = CoverRenderer.Render(Book, Style());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(CoverRenderer.Width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(CoverRenderer.Height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public void Same_book_gives_the_same_bytes_and_another_title_other_bytes()
    {
        var style = Style();
        var first = CoverRenderer.Render(Book, style);
        Assert.Equal(first, CoverRenderer.Render(Book, style));
        Assert.NotEqual(first, CoverRenderer.Render(Book with { Title = "Stalin Asked Seven Times" }, style));
        Assert.NotEqual(first, CoverRenderer.Render(Book, style with { AccentColor = Colour.Parse("#7a1f1f") }));
    }

    [Fact]
    public void Long_titles_no_subtitle_and_no_author_still_render()
    {
        var style = Style();
        var longTitle = string.Join(' ', Enumerable.Repeat("Supercalifragilistic expialidocious", 12));
        Assert.NotEmpty(CoverRenderer.Render(Book with { Title = longTitle, Subtitle = null, Authors = [], Publisher = null }, style));
        Assert.NotEmpty(CoverRenderer.Render(Book with { Title = "", Subtitle = "" }, style));
    }
}
