using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Ordering.Baskets.Viewing;

internal static class GetBasketEndpoint
{
    /// <summary>The signed-in customer's basket in this cooperative (empty when they have none yet).</summary>
    public static void MapGetBasket(this RouteGroupBuilder group) =>
        group.MapGet("/", async (TenantId coop, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var basket = await session.LoadAsync<Basket>(Customer.Of(http.User), cancellationToken);
                return TypedResults.Ok(await BasketResponse.ReadAsync(session, basket, cancellationToken));
            })
            .RequireAuthorization()
            .WithName("GetBasket")
            .WithSummary("The signed-in customer's basket: lines with today's price and availability, and the total.")
            .Produces<BasketResponse>();
}
