using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering.Baskets.Emptying;

internal static class EmptyBasketEndpoint
{
    /// <summary>Empties the basket (its history is kept in its stream); an empty basket stays as it is.</summary>
    public static void MapEmptyBasket(this RouteGroupBuilder group) =>
        group.MapDelete("/", async (TenantId coop, HttpContext http, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await sessions.DecideOrStartAsync<Basket>(coop, Customer.Of(http.User), basket => BasketRules.Empty(basket, clock.GetUtcNow()), cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization()
            .WithName("EmptyBasket")
            .WithSummary("Empty the signed-in customer's basket.")
            .Produces(StatusCodes.Status204NoContent);
}
