using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Imports.Reading;

internal static class GetImportEndpoint
{
    /// <summary>The stored preview, its messages in the language the request asks for.</summary>
    public static void MapGetImport(this RouteGroupBuilder shops) =>
        shops.MapGet("/{shop:guid}/imports/{import:guid}", GetAsync)
            .RequireShopManager()
            .WithName("GetImport")
            .Produces<ImportPreviewResponse>();

    private static async Task<IResult> GetAsync(
        TenantId coop, Guid shop, Guid import, HttpRequest request, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = sessions.QuerySession(coop);
        var preview = await session.LoadAsync<ImportPreview>(import, cancellationToken);
        return preview?.Belongs(shop, clock.GetUtcNow()) != true
            ? Importing.NoSuchImport()
            : Results.Ok(ImportPreviewResponse.From(preview, ImportMessages.LanguageOf(request)));
    }
}
