using System.Security.Claims;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Products.Reading;

internal static class ReadProductsEndpoints
{
    public const int MaxShopProducts = 1000;

    /// <summary>The back office's list: every product of the shop, archived ones on request, or only those out of stock.</summary>
    public static void MapListShopProducts(this RouteGroupBuilder shop) =>
        shop.MapGet("/products", async Task<IResult> (TenantId coop, Guid shop, string? status, bool? outOfStock, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                if (status is not (null or ProductStatus.Active or ProductStatus.Archived or "all"))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status is active, archived or all."] });
                }

                await using var session = sessions.QuerySession(coop);
                var query = session.Query<Product>().Where(p => p.ShopId == shop);
                query = (status ?? ProductStatus.Active) switch
                {
                    "all" => query,
                    var wanted => query.Where(p => p.Status == wanted),
                };
                var products = await query.OrderBy(p => p.Category).ThenBy(p => p.Id).Take(MaxShopProducts).ToListAsync(cancellationToken);
                return Results.Ok(products
                    .Where(p => outOfStock != true || p.Stock.Available == 0)
                    .Select(ProductResponse.From));
            })
            .RequireShopManager()
            .WithName("ListShopProducts")
            .Produces<IEnumerable<ProductResponse>>();

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
                return visible ? Results.Ok(ProductResponse.From(found)) : ProductChanges.NoSuchProduct();
            })
            .AllowAnonymous()
            .WithName("GetProduct")
            .Produces<ProductResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
