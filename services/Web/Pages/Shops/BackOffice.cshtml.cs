using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>A shop's back office: its status, its products with their price and stock, and what waits for the shopkeeper.</summary>
public sealed class BackOfficeModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    public static readonly IReadOnlyList<ProductListFilter> Statuses = Enum.GetValues<ProductListFilter>();

    public IReadOnlyList<Product> Products { get; private set; } = [];

    public int OutOfStock { get; private set; }

    /// <summary>Questions waiting for an answer; null when they could not be counted (the page still works).</summary>
    public int? Unanswered { get; private set; }

    /// <summary>Sub-orders waiting for the shop's answer (among its latest 100); null when Ordering could not say (the page still works).</summary>
    public int? OrdersWaiting { get; private set; }

    [BindProperty(SupportsGet = true)]
    public ProductListFilter Status { get; set; } = ProductListFilter.Active;

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The shop's photo, picked on a phone (camera or gallery) or a computer.</summary>
    [BindProperty]
    public IFormFile? ShopPhotoFile { get; set; }

    public async Task<IActionResult> OnPostPhotoAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (ShopPhotoFile is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(ShopPhotoFile), Texts["Code.photo.no_file"]);
            return await OnGetAsync(coop, shop, cancellationToken);
        }

        await using var file = ShopPhotoFile.OpenReadStream();
        var result = await Api.UploadShopPhotoAsync(Token, Tenant, shop, file, ShopPhotoFile.FileName, cancellationToken);
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            ShowFieldErrors(result, new Dictionary<string, string> { ["file"] = nameof(ShopPhotoFile) });
            return await OnGetAsync(coop, shop, cancellationToken);
        }

        Notice = string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts["Shops.Photo.Uploaded"], Shop.Name);
        return LocalRedirect(BackOfficeUrl);
    }

    public async Task<IActionResult> OnPostRemovePhotoAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (Refused(await Api.RemoveShopPhotoAsync(Token, Tenant, shop, cancellationToken)) is { } refused)
        {
            return refused;
        }

        Notice = string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts["Shops.Photo.Removed"], Shop.Name);
        return LocalRedirect(BackOfficeUrl);
    }

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var products = await Api.ListShopProductsAsync(Token, Tenant, shop, Status, false, cancellationToken);
        if (Refused(products) is { } refused)
        {
            return refused;
        }

        Products = [.. Required(products).OrderBy(product => product.Name.In(System.Globalization.CultureInfo.CurrentUICulture), StringComparer.CurrentCulture)];
        var empty = await Api.ListShopProductsAsync(Token, Tenant, shop, ProductListFilter.Active, true, cancellationToken);
        OutOfStock = empty.Value?.Count ?? 0;
        var questions = await Api.ListShopQuestionsAsync(Token, Tenant, shop, QuestionFilter.Unanswered, cancellationToken);
        Unanswered = questions.Succeeded ? questions.Value?.Count(question => question.Answer is null) : null;
        var orders = await Api.ListShopOrdersAsync(Token, Tenant, shop, 1, 100, cancellationToken);
        OrdersWaiting = orders.Succeeded ? orders.Value?.Items.Count(order => order.SubOrder.Status == "awaiting-shop") : null;
        return Page();
    }
}
