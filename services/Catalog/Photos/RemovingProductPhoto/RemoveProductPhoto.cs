using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Photos.RemovingProductPhoto;

internal static class RemoveProductPhotoEndpoint
{
    public static void MapRemoveProductPhoto(this RouteGroupBuilder shop) =>
        shop.MapDelete("/products/{product:guid}/photo", (TenantId coop, Guid shop, Guid product, CooperativeSessions sessions, CancellationToken cancellationToken) =>
                PhotoChanges.RemoveAsync(coop, shop, product, Photo.OfProduct, sessions, cancellationToken))
            .DescribeRemoval("RemoveProductPhoto", "Remove a product's photo (the pages show a placeholder).");
}
