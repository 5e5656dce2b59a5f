using Marketplace.Contracts;
using Marketplace.Governance.Members;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Governance.Proposals.Viewing;

internal static class GetProposalEndpoint
{
    public static void MapGetProposal(this RouteGroupBuilder group) =>
        group.MapGet("/proposals/{proposal:guid}", async Task<IResult> (TenantId coop, Guid proposal, HttpContext http, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                return await session.LoadAsync<Proposal>(proposal, cancellationToken) is { } found
                    ? TypedResults.Ok(ProposalView.Of(found, GovernanceAccess.AccountOf(http.User), clock.GetUtcNow()))
                    : ProposalProblems.NoSuchProposal();
            })
            .RequireGovernanceReader()
            .WithName("GetProposal")
            .WithSummary("A proposal: what it proposes, its rules, turnout so far, the caller's vote and proxies, and once closed its result with every figure (and who voted what, when the ballot is public).")
            .Produces<ProposalView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
