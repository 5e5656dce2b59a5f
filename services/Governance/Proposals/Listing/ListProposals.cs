using Marketplace.Contracts;
using Marketplace.Governance.Members;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Governance.Proposals.Listing;

internal static class ListProposalsEndpoint
{
    public static void MapListProposals(this RouteGroupBuilder group) =>
        group.MapGet("/proposals", async (TenantId coop, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var proposals = await session.Query<Proposal>().OrderByDescending(p => p.Opened.OpenedAt).Take(200).ToListAsync(cancellationToken);
                var now = clock.GetUtcNow();
                return TypedResults.Ok(proposals.Select(p => ProposalSummary.Of(p, now)).ToList());
            })
            .RequireGovernanceReader()
            .WithName("ListProposals")
            .WithSummary("The cooperative's proposals, newest first (the last 200): open ones and the history of decisions.")
            .Produces<List<ProposalSummary>>();
}
