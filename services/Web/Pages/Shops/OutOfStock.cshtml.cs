using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>The shop's active products with nothing left to sell: what to restock.</summary>
public sealed class OutOfStockModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    public IReadOnlyList<Product> Products { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var products = await Api.ListShopProductsAsync(Token, Tenant, shop, ProductListFilter.Active, true, cancellationToken);
        if (Refused(products) is { } refused)
        {
            return refused;
        }

        Products = Required(products);
        return Page();
    }
}
