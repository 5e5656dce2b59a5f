using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>Who a shop is: its story, where to find it (with a map link), its opening hours, pickup and delivery, contact, and its products.</summary>
public sealed class ShopModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts, TimeProvider clock) : StorefrontPage(api, session, texts)
{
    /// <summary>How many of its products the shop's page shows; the rest are one link away.</summary>
    public const int ProductsShown = 12;

    /// <summary>How far ahead the page tells of closures.</summary>
    public const int ClosuresShownDays = 60;

    public Shop Shop { get; private set; } = null!;

    /// <summary>"Ouvert · ferme à 19:30", "Fermé (congés) · rouvre le 03/01 à 08:00"...: null for a shop without hours.</summary>
    public string? OpeningNow => OpenNow.Describe(Shop, clock, Culture, Texts);

    /// <summary>Its closures in the next <see cref="ClosuresShownDays"/> days.</summary>
    public IReadOnlyList<ShopClosure> Closures => OpenNow.Upcoming(Shop.Closures, clock, ClosuresShownDays);

    /// <summary>Where the shop is, on a map of its own street (ADR 49); none when its owners did not say.</summary>
    public Maps.ShopMapView? Map(string tileUrlTemplate) =>
        Shop is { Latitude: { } latitude, Longitude: { } longitude } && Maps.StaticMap.Of([new Maps.MapPlace("", latitude, longitude)]) is { } map
            ? new Maps.ShopMapView(map, string.Format(Culture, Texts["Map.Shop"], Shop.Name), tileUrlTemplate)
            : null;

    public SearchResults Products { get; private set; } = new([], 1, ProductsShown, 0);

    public async Task<IActionResult> OnGetAsync(Guid shop, CancellationToken cancellationToken)
    {
        var token = User.Identity?.IsAuthenticated == true ? await Session.AccessTokenAsync() : null;
        if (await Api.FindShopAsync(token, Coop, shop, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        Shop = found;
        Products = await Api.SearchProductsAsync(Coop, new ProductQuery(null, null, shop, false, "relevance", 1, ProductsShown), cancellationToken);
        return Page();
    }
}
