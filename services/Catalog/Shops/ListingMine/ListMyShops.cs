using System.Security.Claims;
using Marketplace.Catalog.Shops.ListingShops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Shops.ListingMine;

internal static class ListMyShopsEndpoint
{
    /// <summary>Members: the shops the caller owns, whatever their state.</summary>
    public static void MapListMyShops(this RouteGroupBuilder group) =>
        group.MapGet("/mine", async (TenantId coop, ClaimsPrincipal user, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                if (user.AccountId() is not { } me)
                {
                    return Results.Ok(Array.Empty<ShopResponse>());
                }

                await using var session = sessions.QuerySession(coop);
                var shops = await session.Query<Shop>().Where(s => s.Owners.Contains(me)).Take(ListShopsEndpoint.MaxShops).ToListAsync(cancellationToken);
                return Results.Ok(ListShopsEndpoint.Sorted(shops));
            })
            .RequireAuthorization(CooperativeAuthorization.MemberPolicy)
            .WithName("ListMyShops")
            .Produces<IEnumerable<ShopResponse>>();
}
