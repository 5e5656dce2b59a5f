using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Catalog.Imports;

/// <summary>The uploaded file's bytes and name, or why it was not taken (413 too large, 400 no file).</summary>
internal sealed record Upload(byte[]? Bytes, string? FileName, int Status = StatusCodes.Status200OK, ImportMessage? Problem = null);

/// <summary>
/// Takes the file either as the raw body (text/csv, application/octet-stream...: what scripts and fetch() send; the
/// name may come in a Content-Disposition header or ?fileName=) or as multipart/form-data with one file field "file"
/// (what a plain HTML form posts). At most <see cref="MaxBytes"/>: beyond, 413, read no further than needed.
/// </summary>
internal static class ImportUpload
{
    public const int MaxBytes = 5 * 1024 * 1024;
    private const int MultipartOverhead = 64 * 1024;

    public static async Task<Upload> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var isForm = request.HasFormContentType;
        var limit = MaxBytes + (isForm ? MultipartOverhead : 0);
        if (request.ContentLength > limit)
        {
            return TooLarge();
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1L;
        }

        if (isForm)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = 16 }, cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // a form sent without a length that runs past the limit, or a malformed form (e.g. its parts are not
                // separated by the boundary its Content-Type announces: the reader runs to the end of the body)
                return e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                    ? TooLarge()
                    : new Upload(null, null, StatusCodes.Status400BadRequest, ImportMessage.Of("file", "file.no_file"));
            }

            if (form.Files.GetFile("file") is not { } file)
            {
                return new Upload(null, null, StatusCodes.Status400BadRequest, ImportMessage.Of("file", "file.no_file"));
            }

            if (file.Length > MaxBytes)
            {
                return TooLarge();
            }

            await using var stream = file.OpenReadStream();
            var fromForm = await ReadCappedAsync(stream, cancellationToken);
            return fromForm is null ? TooLarge() : new Upload(fromForm, CleanName(file.FileName));
        }

        var bytes = await ReadCappedAsync(request.Body, cancellationToken);
        if (bytes is null)
        {
            return TooLarge();
        }

        var name = request.Query["fileName"].FirstOrDefault();
        if (name is null && ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
        {
            name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value?.Trim('"');
        }

        return new Upload(bytes, CleanName(name));
    }

    /// <summary>The bytes, or null when there are more than <see cref="MaxBytes"/>.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Upload TooLarge() => new(null, null, StatusCodes.Status413PayloadTooLarge,
        ImportMessage.Of("file", "file.too_large", (MaxBytes / 1024 / 1024).ToString(CultureInfo.InvariantCulture)));

    /// <summary>Just the name, no path a browser may send (C:\fakepath\...), at most 200 characters.</summary>
    private static string? CleanName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var last = name.Replace('\\', '/').Split('/')[^1].Trim();
        return last.Length == 0 ? null : last[..Math.Min(last.Length, 200)];
    }
}
