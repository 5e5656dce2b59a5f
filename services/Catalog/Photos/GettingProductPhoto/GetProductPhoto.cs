using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Photos.GettingProductPhoto;

internal static class GetProductPhotoEndpoint
{
    public static void MapGetProductPhoto(this RouteGroupBuilder coop) =>
        coop.MapGet("/products/{product:guid}/photo/{version}/{width}", (TenantId coop, Guid product, string version, string width, HttpContext http, CooperativeSessions sessions, CancellationToken cancellationToken) =>
                PhotoChanges.ServeAsync(coop, product, Photo.OfProduct, version, width, http, sessions, cancellationToken))
            .DescribeServing("GetProductPhoto");
}
