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
public sealed class ShopsModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : FormPage(texts)
{
    public string Slug { get; private set; } = "";

    public Cooperative? Cooperative { get; private set; }

    public IReadOnlyList<Shop> Pending { get; private set; } = [];

    /// <summary>The shops already approved: an admin manages their back office too.</summary>
    public IReadOnlyList<Shop> Approved { get; private set; } = [];

    public bool Forbidden { get; private set; }

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

        if (Forbidden)
        {
            return Page();
        }

        var token = await session.AccessTokenAsync();
        var result = await api.ApproveShopAsync(token!, TenantId.Parse(Slug), shop, cancellationToken);
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
        if (!TenantId.TryParse(coop, out var tenant) || await api.GetCooperativeAsync(tenant, cancellationToken) is not { } cooperative)
        {
            return NotFound();
        }

        Slug = tenant.Value;
        Cooperative = cooperative;
        if (await session.AccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var pending = await api.ListPendingShopsAsync(token, tenant, cancellationToken);
        switch (pending.Status)
        {
            case HttpStatusCode.Unauthorized:
                return Challenge();
            case HttpStatusCode.Forbidden:
                Forbidden = true;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return null;
            default:
                Pending = pending.Succeeded ? pending.Value ?? [] : throw new HttpRequestException($"Listing pending shops answered {pending.Status}.");
                Approved = (await api.ListApprovedShopsAsync(token, tenant, cancellationToken)).Value ?? [];
                return null;
        }
    }
}
