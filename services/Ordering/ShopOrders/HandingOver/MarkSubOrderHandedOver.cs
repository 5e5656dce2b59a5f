using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Ordering.Orders;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering.ShopOrders.HandingOver;

internal static class MarkSubOrderHandedOverEndpoint
{
    /// <summary>The customer has the goods: collected at the shop or delivered (once paid). Again changes nothing; a step not allowed in the sub-order's state is 409 with its code.</summary>
    public static void MapMarkSubOrderHandedOver(this RouteGroupBuilder group) =>
        group.MapPost("/{order:guid}/handed-over", async (TenantId coop, Guid shop, Guid order, OrderDesk desk, CancellationToken cancellationToken) =>
            {
                var now = desk.Clock.GetUtcNow();
                return OrderProblems.Answer(await desk.DecideAsync(coop, order, o => OrderRules.MarkHandedOver(o, shop, now), cancellationToken), o => ShopOrderView.Of(o, o.Part(shop)!));
            })
            .RequireShopManager()
            .WithName("MarkSubOrderHandedOver")
            .WithSummary("The customer has the goods: collected at the shop or delivered (once paid).")
            .Produces<ShopOrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
