using Marketplace.Web.Api.Catalog;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>
/// What a card or a page shows for a product or a shop: its uploaded photo (every size in srcset), else the first
/// typed image address, else a placeholder — never a broken image.
/// </summary>
public sealed record ProductImage(Photo? Photo, string? ImageUrl, string Alt, int Width, int Height, string Sizes, bool Eager = false);
