using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Ordering.Orders.Cancelling;

internal static class CancelOrderEndpoint
{
    /// <summary>The customer cancels their whole order while no shop has accepted it; again changes nothing.</summary>
    public static void MapCancelOrder(this RouteGroupBuilder group) =>
        group.MapPost("/{order:guid}/cancel", async (TenantId coop, Guid order, HttpContext http, CooperativeSessions sessions, OrderDesk desk, CancellationToken cancellationToken) =>
            {
                await using (var session = sessions.QuerySession(coop))
                {
                    if (await session.LoadAsync<Order>(order, cancellationToken) is not { } found || found.CustomerId != OrderAccess.AccountOf(http.User))
                    {
                        return OrderProblems.NoSuchOrder();
                    }
                }

                var now = desk.Clock.GetUtcNow();
                return OrderProblems.Answer(await desk.DecideAsync(coop, order, o => OrderRules.CancelByCustomer(o, now), cancellationToken), o => OrderView.Of(o));
            })
            .RequireAuthorization() // any signed-in account: a customer needs no role (ADR 35)
            .WithName("CancelOrder")
            .WithSummary("Cancel the signed-in customer's order, until a shop accepts part of it (409 order.accepted_by_a_shop after).")
            .Produces<OrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
