using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Admin.Governance;

/// <summary>
/// A co-op admin's governance page. Governance lets anyone with a role read its statutes and members, so the page asks
/// the Platform's member list, which only admins may read, whether the caller is one: anyone else gets the page saying so, answered 403.
/// </summary>
public abstract class GovernanceAdminPage(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : AdminPage(api, session, texts)
{
    /// <summary>The cooperative's accounts (with a role), every page of them, for the admin to pick one.</summary>
    public IReadOnlyList<Membership> Accounts { get; private set; } = [];

    /// <summary>Opens the cooperative and reads its accounts; a result to return instead of the page (sign in, 403, 404) or null to go on.</summary>
    protected async Task<IActionResult?> OpenAsAdminAsync(string coop, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var accounts = new List<Membership>();
        for (var page = 1; page <= 50; page++)
        {
            var members = await Api.ListMembershipsAsync(Token, Tenant, page, cancellationToken);
            if (Refused(members) is { } refused)
            {
                return refused;
            }

            var value = members.Succeeded ? members.Value! : throw new HttpRequestException($"Listing memberships answered {members.Status}.", null, members.Status);
            accounts.AddRange(value.Items);
            if (value.Items.Count == 0 || accounts.Count >= value.Total)
            {
                break;
            }
        }

        Accounts = accounts;
        return null;
    }
}
