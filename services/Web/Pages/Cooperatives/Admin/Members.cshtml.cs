using System.Net;
using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Addresses;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Admin;

/// <summary>The co-op admin's members and roles: who has which role, and adding an account by email with a role.</summary>
public sealed class MembersModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : AdminPage(api, session, texts)
{
    public IReadOnlyList<string> Roles { get; } = ["customer", "shop_owner", "member", "admin"];

    public MembersPage Members { get; private set; } = new([], 1, 1, 0);

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Pager Pager => Pager.Of(Members, page => Url.Page("Members", new { lang = WebAddresses.Language, coop = Slug, page })!);

    [TempData]
    public string? Added { get; set; }

    /// <summary>The notice after changing or removing a member (ADR 46).</summary>
    [TempData]
    public string? Changed { get; set; }

    /// <summary>Why the last change of a member's roles was refused (e.g. the cooperative's last admin).</summary>
    public string? MemberError { get; private set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string Role { get; set; } = "customer";

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken) =>
        await LoadAsync(coop, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string coop, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var result = await Api.AddMembershipAsync(Token, Tenant, Email?.Trim() ?? "", Role, cancellationToken);
        if (!result.Succeeded)
        {
            ShowErrors(result, nameof(Email), nameof(Role));
            return Page();
        }

        Added = result.Value?.Email ?? Email;
        return RedirectToPage(new { lang = WebAddresses.Language, coop = Slug });
    }

    /// <summary>Replaces a member's roles with those ticked (ADR 46); none ticked is refused by the API, as is taking the last admin's role.</summary>
    public async Task<IActionResult> OnPostRolesAsync(string coop, string account, [FromForm(Name = "roles")] List<string>? roles, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var member = Members.Items.FirstOrDefault(m => m.AccountId == account);
        var result = await Api.ChangeMemberRolesAsync(Token, Tenant, account, roles ?? [], cancellationToken);
        return Answer(result, result.Value?.DisplayName ?? member?.DisplayName, "Members.Changed");
    }

    /// <summary>Removes a member and her roles (ADR 46); never the cooperative's last admin.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(string coop, string account, CancellationToken cancellationToken)
    {
        if (await LoadAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var member = Members.Items.FirstOrDefault(m => m.AccountId == account);
        return Answer(await Api.RemoveMemberAsync(Token, Tenant, account, cancellationToken), member?.DisplayName, "Members.Removed");
    }

    private IActionResult Answer<T>(ApiResult<T> result, string? name, string notice)
    {
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            var field = result.Errors.FirstOrDefault();
            MemberError = field.Value is { Length: > 0 } messages ? Translate(result.CodeOf(field.Key, 0), messages[0]) : Translate(result.Code, Texts["Errors.Unexpected"]);
            return Page();
        }

        Changed = string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts[notice], name);
        return RedirectToPage(new { lang = WebAddresses.Language, coop = Slug });
    }

    /// <summary>The cooperative and its members; a result to return instead of the page when there is nothing to show.</summary>
    private async Task<IActionResult?> LoadAsync(string coop, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var members = await Api.ListMembershipsAsync(Token, Tenant, Math.Clamp(PageNumber, 1, 1_000_000), cancellationToken);
        if (Refused(members) is { } refused)
        {
            return refused;
        }

        Members = members.Succeeded ? members.Value ?? Members : throw new HttpRequestException($"Listing members answered {members.Status}.", null, members.Status);
        return null;
    }
}
