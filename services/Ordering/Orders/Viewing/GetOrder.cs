using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering.Orders.Viewing;

internal static class GetOrderEndpoint
{
    /// <summary>One order with its whole history, for its customer or an admin of the cooperative (anyone else: 404).</summary>
    public static void MapGetOrder(this RouteGroupBuilder group) =>
        group.MapGet("/{order:guid}", async (TenantId coop, Guid order, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var found = await session.LoadAsync<Order>(order, cancellationToken);
                if (found is null || (found.CustomerId != OrderAccess.AccountOf(http.User) && !http.User.IsAdminOf(coop)))
                {
                    return OrderProblems.NoSuchOrder();
                }

                return TypedResults.Ok(OrderView.Of(found, await OrderView.HistoryAsync(session, order, cancellationToken)));
            })
            .RequireAuthorization() // any signed-in account: a customer needs no role (ADR 35)
            .WithName("GetOrder")
            .WithSummary("An order: its sub-orders, where each stands, what was short, and every event of its history with its time.")
            .Produces<OrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
