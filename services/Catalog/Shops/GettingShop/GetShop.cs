using System.Security.Claims;
using Marketplace.Catalog.Photos;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Shops.GettingShop;

internal static class GetShopEndpoint
{
    /// <summary>Public once approved; before that only its owners and the cooperative's admins see it (others get 404).</summary>
    public static void MapGetShop(this RouteGroupBuilder group) =>
        group.MapGet("/{shop:guid}", async Task<IResult> (TenantId coop, Guid shop, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                return await session.LoadAsync<Shop>(shop, cancellationToken) is { } found && (found.IsApproved || user.CanManage(coop, found))
                    ? Results.Ok(ShopResponse.From(found, clock.GetUtcNow()) with { Photo = await session.PhotoOfAsync(coop.Value, shop, cancellationToken) })
                    : NoSuchShop();
            })
            .AllowAnonymous()
            .WithName("GetShop")
            .Produces<ShopResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static IResult NoSuchShop() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such shop in this cooperative.");
}
