using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Ordering.Orders;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering.ShopOrders.MarkingReady;

internal static class MarkSubOrderReadyEndpoint
{
    /// <summary>The shop's accepted sub-order is ready (for pickup, or out for delivery). Again changes nothing; a step not allowed in the sub-order's state is 409 with its code.</summary>
    public static void MapMarkSubOrderReady(this RouteGroupBuilder group) =>
        group.MapPost("/{order:guid}/ready", async (TenantId coop, Guid shop, Guid order, OrderDesk desk, CancellationToken cancellationToken) =>
            {
                var now = desk.Clock.GetUtcNow();
                return OrderProblems.Answer(await desk.DecideAsync(coop, order, o => OrderRules.MarkReady(o, shop, now), cancellationToken), o => ShopOrderView.Of(o, o.Part(shop)!));
            })
            .RequireShopManager()
            .WithName("MarkSubOrderReady")
            .WithSummary("The shop's accepted sub-order is ready (for pickup, or out for delivery).")
            .Produces<ShopOrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
