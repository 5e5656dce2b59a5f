using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.Ordering.Orders;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering.ShopOrders.Accepting;

internal static class AcceptSubOrderEndpoint
{
    /// <summary>The shop accepts its sub-order: its stock is committed and it will be paid for it. Again changes nothing; a step not allowed in the sub-order's state is 409 with its code.</summary>
    public static void MapAcceptSubOrder(this RouteGroupBuilder group) =>
        group.MapPost("/{order:guid}/accept", async (TenantId coop, Guid shop, Guid order, OrderDesk desk, CancellationToken cancellationToken) =>
            {
                var now = desk.Clock.GetUtcNow();
                return OrderProblems.Answer(await desk.DecideAsync(coop, order, o => OrderRules.Accept(o, shop, now), cancellationToken), o => ShopOrderView.Of(o, o.Part(shop)!));
            })
            .RequireShopManager()
            .WithName("AcceptSubOrder")
            .WithSummary("The shop accepts its sub-order: its stock is committed and it will be paid for it.")
            .Produces<ShopOrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
