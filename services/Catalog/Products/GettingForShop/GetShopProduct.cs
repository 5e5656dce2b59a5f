using Marketplace.Catalog.Photos;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Products.GettingForShop;

internal static class GetShopProductEndpoint
{
    /// <summary>The back office's view of one of the shop's products, whatever its state (owners and admins; another shop's product is 404).</summary>
    public static void MapGetShopProduct(this RouteGroupBuilder shop) =>
        shop.MapGet("/products/{product:guid}", async Task<IResult> (TenantId coop, Guid shop, Guid product, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                return await session.LoadAsync<Product>(product, cancellationToken) is { } found && found.ShopId == shop
                    ? Results.Ok(ProductResponse.From(found) with { Photo = await session.PhotoOfAsync(coop.Value, product, cancellationToken) })
                    : ProductChanges.NoSuchProduct();
            })
            .RequireShopManager()
            .WithName("GetShopProduct")
            .Produces<ProductResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
