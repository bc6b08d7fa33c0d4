using System.Buffers.Binary;
using Publisher.Manuscript.Images;
using SkiaSharp;
using static Publisher.UnitTests.Manuscript.ManuscriptHelper;

namespace Publisher.UnitTests.Manuscript;

/// <summary>Images named in the manuscript are checked without being decoded: where they are, what they are, how big.</summary>
public sealed class ImageTests
{
    /// <summary>A <paramref name="width"/> × <paramref name="height"/> image encoded by Skia.</summary>
    internal static byte[] Encode(SKEncodedImageFormat format, int width, int height, int quality = 90)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.CornflowerBlue);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>The smallest GIF: 1 × 1, a two-colour global table, one image, the trailer (GIF89a spec, appendix).</summary>
    private static readonly byte[] TinyGif =
    [
        .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF,
        0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B,
    ];

    public static TheoryData<string, int, int> Formats => new()
    {
        { "PNG", 5, 3 },
        { "JPEG", 7, 4 },
        { "WebP", 9, 2 },
        { "WebP lossless", 6, 6 },
        { "GIF", 1, 1 },
    };

    private static byte[] Sample(string format, int width, int height) => format switch
    {
        "PNG" => Encode(SKEncodedImageFormat.Png, width, height),
        "JPEG" => Encode(SKEncodedImageFormat.Jpeg, width, height),
        "WebP" => Encode(SKEncodedImageFormat.Webp, width, height, 80),
        "WebP lossless" => Encode(SKEncodedImageFormat.Webp, width, height, 100),
        _ => TinyGif,
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Each_format_gives_its_size(string format, int width, int height)
    {
        var info = ImageProbe.Probe(Sample(format, width, height), ImageCheck.MaxPixels);

        Assert.Null(info.Problem);
        Assert.Equal((width, height), (info.Width, info.Height));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_file_cut_in_half_is_refused(string format, int width, int height)
    {
        var data = Sample(format, width, height);

        var info = ImageProbe.Probe(data[..(data.Length / 2)], ImageCheck.MaxPixels);

        Assert.NotNull(info.Problem);
    }

    [Fact]
    public void A_png_whose_compressed_data_is_damaged_is_refused()
    {
        var data = Encode(SKEncodedImageFormat.Png, 40, 40);
        var idat = data.AsSpan().IndexOf("IDAT"u8);
        data[idat + 6] ^= 0xFF;
        data[idat + 7] ^= 0xFF;

        Assert.NotNull(ImageProbe.Probe(data, ImageCheck.MaxPixels).Problem);
    }

    [Fact]
    public void A_png_that_declares_an_enormous_bitmap_is_measured_without_inflating_it()
    {
        var data = Encode(SKEncodedImageFormat.Png, 4, 4);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(16), 100_000);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(20), 100_000);

        var info = ImageProbe.Probe(data, ImageCheck.MaxPixels);

        Assert.Equal(10_000_000_000L, info.Pixels);
    }

    [Fact]
    public void Every_problem_is_reported_at_the_image_and_good_images_are_only_unsupported()
    {
        var huge = Encode(SKEncodedImageFormat.Png, 4, 4);
        BinaryPrimitives.WriteInt32BigEndian(huge.AsSpan(16), 30_000);
        BinaryPrimitives.WriteInt32BigEndian(huge.AsSpan(20), 30_000);
        var result = LoadBytes(new Dictionary<string, byte[]>
        {
            ["book.yml"] = "title: T\nchapters: [chapters/ch.md]\n"u8.ToArray(),
            ["chapters/ch.md"] = System.Text.Encoding.UTF8.GetBytes("""
                # A

                ![ok](../pics/ok.jpg) ![ok again](/pics/ok.jpg)
                ![web](https://example.com/a.png) ![up](../../secret.png) ![none](nope.png)
                <img src="../pics/junk.png" alt="junk"> ![big](../pics/big.png) ![](<>) ![x](file:///etc/passwd)
                """),
            ["pics/ok.jpg"] = Encode(SKEncodedImageFormat.Jpeg, 8, 8),
            ["pics/junk.png"] = "GIF? no."u8.ToArray(),
            ["pics/big.png"] = huge,
        });

        Assert.Equal(
            [
                "book/chapters/ch.md:3:1: warning PUB1020: images are not supported yet; the alt text is kept",
                "book/chapters/ch.md:3:23: error PUB1033: the image '/pics/ok.jpg' is outside the manuscript folder; it is not read",
                "book/chapters/ch.md:4:1: warning PUB1037: the image 'https://example.com/a.png' is on the web; it is never fetched, and its alt text is kept",
                "book/chapters/ch.md:4:35: error PUB1033: the image '../../secret.png' is outside the manuscript folder; it is not read",
                "book/chapters/ch.md:4:59: error PUB1034: the image 'nope.png' does not exist (looked for book/chapters/nope.png)",
                "book/chapters/ch.md:5:1: error PUB1035: the image '../pics/junk.png' cannot be used: it is not a PNG, JPEG, GIF or WebP image",
                "book/chapters/ch.md:5:41: error PUB1036: the image '../pics/big.png' is 30000 × 30000 pixels (900 megapixels); an image may have at most 64",
                "book/chapters/ch.md:5:65: error PUB1034: the image names no file",
                "book/chapters/ch.md:5:73: error PUB1033: the image 'file:///etc/passwd' is not a file in the manuscript folder; it is not read",
            ],
            result.Lines());
    }
}
