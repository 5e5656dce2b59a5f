using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Ordering.Orders.ListingMine;

internal static class ListMyOrdersEndpoint
{
    /// <summary>The signed-in customer's orders in this cooperative, newest first, a page at a time.</summary>
    public static void MapListMyOrders(this RouteGroupBuilder group) =>
        group.MapGet("/", async (TenantId coop, [AsParameters] PageRequest paging, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                var customer = OrderAccess.AccountOf(http.User);
                await using var session = sessions.QuerySession(coop);
                var orders = await session.Query<Order>().Where(o => o.CustomerId == customer).OrderByDescending(o => o.PlacedAt)
                    .Skip((paging.Number - 1) * paging.Size).Take(paging.Size).ToListAsync(cancellationToken);
                var total = await session.Query<Order>().CountAsync(o => o.CustomerId == customer, cancellationToken);
                return TypedResults.Ok(new OrderPage<OrderView>([.. orders.Select(o => OrderView.Of(o))], paging.Number, paging.Size, total));
            })
            .Validate<PageRequest>()
            .RequireAuthorization() // any signed-in account: a customer needs no role (ADR 35)
            .WithName("ListMyOrders")
            .WithSummary("The signed-in customer's orders, newest first (?page=&pageSize=).")
            .Produces<OrderPage<OrderView>>();
}
