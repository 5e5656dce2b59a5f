using System.Globalization;
using Marketplace.Catalog.Common;
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

    public static async Task<Upload> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (file, refusal) = await FileUpload.ReadAsync(request, MaxBytes, cancellationToken);
        if (refusal is UploadRefusal.TooLarge)
        {
            return new Upload(null, null, StatusCodes.Status413PayloadTooLarge,
                ImportMessage.Of("file", "file.too_large", (MaxBytes / 1024 / 1024).ToString(CultureInfo.InvariantCulture)));
        }

        if (file is null)
        {
            return new Upload(null, null, StatusCodes.Status400BadRequest, ImportMessage.Of("file", "file.no_file"));
        }

        var name = file.FormFileName ?? request.Query["fileName"].FirstOrDefault();
        if (name is null && ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
        {
            name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value?.Trim('"');
        }

        return new Upload(file.Bytes, CleanName(name));
    }

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
