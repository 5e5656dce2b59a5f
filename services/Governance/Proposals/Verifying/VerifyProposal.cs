using Marketplace.Contracts;
using Marketplace.Governance.Members;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Governance.Proposals.Verifying;

/// <summary>Whether every stored event of the proposal still matches its link in the hash chain (FirstBroken: the 1-based position of the first that does not).</summary>
public sealed record ProposalVerification(Guid ProposalId, bool Intact, int Events, int? FirstBroken, string Head);

internal static class VerifyProposalEndpoint
{
    public static void MapVerifyProposal(this RouteGroupBuilder group) =>
        group.MapGet("/proposals/{proposal:guid}/verification", async Task<IResult> (TenantId coop, Guid proposal, CooperativeSessions sessions, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                var events = await session.Events.FetchStreamAsync(proposal, token: cancellationToken);
                if (events.Count == 0)
                {
                    return ProposalProblems.NoSuchProposal();
                }

                var stored = events.Select(e => e.Data).ToList();
                var broken = ProposalChain.FirstBroken(proposal, stored);
                return TypedResults.Ok(new ProposalVerification(proposal, broken is null, stored.Count, broken, ProposalChain.IsLinked(stored[^1]) ? ProposalChain.ChainOf(stored[^1]) : ""));
            })
            .RequireGovernanceReader()
            .WithName("VerifyProposal")
            .WithSummary("Checks every stored event of the proposal against its hash chain: intact, or the first event that was altered.")
            .Produces<ProposalVerification>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
