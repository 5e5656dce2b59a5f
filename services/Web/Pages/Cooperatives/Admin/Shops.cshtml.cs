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

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken) =>
        await LoadAsync(coop, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostApproveAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var result = await Api.ApproveShopAsync(Token, Tenant, shop, cancellationToken);
        switch (result.Status)
        {
            case HttpStatusCode.Conflict when result.Title?.Contains("incomplete", StringComparison.OrdinalIgnoreCase) == true:
                var name = Pending.FirstOrDefault(candidate => candidate.Id == shop)?.Name ?? "";
                ModelState.AddModelError("", string.Format(CultureInfo.CurrentCulture, Texts["Shops.Admin.Incomplete"], name));
                return Page();
            case HttpStatusCode.NotFound:
                return NotFound();
            case var _ when !result.Succeeded:
                ShowErrors(result);
                return Page();
            default:
                JustApproved = result.Value?.Name;
                return RedirectToPage(new { lang = WebAddresses.Language, coop = Slug });
        }
    }

    private async Task<IActionResult?> LoadAsync(string coop, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

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
