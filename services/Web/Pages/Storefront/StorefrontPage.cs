using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Marketplace.Web.Api.Platform;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Storefront;

/// <summary>
/// A page of a cooperative's storefront, at /{lang}/coops/{coop}/...: the language is in the address, so a
/// link shared in English opens in English, whatever the visitor chose before; the switch goes to the same page in
/// the other language (<see cref="Addresses.AddressLanguageFilter"/>, as on every page whose address names its language).
/// </summary>
public abstract class StorefrontPage(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : FormPage(texts)
{
    protected MarketplaceApi Api { get; } = api;

    protected TokenSession Session { get; } = session;

    /// <summary>"fr" or "en": the language of this page (and of its address).</summary>
    public string Lang { get; private set; } = "fr";

    public TenantId Coop { get; private set; }

    public Cooperative Cooperative { get; private set; } = null!;

    public static CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <summary>An address in this storefront, in this page's language: Link("products") → /fr/coops/lyon/products.</summary>
    public string Link(string path) => $"/{Lang}/coops/{Coop}/{path}";

    /// <summary>The cooperative's home, in this page's language: /fr/coops/lyon.</summary>
    public string HomeLink => $"/{Lang}/coops/{Coop}";

    public string ProductLink(Guid product) => Link($"products/{product}");

    public string ShopLink(Guid shop) => Link($"shops/{shop}/about");

    /// <summary>Searching the products of one shop.</summary>
    public string ShopProductsLink(Guid shop) => Link($"products?shop={shop}");

    public string CategoryLink(string category) => Link("products?category=" + Uri.EscapeDataString(category));

    /// <summary>The lang attribute for a shop's text shown in the other language (fallback), else null (the page's).</summary>
    public string? LangOf(LocalizedText? text)
    {
        var language = text?.LanguageIn(Culture);
        return language is null || language == Lang ? null : language;
    }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var lang = RouteData.Values["lang"] as string ?? "";
        if (!TenantId.TryParse(RouteData.Values["coop"] as string, out var coop)
            || await Api.GetCooperativeAsync(coop, HttpContext.RequestAborted) is not { } cooperative)
        {
            context.Result = NotFound();
            return;
        }

        Lang = lang;
        Coop = coop;
        Cooperative = cooperative;
        await next();
    }
}
