using System.Globalization;
using Marketplace.Catalog.Common;
using Marketplace.Hosting;
using Microsoft.OpenApi;

namespace Marketplace.Catalog.Photos;

/// <summary>
/// The uploaded photo's bytes: multipart/form-data with a file field "file" (what a form posts from a phone or a
/// computer), or the raw body (image/jpeg...: what fetch() and scripts send). At most <see cref="MaxBytes"/> (413 beyond),
/// read no further than needed.
/// </summary>
internal static class PhotoUpload
{
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The file, or the problem answering the request (413, 400).</summary>
    public static async Task<(byte[]? Bytes, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (file, refusal) = await FileUpload.ReadAsync(request, MaxBytes, cancellationToken);
        return refusal switch
        {
            UploadRefusal.TooLarge => (null, TooLarge()),
            UploadRefusal.NoFile => (null, NoFile()),
            _ => (file!.Bytes, null),
        };
    }

    public static IResult TooLarge() => CodedProblems.Field(
        "file",
        "photo.too_large",
        $"A photo has at most {(MaxBytes / 1024 / 1024).ToString(CultureInfo.InvariantCulture)} MB.",
        StatusCodes.Status413PayloadTooLarge);

    private static IResult NoFile() => CodedProblems.Field("file", "photo.no_file", "Send the photo in the form's file field \"file\".");

    /// <summary>The refusal of a file Skia would not take, field "file".</summary>
    public static IResult Refused(string code) => code switch
    {
        PhotoRefusals.TooManyPixels => CodedProblems.Field(
            "file", "photo.too_many_pixels", $"A photo has at most {PhotoProcessing.MaxPixels / 1_000_000} megapixels and {PhotoProcessing.MaxSide} pixels a side."),
        _ => CodedProblems.Field("file", "photo.not_an_image", "This file is not a JPEG, PNG or WebP image (or it is damaged)."),
    };

    /// <summary>What the OpenAPI document says the upload takes: a form's file field "file", or the image as the body.</summary>
    public static readonly OpenApiRequestBody Body = new()
    {
        Required = true,
        Description = "The photo (JPEG, PNG or WebP), at most 10 MB and 50 megapixels: a form's file field \"file\", or the image as the body.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            },
            ["image/jpeg"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            ["image/png"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            ["image/webp"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
        },
    };
}
