using System.Net;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Governance;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Admin.Governance;

/// <summary>
/// The co-op admin's voting members: who votes, in which college, since when; and admitting one of the cooperative's
/// accounts (picked from its members and roles) into a college, under the name the members will see.
/// </summary>
public sealed class MembersModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : GovernanceAdminPage(api, session, texts)
{
    public IReadOnlyList<GovernanceMember> Members { get; private set; } = [];

    public Statutes? Statutes { get; private set; }

    /// <summary>The cooperative's accounts that are not members yet.</summary>
    public IEnumerable<Membership> Candidates => Accounts.Where(a => !Members.Any(m => m.AccountId.ToString() == a.AccountId));

    [BindProperty]
    public Guid? AccountId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? College { get; set; }

    [TempData]
    public string? Admitted { get; set; }

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken) =>
        await LoadAsync(coop, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string coop, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var account = Accounts.FirstOrDefault(a => AccountId is { } id && a.AccountId == id.ToString());
        if (account is null)
        {
            ModelState.AddModelError(nameof(AccountId), Texts["GovernanceAdmin.PickAccount"]);
        }

        if (string.IsNullOrEmpty(College))
        {
            ModelState.AddModelError(nameof(College), Texts["GovernanceAdmin.Required"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var name = string.IsNullOrWhiteSpace(Name) ? account!.DisplayName : Name.Trim();
        var result = await Api.AdmitGovernanceMemberAsync(Token, Tenant, new NewGovernanceMember(AccountId!.Value, name, College!), cancellationToken);
        if (result.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        if (!result.Succeeded)
        {
            ShowErrors(result, nameof(AccountId), nameof(Name), nameof(College));
            return Page();
        }

        Admitted = name;
        return Redirect(WebAddresses.Cooperative(Slug, "admin/governance/members"));
    }

    public string CollegeName(string key) => Pages.Cooperatives.Governance.GovernanceText.CollegeName(Statutes?.Colleges ?? [], key);

    private async Task<IActionResult?> LoadAsync(string coop, CancellationToken cancellationToken)
    {
        if (await OpenAsAdminAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var members = await Api.ListGovernanceMembersAsync(Token, Tenant, cancellationToken);
        if (Refused(members) is { } refused)
        {
            return refused;
        }

        Members = members.Succeeded ? members.Value ?? [] : throw new HttpRequestException($"The members answered {members.Status}.", null, members.Status);
        var statutes = await Api.GetStatutesAsync(Token, Tenant, cancellationToken);
        Statutes = statutes.Succeeded ? statutes.Value : throw new HttpRequestException($"The statutes answered {statutes.Status}.", null, statutes.Status);
        return null;
    }
}
