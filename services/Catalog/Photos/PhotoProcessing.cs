using System.Security.Cryptography;
using SkiaSharp;

namespace Marketplace.Catalog.Photos;

/// <summary>One size of a photo, re-encoded as WebP: no metadata left (no EXIF, no GPS position).</summary>
public sealed record PhotoSize(int Width, int Height, byte[] Bytes);

/// <summary>What became of an uploaded file: the sizes and their version (a hash of their bytes), or the code refusing it.</summary>
internal sealed record ProcessedPhoto(IReadOnlyList<PhotoSize>? Sizes, string? Version, string? Refusal)
{
    public static ProcessedPhoto Refused(string code) => new(null, null, code);
}

/// <summary>
/// Turns an uploaded file into the sizes the pages show, with Skia (ADR 40): the header is read first, so a file that
/// is not a JPEG, PNG or WebP image, or one announcing more pixels than <see cref="MaxPixels"/> (a decompression bomb),
/// is refused before anything is decoded; the picture is turned upright (EXIF orientation), then each size is drawn
/// and encoded anew — only pixels are carried over, never the file's metadata.
/// </summary>
internal static class PhotoProcessing
{
    /// <summary>Card, page and zoom widths (CSS pixels at 1x and 2x): never enlarged beyond the original.</summary>
    public static readonly int[] Widths = [160, 480, 1200];

    /// <summary>Above a 48-megapixel phone sensor: more is refused unread.</summary>
    public const long MaxPixels = 50_000_000;

    public const int MaxSide = 20_000;

    public const string ContentType = "image/webp";

    private const int Quality = 80;

    private static readonly SKEncodedImageFormat[] Accepted = [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp];

    public static ProcessedPhoto Process(byte[] file)
    {
        if (file.Length == 0)
        {
            return ProcessedPhoto.Refused(PhotoRefusals.NotAnImage);
        }

        using var data = SKData.CreateCopy(file);
        using var codec = SKCodec.Create(data);
        if (codec is null || !Accepted.Contains(codec.EncodedFormat))
        {
            return ProcessedPhoto.Refused(PhotoRefusals.NotAnImage);
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || info.Width > MaxSide || info.Height > MaxSide || (long)info.Width * info.Height > MaxPixels)
        {
            return ProcessedPhoto.Refused(PhotoRefusals.TooManyPixels);
        }

        using var decoded = Decode(codec);
        if (decoded is null)
        {
            return ProcessedPhoto.Refused(PhotoRefusals.NotAnImage);
        }

        using var upright = Upright(decoded, codec.EncodedOrigin);
        var sizes = new List<PhotoSize>();
        foreach (var width in WidthsFor(upright.Width))
        {
            var height = Math.Max(1, (int)Math.Round((double)upright.Height * width / upright.Width));
            sizes.Add(new PhotoSize(width, height, Encode(upright, width, height)));
        }

        var version = Convert.ToHexStringLower(SHA256.HashData(sizes.SelectMany(s => s.Bytes).ToArray()))[..16];
        return new ProcessedPhoto(sizes, version, null);
    }

    /// <summary>The widths made for an original this wide: those below it, and the original itself when narrower than the largest.</summary>
    public static IReadOnlyList<int> WidthsFor(int width)
    {
        var widths = Widths.Where(w => w <= width).ToList();
        if (width < Widths[^1] && !widths.Contains(width))
        {
            widths.Add(width);
        }

        return widths;
    }

    /// <summary>
    /// The pixels, at a reduced scale when the format decodes so (JPEG: 1/2, 1/4, 1/8) and the result stays at least as
    /// large as the largest size; null when the data is truncated or corrupt beyond what a partial decode shows.
    /// </summary>
    private static SKBitmap? Decode(SKCodec codec)
    {
        var full = codec.Info;
        // Either side may become the width once turned upright: both stay at least as large as the largest size.
        var scale = Math.Min(1f, (float)Widths[^1] / Math.Min(full.Width, full.Height));
        var dimensions = codec.GetScaledDimensions(scale);
        if (dimensions.Width < Math.Min(full.Width, Widths[^1]) || dimensions.Height < Math.Min(full.Height, Widths[^1]))
        {
            dimensions = full.Size;
        }

        var info = new SKImageInfo(dimensions.Width, dimensions.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result == SKCodecResult.Success)
        {
            return bitmap;
        }

        // A truncated file is refused rather than shown half grey.
        bitmap.Dispose();
        return null;
    }

    /// <summary>The picture as the camera held it: EXIF orientations 2 to 8 flip and/or turn it.</summary>
    internal static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return source.Copy();
        }

        var (w, h) = (source.Width, source.Height);
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var turned = new SKBitmap(new SKImageInfo(swaps ? h : w, swaps ? w : h, source.ColorType, source.AlphaType, source.ColorSpace));
        using var canvas = new SKCanvas(turned);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight:
                canvas.Translate(w, 0);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.BottomRight:
                canvas.Translate(w, h);
                canvas.RotateDegrees(180);
                break;
            case SKEncodedOrigin.BottomLeft:
                canvas.Translate(0, h);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.LeftTop:
                canvas.Scale(-1, 1);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightTop:
                canvas.Translate(h, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom:
                canvas.Translate(h, w);
                canvas.Scale(1, -1);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.LeftBottom:
                canvas.Translate(0, w);
                canvas.RotateDegrees(-90);
                break;
        }

        using (var image = SKImage.FromBitmap(source))
        {
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        }

        canvas.Flush();
        return turned;
    }

    private static byte[] Encode(SKBitmap upright, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb()));
        surface.Canvas.Clear(SKColors.Transparent);
        using (var image = SKImage.FromBitmap(upright))
        {
            surface.Canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }

        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Webp, Quality);
        return encoded.ToArray();
    }
}

/// <summary>The codes a photo is refused with (field "file"); the web app translates them.</summary>
public static class PhotoRefusals
{
    public const string NotAnImage = "photo.not_an_image";
    public const string TooManyPixels = "photo.too_many_pixels";
}
