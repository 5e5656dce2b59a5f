using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Photos.UploadingShopPhoto;

internal static class UploadShopPhotoEndpoint
{
    /// <summary>The shop's owners or the cooperative's admins give the shop its photo (replacing the one it had).</summary>
    public static void MapUploadShopPhoto(this RouteGroupBuilder shop) =>
        shop.MapPost("/photo", (TenantId coop, Guid shop, HttpRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
                PhotoChanges.UploadAsync(coop, shop, shop, Photo.OfShop, request, user, sessions, clock, cancellationToken))
            .DescribeUpload("UploadShopPhoto", "The shop's photo, from a phone or a computer: checked, turned upright, stripped of its metadata (GPS), resized.");
}
