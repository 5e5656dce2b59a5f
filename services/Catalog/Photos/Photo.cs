using Marketplace.Catalog.Photos.GettingProductPhoto;
using Marketplace.Catalog.Photos.GettingShopPhoto;
using Marketplace.Catalog.Photos.RemovingProductPhoto;
using Marketplace.Catalog.Photos.RemovingShopPhoto;
using Marketplace.Catalog.Photos.UploadingProductPhoto;
using Marketplace.Catalog.Photos.UploadingShopPhoto;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Catalog.Photos;

/// <summary>
/// A shop's or a product's photo, as the pages show it: a document in the cooperative's own catalog schema, keyed by the
/// shop's or product's id, its sizes' bytes in <see cref="PhotoFile"/>s beside it, so the cooperative's export and
/// restore carry them like the rest of its data (ADR 40). Not an event: a replaced photo is gone, bytes and all.
/// </summary>
public sealed class Photo
{
    public const string OfShop = "shop";
    public const string OfProduct = "product";

    /// <summary>The shop's or the product's id.</summary>
    public Guid Id { get; set; }

    public Guid ShopId { get; set; }

    /// <summary>"shop" or "product".</summary>
    public string Of { get; set; } = OfProduct;

    /// <summary>A hash of the sizes' bytes: in every address, so an address always shows the same bytes (cached for a year).</summary>
    public string Version { get; set; } = "";

    public DateTimeOffset UploadedAt { get; set; }

    public Guid? UploadedBy { get; set; }

    /// <summary>The sizes made, smallest first (the bytes are in the <see cref="PhotoFile"/>s).</summary>
    public List<PhotoDimensions> Sizes { get; set; } = [];

    public string FileId(int width) => PhotoFile.IdOf(Id, Version, width);
}

public sealed record PhotoDimensions(int Width, int Height);

/// <summary>One size's bytes, loaded alone when a page asks for it.</summary>
public sealed class PhotoFile
{
    /// <summary>"{subject id}/{version}/{width}": what the address names.</summary>
    public string Id { get; set; } = "";

    public Guid SubjectId { get; set; }

    /// <summary>"shop" or "product": a shop's photo is not served at a product's address.</summary>
    public string Of { get; set; } = Photo.OfProduct;

    public byte[] Bytes { get; set; } = [];

    public static string IdOf(Guid subject, string version, int width) => $"{subject:N}/{version}/{width}";
}

/// <summary>Where the sizes of a photo are served, smallest first, for an img's src and srcset.</summary>
public sealed record PhotoResponse(string Version, string Url, int Width, int Height, IReadOnlyList<PhotoSizeResponse> Sizes)
{
    public static PhotoResponse From(string coop, Photo photo)
    {
        var sizes = photo.Sizes.OrderBy(s => s.Width).Select(s => new PhotoSizeResponse(UrlOf(coop, photo, s.Width), s.Width, s.Height)).ToList();
        var largest = sizes[^1];
        return new PhotoResponse(photo.Version, largest.Url, largest.Width, largest.Height, sizes);
    }

    public static string UrlOf(string coop, Photo photo, int width) =>
        photo.Of == Photo.OfShop
            ? $"/api/coops/{coop}/shops/{photo.Id}/photo/{photo.Version}/{width}"
            : $"/api/coops/{coop}/products/{photo.Id}/photo/{photo.Version}/{width}";
}

public sealed record PhotoSizeResponse(string Url, int Width, int Height);

public static class PhotosRegistration
{
    /// <summary>The photo of one shop or product, or null: what its read model shows.</summary>
    public static async Task<PhotoResponse?> PhotoOfAsync(this IQuerySession session, string coop, Guid subject, CancellationToken cancellationToken) =>
        await session.LoadAsync<Photo>(subject, cancellationToken) is { } photo ? PhotoResponse.From(coop, photo) : null;

    /// <summary>The same, for the answer to a change of the shop or product.</summary>
    public static async Task<PhotoResponse?> PhotoOfAsync(this CooperativeSessions sessions, TenantId coop, Guid subject, CancellationToken cancellationToken)
    {
        await using var session = sessions.QuerySession(coop);
        return await session.PhotoOfAsync(coop.Value, subject, cancellationToken);
    }

    /// <summary>The photos of several shops or products (those that have one), in one query.</summary>
    public static async Task<IReadOnlyDictionary<Guid, PhotoResponse>> PhotosOfAsync(
        this IQuerySession session, string coop, IReadOnlyCollection<Guid> subjects, CancellationToken cancellationToken)
    {
        if (subjects.Count == 0)
        {
            return new Dictionary<Guid, PhotoResponse>();
        }

        var photos = await session.LoadManyAsync<Photo>(cancellationToken, subjects.Distinct());
        return photos.ToDictionary(p => p.Id, p => PhotoResponse.From(coop, p));
    }

    public static StoreOptions AddPhotos(this StoreOptions options)
    {
        options.Schema.For<Photo>().Index(p => p.ShopId);
        options.Schema.For<PhotoFile>().Index(f => f.SubjectId);
        return options;
    }

    public static WebApplication MapPhotos(this WebApplication app)
    {
        var shop = app.MapGroup("/api/coops/{coop}/shops/{shop:guid}").WithTags("Photos");
        shop.MapUploadShopPhoto();
        shop.MapUploadProductPhoto();
        shop.MapRemoveShopPhoto();
        shop.MapRemoveProductPhoto();

        var coop = app.MapGroup("/api/coops/{coop}").WithTags("Photos");
        coop.MapGetShopPhoto();
        coop.MapGetProductPhoto();
        return app;
    }
}
