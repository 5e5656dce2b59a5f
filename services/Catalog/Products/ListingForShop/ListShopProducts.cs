using Marketplace.Catalog.Photos;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.Hosting;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Products.ListingForShop;

internal static class ListShopProductsEndpoint
{
    public const int MaxShopProducts = 1000;

    /// <summary>The back office's list: every product of the shop, archived ones on request, or only those out of stock.</summary>
    public static void MapListShopProducts(this RouteGroupBuilder shop) =>
        shop.MapGet("/products", async Task<IResult> (TenantId coop, Guid shop, string? status, bool? outOfStock, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                if (status is not (null or ProductStatus.Active or ProductStatus.Archived or "all"))
                {
                    return CodedProblems.Field("status", "product.status_filter", "status is active, archived or all.");
                }

                await using var session = sessions.QuerySession(coop);
                var query = session.Query<Product>().Where(p => p.ShopId == shop);
                query = (status ?? ProductStatus.Active) switch
                {
                    "all" => query,
                    var wanted => query.Where(p => p.Status == wanted),
                };
                var products = await query.OrderBy(p => p.Category).ThenBy(p => p.Id).Take(MaxShopProducts).ToListAsync(cancellationToken);
                var shown = products.Where(p => outOfStock != true || p.Stock.Available == 0).ToList();
                var photos = await session.PhotosOfAsync(coop.Value, [.. shown.Select(p => p.Id)], cancellationToken);
                return Results.Ok(shown.Select(p => ProductResponse.From(p) with { Photo = photos.GetValueOrDefault(p.Id) }));
            })
            .RequireShopManager()
            .WithName("ListShopProducts")
            .Produces<IEnumerable<ProductResponse>>();
}
