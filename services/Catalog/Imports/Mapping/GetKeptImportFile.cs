using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Imports.Mapping;

internal static class GetKeptImportFileEndpoint
{
    /// <summary>A file kept after its header was refused: its columns, each with the field it is read as now.</summary>
    public static void MapGetKeptImportFile(this RouteGroupBuilder shops) =>
        shops.MapGet("/{shop:guid}/import-files/{file:guid}", GetKeptFileAsync)
            .RequireShopManager()
            .WithName("GetKeptImportFile")
            .Produces<KeptImportFileResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> GetKeptFileAsync(
        TenantId coop, Guid shop, Guid file, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = sessions.QuerySession(coop);
        var kept = await session.LoadAsync<KeptImportFile>(file, cancellationToken);
        if (!kept.Belongs(shop, clock.GetUtcNow()))
        {
            return KeptFiles.NoSuchFile();
        }

        var mapping = (await session.LoadAsync<ShopImportMapping>(shop, cancellationToken))?.ToColumnMapping() ?? ColumnMapping.None;
        var columns = kept.Header.Select(column =>
        {
            var normalized = ImportParser.NormalizeHeader(column.Name);
            var field = mapping.Columns.TryGetValue(normalized, out var mapped) ? mapped : ImportParser.FieldOf(normalized);
            return new KeptColumnResponse(column.Name, column.Example, ImportFieldNames.Of(field));
        }).ToList();
        return Results.Ok(new KeptImportFileResponse(kept.Id, kept.FileName, columns, mapping.VatRate, [.. ImportFieldNames.All], kept.ExpiresAt));
    }
}
