using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Ordering.Orders;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Ordering.ShopOrders.Listing;

internal static class ListShopOrdersEndpoint
{
    /// <summary>
    /// A shop's sub-orders once their payment is authorised, newest first: what to prepare, the pickup slot or delivery
    /// address, and the customer's name and e-mail. Only this shop's part of each order.
    /// </summary>
    public static void MapListShopOrders(this RouteGroupBuilder group) =>
        group.MapGet("/", async (TenantId coop, Guid shop, [AsParameters] PageRequest paging, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var query = session.Query<Order>().Where(o => o.SubOrders.Any(s => s.ShopId == shop) && o.AnswerBy != null);
                var orders = await query.OrderByDescending(o => o.PlacedAt).Skip((paging.Number - 1) * paging.Size).Take(paging.Size).ToListAsync(cancellationToken);
                var total = await query.CountAsync(cancellationToken);
                return TypedResults.Ok(new OrderPage<ShopOrderView>([.. orders.Select(o => ShopOrderView.Of(o, o.Part(shop)!))], paging.Number, paging.Size, total));
            })
            .Validate<PageRequest>()
            .RequireShopManager()
            .WithName("ListShopOrders")
            .WithSummary("The shop's sub-orders (paid for, newest first) with their lines, slot or address and the customer's contact.")
            .Produces<OrderPage<ShopOrderView>>();
}
