using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Shops.ListingShops;

internal static class ListShopsEndpoint
{
    public const int MaxShops = 500;

    /// <summary>Public: the cooperative's approved shops, by name as French readers sort it.</summary>
    public static void MapListShops(this RouteGroupBuilder group) =>
        group.MapGet("/", async (TenantId coop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var shops = await session.Query<Shop>().Where(s => s.Status == ShopStatus.Approved).Take(MaxShops).ToListAsync(cancellationToken);
                return Results.Ok(Sorted(shops));
            })
            .AllowAnonymous()
            .WithName("ListShops")
            .Produces<IEnumerable<ShopResponse>>();

    internal static IEnumerable<ShopResponse> Sorted(IEnumerable<Shop> shops) =>
        shops.OrderBy(s => s.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true))
            .ThenBy(s => s.Id)
            .Select(ShopResponse.From);
}
