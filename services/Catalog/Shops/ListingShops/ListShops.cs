using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Shops.ListingShops;

internal static class ListShopsEndpoints
{
    private const int MaxShops = 500;

    public static void MapListShops(this RouteGroupBuilder group)
    {
        group.MapGet("/", async (TenantId coop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var shops = await session.Query<Shop>().Where(s => s.Status == ShopStatus.Approved).Take(MaxShops).ToListAsync(cancellationToken);
                return Results.Ok(Sorted(shops));
            })
            .AllowAnonymous()
            .WithName("ListShops")
            .Produces<IEnumerable<ShopResponse>>();

        group.MapGet("/pending", async (TenantId coop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var shops = await session.Query<Shop>().Where(s => s.Status == ShopStatus.Pending).Take(MaxShops).ToListAsync(cancellationToken);
                return Results.Ok(shops.OrderBy(s => s.RegisteredAt).Select(ShopResponse.From));
            })
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("ListPendingShops")
            .Produces<IEnumerable<ShopResponse>>();

        group.MapGet("/mine", async (TenantId coop, ClaimsPrincipal user, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                if (user.AccountId() is not { } me)
                {
                    return Results.Ok(Array.Empty<ShopResponse>());
                }

                await using var session = sessions.QuerySession(coop);
                var shops = await session.Query<Shop>().Where(s => s.Owners.Contains(me)).Take(MaxShops).ToListAsync(cancellationToken);
                return Results.Ok(Sorted(shops));
            })
            .RequireAuthorization(CooperativeAuthorization.MemberPolicy)
            .WithName("ListMyShops")
            .Produces<IEnumerable<ShopResponse>>();
    }

    private static IEnumerable<ShopResponse> Sorted(IEnumerable<Shop> shops) =>
        shops.OrderBy(s => s.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true))
            .ThenBy(s => s.Id)
            .Select(ShopResponse.From);
}
