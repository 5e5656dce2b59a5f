using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Photos.RemovingShopPhoto;

internal static class RemoveShopPhotoEndpoint
{
    public static void MapRemoveShopPhoto(this RouteGroupBuilder shop) =>
        shop.MapDelete("/photo", (TenantId coop, Guid shop, CooperativeSessions sessions, CancellationToken cancellationToken) =>
                PhotoChanges.RemoveAsync(coop, shop, shop, Photo.OfShop, sessions, cancellationToken))
            .DescribeRemoval("RemoveShopPhoto", "Remove the shop's photo (the pages show a placeholder).");
}
