using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering.Baskets.RemovingLine;

internal static class RemoveBasketLineEndpoint
{
    /// <summary>Takes a product out of the basket; a product not in it changes nothing (the same answer).</summary>
    public static void MapRemoveBasketLine(this RouteGroupBuilder group) =>
        group.MapDelete("/lines/{product:guid}", async (TenantId coop, Guid product, HttpContext http, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var decided = await sessions.DecideOrStartAsync<Basket>(coop, Customer.Of(http.User), basket => BasketRules.RemoveLine(basket, product, clock.GetUtcNow()), cancellationToken);
                await using var session = sessions.QuerySession(coop);
                return TypedResults.Ok(await BasketResponse.ReadAsync(session, decided.State, cancellationToken));
            })
            .RequireAuthorization()
            .WithName("RemoveBasketLine")
            .WithSummary("Take a product out of the signed-in customer's basket.")
            .Produces<BasketResponse>();
}
