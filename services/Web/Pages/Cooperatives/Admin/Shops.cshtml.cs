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

namespace Marketplace.Web.Pages.Cooperatives.Admin;

/// <summary>The co-op admin approves the shops that registered: until then they sell nothing.</summary>
public sealed class ShopsModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : AdminPage(api, session, texts)
{
    public IReadOnlyList<Shop> Pending { get; private set; } = [];

    /// <summary>The shops already approved: an admin manages their back office too.</summary>
    public IReadOnlyList<Shop> Approved { get; private set; } = [];

    [TempData]
    public string? JustApproved { get; set; }

    /// <summary>The notice after asking for changes or refusing (ADR 46).</summary>
    [TempData]
    public string? JustReviewed { get; set; }

    /// <summary>The shop whose form was posted and refused: its card shows the errors and the text typed.</summary>
    public Guid? PostedShop { get; private set; }

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken) =>
        await LoadAsync(coop, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostApproveAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var result = await Api.ApproveShopAsync(Token, Tenant, shop, cancellationToken);
        if (result.Succeeded)
        {
            JustApproved = result.Value?.Name;
            return RedirectToPage(new { lang = WebAddresses.Language, coop = Slug });
        }

        if (result.Status == HttpStatusCode.NotFound)
        {
            return NotFound();
        }

        // the page is shown again with the error: only now are the lists needed
        if (await ListAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (result.Status == HttpStatusCode.Conflict && result.Title?.Contains("incomplete", StringComparison.OrdinalIgnoreCase) == true)
        {
            var name = Pending.FirstOrDefault(candidate => candidate.Id == shop)?.Name ?? "";
            ModelState.AddModelError("", string.Format(CultureInfo.CurrentCulture, Texts["Shops.Admin.Incomplete"], name));
        }
        else
        {
            ShowErrors(result);
        }

        return Page();
    }

    /// <summary>Asks the owners of a pending shop for changes (ADR 46): it waits on them until they save its details again.</summary>
    public Task<IActionResult> OnPostRequestChangesAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        ReviewAsync(coop, shop, nameof(Message), "Shops.Admin.ChangesRequested", () => Api.RequestShopChangesAsync(Token, Tenant, shop, Message?.Trim() ?? "", cancellationToken), cancellationToken);

    /// <summary>Refuses a pending shop, saying why (ADR 46).</summary>
    public Task<IActionResult> OnPostRefuseAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        ReviewAsync(coop, shop, nameof(Reason), "Shops.Admin.Refused", () => Api.RefuseShopAsync(Token, Tenant, shop, Reason?.Trim() ?? "", cancellationToken), cancellationToken);

    private async Task<IActionResult> ReviewAsync(string coop, Guid shop, string field, string notice, Func<Task<ApiResult<Shop>>> review, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var result = await review();
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (result.Status == HttpStatusCode.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            JustReviewed = string.Format(CultureInfo.CurrentCulture, Texts[notice], result.Value?.Name);
            return RedirectToPage(new { lang = WebAddresses.Language, coop = Slug });
        }

        if (await ListAsync(cancellationToken) is { } listRefused)
        {
            return listRefused;
        }

        PostedShop = shop;
        ShowErrors(result, field);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string coop, CancellationToken cancellationToken) =>
        await OpenAsync(coop, cancellationToken) ?? await ListAsync(cancellationToken);

    /// <summary>The shops waiting and those approved, for the page (a post that succeeds redirects without them).</summary>
    private async Task<IActionResult?> ListAsync(CancellationToken cancellationToken)
    {
        var pending = await Api.ListPendingShopsAsync(Token, Tenant, cancellationToken);
        if (Refused(pending) is { } refused)
        {
            return refused;
        }

        Pending = pending.Succeeded ? pending.Value ?? [] : throw new HttpRequestException($"Listing pending shops answered {pending.Status}.", null, pending.Status);
        Approved = (await Api.ListApprovedShopsAsync(Token, Tenant, cancellationToken)).Value ?? [];
        return null;
    }
}
