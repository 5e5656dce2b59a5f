using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>A shop's back office: its status, its products with their price and stock, and what waits for the shopkeeper.</summary>
public sealed class BackOfficeModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    public static readonly IReadOnlyList<string> Statuses = ["active", "archived", "all"];

    public IReadOnlyList<ManagedProduct> Products { get; private set; } = [];

    public int OutOfStock { get; private set; }

    /// <summary>Questions waiting for an answer; null when they could not be counted (the page still works).</summary>
    public int? Unanswered { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "active";

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (!Statuses.Contains(Status))
        {
            Status = "active";
        }

        var products = await Api.ListShopProductsAsync(Token, Tenant, shop, Status, false, cancellationToken);
        if (Refused(products) is { } refused)
        {
            return refused;
        }

        Products = [.. Required(products).OrderBy(product => product.Name.In(System.Globalization.CultureInfo.CurrentUICulture), StringComparer.CurrentCulture)];
        var empty = await Api.ListShopProductsAsync(Token, Tenant, shop, "active", true, cancellationToken);
        OutOfStock = empty.Value?.Count ?? 0;
        var questions = await Api.ListShopQuestionsAsync(Token, Tenant, shop, "unanswered", cancellationToken);
        Unanswered = questions.Succeeded ? questions.Value?.Count(question => question.Answer is null) : null;
        return Page();
    }
}
