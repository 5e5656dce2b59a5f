using System.Security.Claims;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Imports.Mapping;

internal static class PreviewKeptImportFileEndpoint
{
    public static void MapPreviewKeptImportFile(this RouteGroupBuilder shops) =>
        shops.MapPost("/{shop:guid}/import-files/{file:guid}/preview", PreviewKeptFileAsync)
            .RequireShopManager()
            .WithName("PreviewKeptImportFile")
            .WithDescription("Reads the kept file again with the shop's mapping: 201 and a preview, or 400 while a required column is still missing.")
            .Produces<ImportPreviewResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> PreviewKeptFileAsync(
        TenantId coop, Guid shop, Guid file, HttpRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = sessions.OpenSession(coop);
        var kept = await session.LoadAsync<KeptImportFile>(file, cancellationToken);
        if (!kept.Belongs(shop, clock.GetUtcNow()))
        {
            return KeptFiles.NoSuchFile();
        }

        return await Importing.PreviewAsync(session, coop, shop, kept.Bytes, kept.FileName, ImportMessages.LanguageOf(request), user.AccountId(), clock.GetUtcNow(), cancellationToken);
    }
}
