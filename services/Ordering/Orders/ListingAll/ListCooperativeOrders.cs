using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Ordering.Orders.ListingAll;

internal static class ListCooperativeOrdersEndpoint
{
    /// <summary>Every order of the cooperative, newest first, for its admins.</summary>
    public static void MapListCooperativeOrders(this RouteGroupBuilder group) =>
        group.MapGet("/orders", async (TenantId coop, [AsParameters] PageRequest paging, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var orders = await session.Query<Order>().OrderByDescending(o => o.PlacedAt)
                    .Skip((paging.Number - 1) * paging.Size).Take(paging.Size).ToListAsync(cancellationToken);
                var total = await session.Query<Order>().CountAsync(cancellationToken);
                return TypedResults.Ok(new OrderPage<OrderView>([.. orders.Select(o => OrderView.Of(o))], paging.Number, paging.Size, total));
            })
            .Validate<PageRequest>()
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("ListCooperativeOrders")
            .WithSummary("Every order of the cooperative, newest first (admins; ?page=&pageSize=).")
            .Produces<OrderPage<OrderView>>();
}
