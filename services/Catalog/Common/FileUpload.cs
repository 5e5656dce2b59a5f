using Microsoft.AspNetCore.Http.Features;

namespace Marketplace.Catalog.Common;

/// <summary>Why an uploaded file was not taken.</summary>
internal enum UploadRefusal
{
    TooLarge,
    NoFile,
}

/// <summary>An uploaded file's bytes, and the name a form gave it (a raw body has none).</summary>
internal sealed record UploadedFile(byte[] Bytes, string? FormFileName);

/// <summary>
/// A file sent either as the raw body (what scripts and fetch() send) or as multipart/form-data with one file field
/// "file" (what a plain HTML form posts, from a phone or a computer): the CSV import's and the photos'. Read no further
/// than the limit: beyond it, refused as too large without reading the rest.
/// </summary>
internal static class FileUpload
{
    private const int MultipartOverhead = 64 * 1024;

    public static async Task<(UploadedFile? File, UploadRefusal? Refusal)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var isForm = request.HasFormContentType;
        var limit = maxBytes + (isForm ? MultipartOverhead : 0);
        if (request.ContentLength > limit)
        {
            return (null, UploadRefusal.TooLarge);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1L;
        }

        try
        {
            if (!isForm)
            {
                var bytes = await ReadCappedAsync(request.Body, maxBytes, cancellationToken);
                return bytes is null ? (null, UploadRefusal.TooLarge) : (new UploadedFile(bytes, null), null);
            }

            var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = 16 }, cancellationToken);
            if (form.Files.GetFile("file") is not { } file)
            {
                return (null, UploadRefusal.NoFile);
            }

            if (file.Length > maxBytes)
            {
                return (null, UploadRefusal.TooLarge);
            }

            await using var stream = file.OpenReadStream();
            var fromForm = await ReadCappedAsync(stream, maxBytes, cancellationToken);
            return fromForm is null ? (null, UploadRefusal.TooLarge) : (new UploadedFile(fromForm, file.FileName), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // A body past the server's limit (Kestrel's 413), a form sent without a length that runs past the limit, or
            // a malformed form (its parts not separated by the boundary its Content-Type announces: read to the end).
            return (null, e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? UploadRefusal.TooLarge
                : UploadRefusal.NoFile);
        }
    }

    /// <summary>The bytes, or null when there are more than <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
