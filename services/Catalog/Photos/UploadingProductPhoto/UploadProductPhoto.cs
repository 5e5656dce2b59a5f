using System.Security.Claims;
using Marketplace.Catalog.Products;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Photos.UploadingProductPhoto;

internal static class UploadProductPhotoEndpoint
{
    /// <summary>The shop's owners or the cooperative's admins give one of the shop's products its photo (replacing the one it had).</summary>
    public static void MapUploadProductPhoto(this RouteGroupBuilder shop) =>
        shop.MapPost("/products/{product:guid}/photo", async Task<IResult> (TenantId coop, Guid shop, Guid product, HttpRequest request, ClaimsPrincipal user, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using (var query = sessions.QuerySession(coop))
                {
                    if (await query.LoadAsync<Product>(product, cancellationToken) is not { } found || found.ShopId != shop)
                    {
                        return ProductChanges.NoSuchProduct();
                    }
                }

                return await PhotoChanges.UploadAsync(coop, shop, product, Photo.OfProduct, request, user, sessions, clock, cancellationToken);
            })
            .DescribeUpload("UploadProductPhoto", "A product's photo, from a phone or a computer: checked, turned upright, stripped of its metadata (GPS), resized.");
}
