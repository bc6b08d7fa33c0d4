using Publisher.Preview;
using Publisher.Rendering;
using Publisher.UnitTests.Rendering;
using SkiaSharp;

namespace Publisher.UnitTests.Preview;

/// <summary>Page, spread and contact-sheet images from the hand-made eight-page book (432 × 648 pt pages).</summary>
public sealed class PreviewerTests
{
    private static readonly Publisher.PageModel.PagedBook Book = FinishingTestBook.Build();

    private static SKImageInfo Info(byte[] png)
    {
        using var codec = SKCodec.Create(new MemoryStream(png));
        return codec.Info;
    }

    [Theory]
    [InlineData(72, 432, 648)]
    [InlineData(36, 216, 324)]
    [InlineData(144, 864, 1296)]
    public void Page_images_have_the_pixel_size_the_dpi_gives(double dpi, int width, int height)
    {
        var images = Previewer.Preview(Book, new PreviewOptions { Pages = [0, 4], Dpi = dpi });
        Assert.Equal(["page-001.png", "page-005.png"], images.Select(i => i.FileName));
        foreach (var image in images)
        {
            var info = Info(image.Png);
            Assert.Equal((width, height), (info.Width, info.Height));
            Assert.Equal((width, height), (image.Width, image.Height));
        }
    }

    [Fact]
    public void A_page_preview_is_byte_for_byte_what_PngRenderer_draws()
    {
        var image = Previewer.Preview(Book, new PreviewOptions { Pages = [4], Dpi = 80 }).Single();
        using var direct = new MemoryStream();
        PngRenderer.Render(Book, 4, 80, direct);
        Assert.Equal(direct.ToArray(), image.Png);
        // 432 pt at 80 dpi is 481 px because PngRenderer scales in single precision; the reported size agrees.
        Assert.Equal(Info(direct.ToArray()).Width, image.Width);
    }

    [Fact]
    public void Spreads_pair_verso_with_recto_with_page_one_alone_and_are_two_pages_wide()
    {
        var images = Previewer.Preview(Book, new PreviewOptions { Spreads = true, Dpi = 36 });
        Assert.Equal(["spread-001.png", "spread-002-003.png", "spread-004-005.png", "spread-006-007.png", "spread-008.png"], images.Select(i => i.FileName));
        foreach (var image in images)
        {
            Assert.Equal((2 * 216, 324), (Info(image.Png).Width, Info(image.Png).Height));
        }

        // Page 1 sits on the right: the left half is the grey ground, not paper.
        using var first = SKBitmap.Decode(images[0].Png);
        Assert.NotEqual(SKColors.White, first.GetPixel(50, 50));
        Assert.Equal(SKColors.White, first.GetPixel(216 + 50, 50));
    }

    [Fact]
    public void Only_the_spreads_holding_wanted_pages_are_drawn()
    {
        var images = Previewer.Preview(Book, new PreviewOptions { Spreads = true, Pages = [2, 5], Dpi = 20 });
        Assert.Equal(["spread-002-003.png", "spread-006-007.png"], images.Select(i => i.FileName));
    }

    [Fact]
    public void The_contact_sheet_shows_every_spread()
    {
        var image = Previewer.Preview(Book, new PreviewOptions { ContactSheet = true, PagesOrSpreads = false }).Single();
        Assert.Equal("contact-sheet.png", image.FileName);
        var info = Info(image.Png);
        // Five spreads of 24-dpi thumbnails (144 × 216 px pages), four to a row: two rows.
        Assert.True(info.Width >= 4 * 2 * 144 && info.Height >= 2 * 216, $"{info.Width} × {info.Height}");
    }
}
