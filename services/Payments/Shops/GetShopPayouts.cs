using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Payments.Shops;

internal static class GetShopPayoutsEndpoint
{
    /// <summary>The shop's payouts state, for its owners and the admins.</summary>
    public static void MapGetShopPayouts(this RouteGroupBuilder group) =>
        group.MapGet("", async Task<IResult> (TenantId coop, Guid shop, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var payouts = await session.LoadAsync<ShopPayouts>(shop, cancellationToken);
                return ShopPayoutsAccess.Allowed(http.User, coop, payouts) is { } refused ? refused : TypedResults.Ok(new ShopPayoutsResponse(shop, payouts!.State, payouts.AccountId));
            })
            .WithName("GetShopPayouts")
            .WithSummary("The shop's Stripe connection (its owners, or an admin): not-connected, onboarding or can-receive-transfers.")
            .Produces<ShopPayoutsResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
