using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Products.Reactivating;

internal static class ReactivateProductEndpoint
{
    /// <summary>Puts an archived product back on sale; reactivating an active one changes nothing.</summary>
    public static void MapReactivateProduct(this RouteGroupBuilder shop) =>
        shop.MapPost("/products/{product:guid}/reactivate", (TenantId coop, Guid shop, Guid product, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                sessions.ChangeAsync(coop, shop, product, current => current.Reactivate(clock.GetUtcNow()), cancellationToken))
            .RequireShopManager()
            .WithName("ReactivateProduct")
            .Produces<ProductResponse>();
}
