using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Shops.RemovingOwner;

internal static class RemoveShopOwnerEndpoint
{
    /// <summary>
    /// An owner (or an admin) takes an account off the shop's owners (ADR 48), herself included while another owner remains:
    /// 404 shop.not_an_owner when it is not one, 409 shop.last_owner for the only one left.
    /// </summary>
    public static void MapRemoveShopOwner(this RouteGroupBuilder group) =>
        group.MapDelete("/{shop:guid}/owners/{accountId:guid}", (TenantId coop, Guid shop, Guid accountId, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                sessions.ChangeAsync(coop, shop, current => current.RemoveOwner(accountId, user.AccountId(), clock.GetUtcNow()), clock, cancellationToken))
            .RequireShopManager()
            .WithName("RemoveShopOwner")
            .WithSummary("Take an account off the shop's owners (its owners and the cooperative's admins); the last owner stays.")
            .Produces<ShopResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
