using System.Globalization;
using System.Net;
using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>
/// A page of a shop's back office: the cooperative and the shop from the route, on behalf of the signed-in
/// user. The API decides who may see it (owners and the co-op's admins); anyone else gets the page's
/// localized "not yours" text with status 403, never the shop's data.
/// </summary>
public abstract class BackOfficePage(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : CooperativePage(api, session, texts)
{
    public Shop Shop { get; private set; } = null!;

    public string BackOfficeUrl => WebAddresses.Cooperative(Slug, $"back-office/{Shop.Id}");

    /// <summary>The cooperative, then the shop as its manager sees it; 403 marks the page forbidden.</summary>
    protected async Task<IActionResult?> LoadShopAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var found = await Api.GetShopAsync(Token, Tenant, shop, cancellationToken);
        if (Refused(found) is { } notShown)
        {
            return notShown;
        }

        Shop = Required(found);

        // An approved shop is public; its back office is not: the products list answers 403 to anyone who does not manage it.
        var probe = await Api.ListShopProductsAsync(Token, Tenant, shop, ProductListFilter.Active, true, cancellationToken);
        if (Refused(probe) is { } refused)
        {
            return refused;
        }

        Required(probe);
        Categories = await Api.ListProductCategoriesAsync(Tenant, cancellationToken);
        ViewData["Categories"] = Categories; // the product form's select and the products table's names
        return null;
    }

    /// <summary>The cooperative's category list (none: categories are typed freely), for the product form and the product lists.</summary>
    public CategoryNames Categories { get; private set; } = CategoryNames.None;

    /// <summary>The value of a read that must succeed (after <see cref="Refused"/>): anything else is an error page.</summary>
    protected static T Required<T>(ApiResult<T> result) =>
        result.Succeeded && result.Value is { } value ? value : throw new HttpRequestException($"The API answered {(int)result.Status} {result.Title}.", null, result.Status);

    /// <summary>
    /// Puts the API's field errors (camelCase paths such as "address.postcode") on the form's fields
    /// through the page's map; the others go to the summary. Each is translated by its code.
    /// </summary>
    protected void ShowFieldErrors<T>(ApiResult<T> result, IReadOnlyDictionary<string, string> fields)
    {
        foreach (var (field, messages) in result.Errors)
        {
            var key = fields.TryGetValue(field, out var mapped) ? mapped : fields.FirstOrDefault(pair => string.Equals(pair.Key, field, StringComparison.OrdinalIgnoreCase)).Value ?? "";
            for (var i = 0; i < messages.Length; i++)
            {
                ModelState.AddModelError(key, Translate(result.CodeOf(field, i), messages[i]));
            }
        }

        if (result.Errors.Count == 0)
        {
            ModelState.AddModelError("", Translate(result.Code, result.Title ?? Texts["Errors.Unexpected"]));
        }
    }

    public static string Price(Money money, CultureInfo culture) => ShopFormat.Price(money, culture);
}
