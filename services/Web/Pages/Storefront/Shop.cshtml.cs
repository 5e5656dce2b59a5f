using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>Who a shop is: its story, where to find it (with a map link), its opening hours, pickup and delivery, contact, and its products.</summary>
public sealed class ShopModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : StorefrontPage(api, session, texts)
{
    /// <summary>How many of its products the shop's page shows; the rest are one link away.</summary>
    public const int ProductsShown = 12;

    public Shop Shop { get; private set; } = null!;

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
