using System.Security.Claims;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.OpenApi;

namespace Marketplace.Catalog.Imports.Uploading;

internal static class UploadImportEndpoint
{
    /// <summary>A shop sends its till's export; every row is checked and decided against the catalog, and the preview is stored for 24 hours.</summary>
    public static void MapUploadImport(this RouteGroupBuilder shops) =>
        shops.MapPost("/{shop:guid}/imports", UploadAsync)
            .RequireShopManager()
            .WithName("UploadImport")
            // No Accepts(...) metadata: routing would answer 415 before authorization for other content types.
            .WithDescription("Body: the CSV file as raw bytes (text/csv), or multipart/form-data with a file field \"file\". At most 5 MB.")
            // The body is read by hand (ImportUpload), so the document is told what it takes.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = UploadBody;
                return Task.CompletedTask;
            })
            .Produces<ImportPreviewResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>The file as raw bytes (text/csv, any other type read alike), or a form's file field "file".</summary>
    private static readonly OpenApiRequestBody UploadBody = new()
    {
        Required = true,
        Description = "The CSV file (';' or ',', decimal comma or point, UTF-8 or Windows-1252), at most 5 MB.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            },
        },
    };

    private static async Task<IResult> UploadAsync(
        TenantId coop, Guid shop, HttpRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var language = ImportMessages.LanguageOf(request);
        var upload = await ImportUpload.ReadAsync(request, cancellationToken);
        if (upload.Problem is { } uploadProblem)
        {
            return Importing.Problem(upload.Status, language, [uploadProblem], "import.file");
        }

        await using var session = sessions.OpenSession(coop);
        return await Importing.PreviewAsync(session, coop, shop, upload.Bytes!, upload.FileName, language, user.AccountId(), clock.GetUtcNow(), cancellationToken);
    }
}
