using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Shops;

/// <summary>
/// The shop's owners (ADR 48): the signed-in owner names a co-owner by e-mail (the Platform finds the member, the Catalog
/// adds her) and takes an owner off, herself included while another remains (then back to "my shops").
/// </summary>
public sealed class OwnersModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : BackOfficePage(api, session, texts)
{
    [BindProperty]
    public OwnerForm Owner { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The signed-in account, to say "you" in the list.</summary>
    public Guid Me => Guid.TryParse(User.FindFirst("sub")?.Value, out var id) ? id : Guid.Empty;

    /// <summary>The owners' names, from the Platform in one call (an owner it does not name is numbered instead).</summary>
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync(string coop, Guid shop, CancellationToken cancellationToken) =>
        await LoadShopAsync(coop, shop, cancellationToken) ?? await ShowAsync(cancellationToken);

    /// <summary>Finds the member by e-mail, then names her a co-owner.</summary>
    public async Task<IActionResult> OnPostAsync(string coop, Guid shop, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        if (string.IsNullOrWhiteSpace(Owner.Email))
        {
            ModelState.AddModelError("Owner.Email", Texts["Errors.Required"]);
            return await ShowAsync(cancellationToken);
        }

        var found = await Api.LookUpMemberAsync(Token, Tenant, Owner.Email, cancellationToken);
        if (found.Status != System.Net.HttpStatusCode.NotFound && Refused(found) is { } lookupRefused)
        {
            return lookupRefused;
        }

        if (!found.Succeeded)
        {
            // 404 member.not_found is an answer about the e-mail: shown on its field, not a missing page.
            ShowErrors(found, new Dictionary<string, string> { ["email"] = "Owner.Email" });
            return await ShowAsync(cancellationToken);
        }

        var member = found.Value!;
        var added = await Api.AddShopOwnerAsync(Token, Tenant, Shop.Id, member.AccountId, cancellationToken);
        if (Refused(added) is { } refused)
        {
            return refused;
        }

        if (!added.Succeeded)
        {
            ShowFieldErrors(added, new Dictionary<string, string> { ["accountId"] = "Owner.Email" });
            return await ShowAsync(cancellationToken);
        }

        Notice = string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts["Shops.Owners.Added"], member.DisplayName);
        return LocalRedirect($"{BackOfficeUrl}/owners");
    }

    /// <summary>Takes an owner off the shop; having removed herself, the user goes back to her shops.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(string coop, Guid shop, Guid account, CancellationToken cancellationToken)
    {
        if (await LoadShopAsync(coop, shop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var removed = await Api.RemoveShopOwnerAsync(Token, Tenant, Shop.Id, account, cancellationToken);
        if (removed.Status == System.Net.HttpStatusCode.NotFound && removed.Code == "shop.not_an_owner")
        {
            // Already taken off (another tab, the other owner): the list as it is now says so.
            return LocalRedirect($"{BackOfficeUrl}/owners");
        }

        if (Refused(removed) is { } refused)
        {
            return refused;
        }

        if (!removed.Succeeded)
        {
            ShowErrors(removed);
            return await ShowAsync(cancellationToken);
        }

        if (account == Me)
        {
            return LocalRedirect(WebAddresses.Cooperative(Slug, "back-office"));
        }

        Notice = Texts["Shops.Owners.Removed"];
        return LocalRedirect($"{BackOfficeUrl}/owners");
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        var names = await Api.NameMembersAsync(Token, Tenant, Shop.Owners, cancellationToken);
        if (names.Succeeded)
        {
            Names = names.Value!.ToDictionary(m => m.AccountId, m => m.DisplayName);
        }

        return Page();
    }
}

public sealed class OwnerForm
{
    public string? Email { get; set; }
}
