using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Shops.Approving;

internal static class ApproveShopEndpoint
{
    /// <summary>An admin approves a shop whose details are complete (else 409, code shop.incomplete); approving again changes nothing.</summary>
    public static void MapApproveShop(this RouteGroupBuilder group) =>
        group.MapPost("/{shop:guid}/approve", (TenantId coop, Guid shop, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                sessions.ChangeAsync(coop, shop, current => current.Approve(user.AccountId(), clock.GetUtcNow()), clock, cancellationToken))
            .RequireAuthorization(CooperativeAuthorization.AdminPolicy)
            .WithName("ApproveShop")
            .Produces<ShopResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
