using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Photos.GettingShopPhoto;

internal static class GetShopPhotoEndpoint
{
    public static void MapGetShopPhoto(this RouteGroupBuilder coop) =>
        coop.MapGet("/shops/{shop:guid}/photo/{version}/{width}", (TenantId coop, Guid shop, string version, string width, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken) =>
                PhotoChanges.ServeAsync(coop, shop, Photo.OfShop, version, width, http, sessions, cancellationToken))
            .DescribeServing("GetShopPhoto");
}
