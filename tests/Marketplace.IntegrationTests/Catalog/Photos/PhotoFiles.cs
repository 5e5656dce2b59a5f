using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Marketplace.IntegrationTests.Catalog.Photos;

/// <summary>Files a phone, a computer or an attacker may send, made here (no fixture files).</summary>
internal static class PhotoFiles
{
    /// <summary>Text the EXIF block carries besides the GPS position: never in a served photo.</summary>
    public const string Secret = "SHOP-BACKROOM-GPS";

    /// <summary>
    /// A 400×300 JPEG as a phone writes it held upright: red left half, blue right half, EXIF orientation 6 (turn 90°
    /// clockwise to show), a description and a GPS position (48°51'24" N) in an APP1 segment right after SOI.
    /// </summary>
    public static byte[] PhoneJpeg(int width = 400, int height = 300)
    {
        var jpeg = Jpeg(width, height);
        var exif = ExifSegment();
        return [.. jpeg[..2], .. exif, .. jpeg[2..]];
    }

    public static byte[] Jpeg(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var red = new SKPaint { Color = SKColors.Red };
            using var blue = new SKPaint { Color = SKColors.Blue };
            canvas.DrawRect(0, 0, width / 2f, height, red);
            canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>
    /// A 300-byte PNG whose header announces <paramref name="side"/> × <paramref name="side"/> pixels (9,000: 324 MB
    /// decoded) over the first rows of zeros: what a decompression bomb looks like before it is decoded.
    /// </summary>
    public static byte[] HugePngHeader(int side = 9_000)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, side);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), side);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // RGBA
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[(side * 4) + 1]); // one row, filter byte included
        }

        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", compressed.ToArray()), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32([.. typeBytes, .. data]));
        return chunk;
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>APP1 "Exif": IFD0 (orientation 6, a description, the GPS IFD's offset), then GPS IFD (latitude N 48/51/24).</summary>
    private static byte[] ExifSegment()
    {
        var tiff = new List<byte>();
        void U16(int v) => tiff.AddRange(BitConverter.GetBytes((ushort)v));
        void U32(long v) => tiff.AddRange(BitConverter.GetBytes((uint)v));
        void Entry(int tag, int type, int count, long value)
        {
            U16(tag);
            U16(type);
            U32(count);
            U32(value);
        }

        var description = Encoding.ASCII.GetBytes(Secret + "\0");
        const int ifd0 = 8;
        const int ifd0Size = 2 + (3 * 12) + 4;
        const int gpsIfd = ifd0 + ifd0Size;
        const int gpsSize = 2 + (2 * 12) + 4;
        const int rationals = gpsIfd + gpsSize;
        const int descriptionAt = rationals + 24;

        tiff.AddRange("II"u8.ToArray());
        U16(42);
        U32(ifd0);
        U16(3);
        Entry(0x010E, 2, description.Length, descriptionAt); // ImageDescription
        tiff.AddRange(BitConverter.GetBytes((ushort)0x0112)); // Orientation: SHORT, value in the first two bytes
        U16(3);
        U32(1);
        U16(6);
        U16(0);
        Entry(0x8825, 4, 1, gpsIfd); // GPS IFD
        U32(0);
        U16(2);
        Entry(0x0001, 2, 2, 'N'); // GPSLatitudeRef "N\0" fits in the value
        Entry(0x0002, 5, 3, rationals); // GPSLatitude
        U32(0);
        foreach (var (numerator, denominator) in new[] { (48, 1), (51, 1), (2400, 100) })
        {
            U32(numerator);
            U32(denominator);
        }

        tiff.AddRange(description);
        byte[] payload = [.. "Exif\0\0"u8.ToArray(), .. tiff];
        var length = payload.Length + 2;
        return [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
    }
}
