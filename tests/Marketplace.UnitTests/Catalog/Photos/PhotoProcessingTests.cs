using Marketplace.Catalog.Photos;
using SkiaSharp;

namespace Marketplace.UnitTests.Catalog.Photos;

/// <summary>Turning a photo upright for each EXIF orientation, and the sizes made for an original's width.</summary>
public sealed class PhotoProcessingTests
{
    public static TheoryData<SKEncodedOrigin, int, int, int, int> Orientations => new()
    {
        // origin, upright width and height, where the stored top-left pixel ends up (x, y): the stored image is 4 × 2
        { SKEncodedOrigin.TopLeft, 4, 2, 0, 0 },
        { SKEncodedOrigin.TopRight, 4, 2, 3, 0 },
        { SKEncodedOrigin.BottomRight, 4, 2, 3, 1 },
        { SKEncodedOrigin.BottomLeft, 4, 2, 0, 1 },
        { SKEncodedOrigin.LeftTop, 2, 4, 0, 0 },
        { SKEncodedOrigin.RightTop, 2, 4, 1, 0 },
        { SKEncodedOrigin.RightBottom, 2, 4, 1, 3 },
        { SKEncodedOrigin.LeftBottom, 2, 4, 0, 3 },
    };

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Every_exif_orientation_is_turned_upright(SKEncodedOrigin origin, int width, int height, int redX, int redY)
    {
        // Given a 4 × 2 picture, red in its stored top-left pixel, blue elsewhere
        using var stored = new SKBitmap(new SKImageInfo(4, 2, SKColorType.Rgba8888, SKAlphaType.Premul));
        stored.Erase(SKColors.Blue);
        stored.SetPixel(0, 0, SKColors.Red);

        // When it is turned as the camera's flag says
        using var upright = PhotoProcessing.Upright(stored, origin);

        // Then it has the shape and the red pixel where a viewer honouring the flag shows them
        Assert.Equal((width, height), (upright.Width, upright.Height));
        for (var x = 0; x < width; x++)
        {
            for (var y = 0; y < height; y++)
            {
                Assert.Equal((x, y) == (redX, redY) ? SKColors.Red : SKColors.Blue, upright.GetPixel(x, y));
            }
        }
    }

    [Theory]
    [InlineData(4000, new[] { 160, 480, 1200 })]
    [InlineData(1200, new[] { 160, 480, 1200 })]
    [InlineData(800, new[] { 160, 480, 800 })]
    [InlineData(480, new[] { 160, 480 })]
    [InlineData(100, new[] { 100 })]
    public void The_sizes_are_the_pages_widths_never_enlarged(int original, int[] widths) =>
        Assert.Equal(widths, PhotoProcessing.WidthsFor(original));

    [Fact]
    public void A_picture_is_rewritten_without_what_the_file_carried_beside_its_pixels()
    {
        // Given a PNG with a text chunk after its pixels (where a camera app or an editor writes notes)
        using var bitmap = new SKBitmap(20, 10);
        bitmap.Erase(SKColors.Green);
        using var image = SKImage.FromBitmap(bitmap);
        var png = image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
        var iend = png.Length - 12;
        byte[] text = [0, 0, 0, 11, .. "tEXt"u8.ToArray(), .. "Comment\0GPS"u8.ToArray(), 0, 0, 0, 0];
        byte[] file = [.. png[..iend], .. text, .. png[iend..]];

        // When it is processed
        var processed = PhotoProcessing.Process(file);

        // Then one size (its own width), WebP, with none of the note
        var size = Assert.Single(processed.Sizes!);
        Assert.Equal((20, 10), (size.Width, size.Height));
        Assert.DoesNotContain("GPS", System.Text.Encoding.ASCII.GetString(size.Bytes), StringComparison.Ordinal);
        using var codec = SKCodec.Create(new MemoryStream(size.Bytes));
        Assert.Equal(SKEncodedImageFormat.Webp, codec.EncodedFormat);
        Assert.Equal(16, processed.Version!.Length);
    }
}
