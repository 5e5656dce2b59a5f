using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Shops.ChangingDetails;

internal static class ChangeShopDetailsEndpoint
{
    /// <summary>Its owners and the admins change what the shop tells customers; the same details again change nothing.</summary>
    public static void MapChangeShopDetails(this RouteGroupBuilder group) =>
        group.MapPut("/{shop:guid}", (TenantId coop, Guid shop, ShopDetailsRequest request, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                sessions.ChangeAsync(coop, shop, current => current.ChangeDetails(request.ToDetails(), clock.GetUtcNow()), clock, cancellationToken))
            .Validate<ShopDetailsRequest>()
            .RequireShopManager()
            .WithName("ChangeShopDetails")
            .Produces<ShopResponse>();
}
