using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Products.Archiving;

internal static class ArchiveProductEndpoint
{
    /// <summary>Takes the product off sale (kept, with its history, for its shop); archiving again changes nothing.</summary>
    public static void MapArchiveProduct(this RouteGroupBuilder shop) =>
        shop.MapPost("/products/{product:guid}/archive", (TenantId coop, Guid shop, Guid product, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                sessions.ChangeAsync(coop, shop, product, current => current.Archive(clock.GetUtcNow()), cancellationToken))
            .RequireShopManager()
            .WithName("ArchiveProduct")
            .Produces<ProductResponse>();
}
