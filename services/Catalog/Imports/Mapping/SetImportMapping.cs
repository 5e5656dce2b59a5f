using System.Security.Claims;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Imports.Mapping;

/// <summary>
/// Till exports name their columns their own way ("Code article;Libellé;Famille;Prix de vente TTC"). An upload whose
/// header lacks a required column answers 400 with the file's <c>columns</c> and a <c>keptFile</c>: the shop says once
/// which column is which here, remembered for its next files, then previews the kept file.
/// </summary>
internal static class SetImportMappingEndpoint
{
    public static void MapSetImportMapping(this RouteGroupBuilder shops) =>
        shops.MapPut("/{shop:guid}/import-mapping", PutMappingAsync)
            .Validate<ImportMappingRequest>()
            .RequireShopManager()
            .WithName("SetImportMapping")
            .WithDescription("Replaces the shop's column mapping, used by its uploads from now on. Keys: header names as the file writes them (compared without case, accents or punctuation).")
            .Produces<ImportMappingResponse>();

    private static async Task<IResult> PutMappingAsync(
        TenantId coop, Guid shop, ImportMappingRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, field) in request.Columns!)
        {
            columns[ImportParser.NormalizeHeader(name)] = field;
        }

        var mapping = new ShopImportMapping(shop, columns, request.VatRate, user.AccountId(), clock.GetUtcNow());
        await using var session = sessions.OpenSession(coop);
        session.Store(mapping);
        await session.SaveChangesAsync(cancellationToken);
        return Results.Ok(new ImportMappingResponse(mapping.Columns, mapping.VatRate));
    }
}
