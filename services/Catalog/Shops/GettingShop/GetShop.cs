using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Shops.GettingShop;

internal static class GetShopEndpoint
{
    /// <summary>Public: the storefront shows shops to anyone, within the cooperative the route names.</summary>
    public static void MapGetShop(this RouteGroupBuilder group) =>
        group.MapGet("/{shop:guid}", async Task<IResult> (TenantId coop, Guid shop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                return await session.LoadAsync<Shop>(shop, cancellationToken) is { } found
                    ? Results.Ok(ShopResponse.From(found))
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such shop in this cooperative.");
            })
            .AllowAnonymous()
            .WithName("GetShop")
            .Produces<ShopResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
