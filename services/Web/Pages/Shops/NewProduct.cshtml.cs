using System.Globalization;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>Adds one product by hand: names in both languages, price as typed in the user's convention, VAT, opening stock.</summary>
public sealed class NewProductModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    [BindProperty]
    public ProductForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        await LoadShopAsync(coop, shop, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (ShopFormat.ParseMinor(Form.Price) is not { } minor)
        {
            ModelState.AddModelError("Form.Price", Texts["Shops.Product.PriceInvalid"]);
            return Page();
        }

        var result = await Api.AddProductAsync(Token, Tenant, shop, Form.ToNewProduct(minor, Cooperative!.Currency), cancellationToken);
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            ShowFieldErrors(result, ProductForm.ErrorFields("Form"));
            return Page();
        }

        TempData["Notice"] = string.Format(CultureInfo.CurrentCulture, Texts["Shops.Product.Added"], result.Value!.Name.In(CultureInfo.CurrentUICulture));
        return LocalRedirect(BackOfficeUrl);
    }
}
