using System.Globalization;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Admin;

/// <summary>
/// The co-op admin keeps the cooperative's one list of product categories, each named in French and English (ADR 43):
/// shops pick from it, customers see the name in their language. Add, rename, move up or down, remove one no product is in.
/// </summary>
public sealed class CategoriesModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : AdminPage(api, session, texts)
{
    public IReadOnlyList<ProductCategory> List { get; private set; } = [];

    [BindProperty]
    public string? NameFr { get; set; }

    [BindProperty]
    public string? NameEn { get; set; }

    /// <summary>The category whose rename form posted (its errors show in its row).</summary>
    [BindProperty]
    public string? RenameKey { get; set; }

    [BindProperty]
    public string? RenameFr { get; set; }

    [BindProperty]
    public string? RenameEn { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken) =>
        await LoadAsync(coop, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(string coop, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var result = await Api.CreateProductCategoryAsync(Token, Tenant, new ProductCategoryRequest(new LocalizedText(NameFr?.Trim(), NameEn?.Trim())), cancellationToken);
        return Answer(result, new Dictionary<string, string> { ["name"] = nameof(NameFr), ["name.fr"] = nameof(NameFr), ["name.en"] = nameof(NameEn) }, "Categories.Added");
    }

    public async Task<IActionResult> OnPostRenameAsync(string coop, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var result = await Api.RenameProductCategoryAsync(Token, Tenant, RenameKey ?? "", new ProductCategoryRequest(new LocalizedText(RenameFr?.Trim(), RenameEn?.Trim())), cancellationToken);
        return Answer(result, new Dictionary<string, string> { ["name"] = nameof(RenameFr), ["name.fr"] = nameof(RenameFr), ["name.en"] = nameof(RenameEn) }, "Categories.Renamed");
    }

    public async Task<IActionResult> OnPostMoveAsync(string coop, string key, int position, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var result = await Api.MoveProductCategoryAsync(Token, Tenant, key, Math.Max(0, position), cancellationToken);
        return Answer(result, new Dictionary<string, string>(), "Categories.Moved");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string coop, string key, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var name = List.FirstOrDefault(c => c.Key == key)?.Name.In(CultureInfo.CurrentCulture) ?? key;
        var result = await Api.RemoveProductCategoryAsync(Token, Tenant, key, cancellationToken);
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            ShowErrors(result);
            return Page();
        }

        Notice = string.Format(CultureInfo.CurrentCulture, Texts["Categories.Removed"], name);
        return Redirect(WebAddresses.Cooperative(Slug, "admin/categories"));
    }

    private IActionResult Answer(ApiResult<ProductCategory> result, IReadOnlyDictionary<string, string> fields, string notice)
    {
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            ShowErrors(result, fields);
            return Page();
        }

        Notice = string.Format(CultureInfo.CurrentCulture, Texts[notice], result.Value!.Name.In(CultureInfo.CurrentCulture));
        return Redirect(WebAddresses.Cooperative(Slug, "admin/categories"));
    }

    private async Task<IActionResult?> LoadAsync(string coop, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        // The list is public: an admin-only read tells whether the caller may keep it (403: the page says so, after
        // trying once more with freshly refreshed roles, as every admin page).
        if (Refused(await Api.ListPendingShopsAsync(Token, Tenant, cancellationToken)) is { } refused)
        {
            return refused;
        }

        List = (await Api.ListProductCategoriesAsync(Tenant, cancellationToken)).List;
        return null;
    }
}
