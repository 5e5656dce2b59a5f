using System.Net;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Governance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Cooperatives.Governance;

/// <summary>
/// The cooperative's life as its members see it: the proposals open to the vote, the decisions taken, and the caller's
/// college. Anyone with a role in the cooperative reads it (a member may hold no role); anyone else gets the page saying so, answered 403.
/// </summary>
public sealed class IndexModel(MarketplaceApi api, TokenSession session, IStringLocalizer<SharedResource> texts) : CooperativePage(api, session, texts)
{
    public IReadOnlyList<ProposalSummary> Open { get; private set; } = [];

    public IReadOnlyList<ProposalSummary> Decided { get; private set; } = [];

    public Statutes? Statutes { get; private set; }

    /// <summary>The caller's membership; null when they are not a member (they read, they do not vote).</summary>
    public GovernanceMember? Me { get; private set; }

    public bool IsAdmin => User.HasCooperativeRole(Slug, "admin");

    public async Task<IActionResult> OnGetAsync(string coop, CancellationToken cancellationToken)
    {
        if (await OpenAsync(coop, cancellationToken) is { } stop)
        {
            return stop;
        }

        var proposals = await Api.ListProposalsAsync(Token, Tenant, cancellationToken);
        if (Refused(proposals) is { } refused)
        {
            return refused;
        }

        var all = proposals.Succeeded ? proposals.Value ?? [] : throw new HttpRequestException($"Listing proposals answered {proposals.Status}.", null, proposals.Status);
        Open = [.. all.Where(p => p.Status != "closed").OrderBy(p => p.ClosesAt)];
        Decided = [.. all.Where(p => p.Status == "closed").OrderByDescending(p => p.ClosesAt)];
        var statutes = await Api.GetStatutesAsync(Token, Tenant, cancellationToken);
        Statutes = statutes.Succeeded ? statutes.Value : throw new HttpRequestException($"The statutes answered {statutes.Status}.", null, statutes.Status);
        var me = await Api.GetMyGovernanceMembershipAsync(Token, Tenant, cancellationToken);
        Me = me.Succeeded ? me.Value : me.Status == HttpStatusCode.NotFound ? null : throw new HttpRequestException($"The membership answered {me.Status}.", null, me.Status);
        return Page();
    }

    public string Kind(string kind) => Texts[$"Governance.Kind.{kind}"] is { ResourceNotFound: false } known ? known : kind;

    public string Status(string status) => Texts[$"Governance.Status.{status}"] is { ResourceNotFound: false } known ? known : status;
}
