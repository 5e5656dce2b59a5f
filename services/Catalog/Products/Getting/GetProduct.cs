using System.Security.Claims;
using Marketplace.Catalog.Photos;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Products.Getting;

internal static class GetProductEndpoint
{
    /// <summary>Public when the product is on sale in an approved shop; its owners and the admins see it whatever its state.</summary>
    public static void MapGetProduct(this RouteGroupBuilder coopGroup) =>
        coopGroup.MapGet("/products/{product:guid}", async Task<IResult> (TenantId coop, Guid product, ClaimsPrincipal user, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                if (await session.LoadAsync<Product>(product, cancellationToken) is not { } found ||
                    await session.LoadAsync<Shop>(found.ShopId, cancellationToken) is not { } shop)
                {
                    return ProductChanges.NoSuchProduct();
                }

                var visible = (found.IsActive && shop.IsApproved) || user.CanManage(coop, shop);
                return visible
                    ? Results.Ok(ProductResponse.From(found) with { Photo = await session.PhotoOfAsync(coop.Value, product, cancellationToken) })
                    : ProductChanges.NoSuchProduct();
            })
            .AllowAnonymous()
            .WithName("GetProduct")
            .Produces<ProductResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
