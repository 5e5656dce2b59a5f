using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Platform;

/// <summary>
/// The platform admin's desk: the cooperatives waiting to be put on the public list (each with a link to preview its
/// home), approve one, or take an approved one off. Anyone else signed in gets the page saying so, answered 403.
/// </summary>
public sealed class CooperativesModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : FormPage(texts)
{
    public IReadOnlyList<Cooperative> Waiting { get; private set; } = [];

    public IReadOnlyList<Cooperative> Approved { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(string slug, CancellationToken cancellationToken) => DecideAsync(slug, approve: true, cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(string slug, CancellationToken cancellationToken) => DecideAsync(slug, approve: false, cancellationToken);

    private async Task<IActionResult> DecideAsync(string slug, bool approve, CancellationToken cancellationToken)
    {
        if (await session.AccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        if (!TenantId.TryParse(slug, out var tenant))
        {
            return NotFound();
        }

        var result = await api.SetCooperativeApprovalAsync(token, tenant, approve, cancellationToken);
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            ShowErrors(result);
            return await LoadAsync(cancellationToken);
        }

        Done = string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts[approve ? "Platform.Approved" : "Platform.Withdrawn"], result.Value?.Name);
        return Redirect(WebAddresses.PlatformCooperatives);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        if (await session.AccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var waiting = await api.ListCooperativesAsync(token, approved: false, cancellationToken);
        if (Refused(waiting) is { } refused)
        {
            return refused;
        }

        Waiting = waiting.Value?.Items ?? [];
        Approved = (await api.ListCooperativesAsync(token, approved: true, cancellationToken)).Value?.Items ?? [];
        return Page();
    }
}
