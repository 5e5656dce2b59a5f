using Marketplace.Catalog.Shops.ListingShops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Shops.ListingPending;

internal static class ListPendingShopsEndpoint
{
    /// <summary>Admins: the shops waiting for approval, oldest first.</summary>
    public static void MapListPendingShops(this RouteGroupBuilder group) =>
        group.MapGet("/pending", async (TenantId coop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var shops = await session.Query<Shop>().Where(s => s.Status == ShopStatus.Pending).Take(ListShopsEndpoint.MaxShops).ToListAsync(cancellationToken);
                return Results.Ok(shops.OrderBy(s => s.RegisteredAt).Select(ShopResponse.From));
            })
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("ListPendingShops")
            .Produces<IEnumerable<ShopResponse>>();
}
