using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages;

/// <summary>
/// A signed-in page of one cooperative (its admin pages, a shop's back office): the cooperative its address names, the
/// caller's token, and the API's verdict on the caller — signed out: sign in; not allowed: the page itself, answered
/// 403, saying only that (after trying once more with freshly refreshed roles, see <see cref="RetryWithFreshRolesResult"/>); not found: 404.
/// </summary>
public abstract class CooperativePage(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : FormPage(texts)
{
    protected MarketplaceApi Api { get; } = api;

    public string Slug { get; private set; } = "";

    protected TenantId Tenant { get; private set; }

    public Cooperative? Cooperative { get; private set; }

    protected string Token { get; private set; } = "";

    /// <summary>The cooperative and the caller's token; a result to return instead of the page (404, sign in) or null to go on.</summary>
    protected async Task<IActionResult?> OpenAsync(string coop, CancellationToken cancellationToken)
    {
        if (!TenantId.TryParse(coop, out var tenant) || await Api.GetCooperativeAsync(tenant, cancellationToken) is not { } cooperative)
        {
            return NotFound();
        }

        Slug = tenant.Value;
        Tenant = tenant;
        Cooperative = cooperative;
        if (await session.AccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        Token = token;
        return null;
    }
}
