using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Ordering.Orders.CancellingSubOrder;

internal static class CancelSubOrderEndpoint
{
    /// <summary>The customer cancels one shop's part of their order until that shop accepts; again changes nothing.</summary>
    public static void MapCancelSubOrder(this RouteGroupBuilder group) =>
        group.MapPost("/{order:guid}/shops/{shop:guid}/cancel", async (TenantId coop, Guid order, Guid shop, HttpContext http, CooperativeSessions sessions, OrderDesk desk, CancellationToken cancellationToken) =>
            {
                await using (var session = sessions.QuerySession(coop))
                {
                    if (await session.LoadAsync<Order>(order, cancellationToken) is not { } found || found.CustomerId != OrderAccess.AccountOf(http.User))
                    {
                        return OrderProblems.NoSuchOrder();
                    }
                }

                var now = desk.Clock.GetUtcNow();
                return OrderProblems.Answer(await desk.DecideAsync(coop, order, o => OrderRules.CancelSubOrderByCustomer(o, shop, now), cancellationToken), o => OrderView.Of(o));
            })
            .RequireAuthorization() // any signed-in account: a customer needs no role (ADR 35)
            .WithName("CancelSubOrder")
            .WithSummary("Cancel one shop's part of the signed-in customer's order, until that shop accepts it.")
            .Produces<OrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
