using System.Net;
using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Admin;

/// <summary>
/// A co-op admin's page: the cooperative its address names, the caller's token, and the API's verdict on the caller
/// (signed out: sign in; no admin: the page itself, answered 403, saying so).
/// </summary>
public abstract class AdminPage(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : FormPage(texts)
{
    protected MarketplaceApi Api { get; } = api;

    public string Slug { get; private set; } = "";

    public Cooperative? Cooperative { get; private set; }

    /// <summary>The caller is no admin of this cooperative: the page says so and shows nothing else.</summary>
    public bool Forbidden { get; private set; }

    protected TenantId Tenant => TenantId.Parse(Slug);

    protected string Token { get; private set; } = "";

    /// <summary>The cooperative and the caller's token; a result to return instead of the page (404, sign in) or null to go on.</summary>
    protected async Task<IActionResult?> OpenAsync(string coop, CancellationToken cancellationToken)
    {
        if (!TenantId.TryParse(coop, out var tenant) || await Api.GetCooperativeAsync(tenant, cancellationToken) is not { } cooperative)
        {
            return NotFound();
        }

        Slug = tenant.Value;
        Cooperative = cooperative;
        if (await session.AccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        Token = token;
        return null;
    }

    /// <summary>What to answer instead of going on when the API refused the caller: sign in again, or this page saying they are no admin.</summary>
    protected IActionResult? Refused<T>(ApiResult<T> result)
    {
        switch (result.Status)
        {
            case HttpStatusCode.Unauthorized:
                return Challenge();
            case HttpStatusCode.Forbidden:
                Forbidden = true;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            default:
                return null;
        }
    }
}
