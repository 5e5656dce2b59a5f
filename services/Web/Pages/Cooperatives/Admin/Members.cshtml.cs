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
public sealed class MembersModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : FormPage(texts)
{
    public IReadOnlyList<string> Roles { get; } = ["customer", "shop_owner", "member", "admin"];

    public string Slug { get; private set; } = "";

    public Cooperative? Cooperative { get; private set; }

    public MembersPage Members { get; private set; } = new([], 1, 1, 0);

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Pager Pager => Pager.Of(Members, page => Url.Page("Members", new { lang = WebAddresses.Language, coop = Slug, page })!);

    public bool Forbidden { get; private set; }

    [TempData]
    public string? Added { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string Role { get; set; } = "customer";

    public string? Invalid(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? "true" : null;

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken) =>
        await LoadAsync(coop, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string coop, CancellationToken cancellationToken)
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
        var result = await api.AddMembershipAsync(token!, TenantId.Parse(Slug), Email?.Trim() ?? "", Role, cancellationToken);
        if (!result.Succeeded)
        {
            ShowErrors(result, nameof(Email), nameof(Role));
            return Page();
        }

        Added = result.Value?.Email ?? Email;
        return RedirectToPage(new { lang = WebAddresses.Language, coop = Slug });
    }

    /// <summary>The cooperative and its members; a result to return instead of the page when there is nothing to show.</summary>
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

        var members = await api.ListMembershipsAsync(token, tenant, Math.Clamp(PageNumber, 1, 1_000_000), cancellationToken);
        switch (members.Status)
        {
            case HttpStatusCode.Unauthorized:
                return Challenge();
            case HttpStatusCode.Forbidden:
                Forbidden = true;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return null;
            default:
                Members = members.Succeeded ? members.Value ?? Members : throw new HttpRequestException($"Listing members answered {members.Status}.");
                return null;
        }
    }
}
