using Marketplace.Contracts;
using Marketplace.Governance.Members;
using Marketplace.Governance.Proposals.GivingProxy;

namespace Marketplace.Governance.Proposals.WithdrawingProxy;

internal static class WithdrawProxyEndpoint
{
    public static void MapWithdrawProxy(this RouteGroupBuilder group) =>
        group.MapDelete("/proposals/{proposal:guid}/proxy", async Task<IResult> (TenantId coop, Guid proposal, HttpContext http, GovernanceDesk desk, CancellationToken cancellationToken) =>
            {
                var caller = GovernanceAccess.AccountOf(http.User);
                var now = desk.Clock.GetUtcNow();
                return GiveProxyEndpoint.Answer(await desk.DecideAsync(coop, proposal, p => ProposalRules.WithdrawProxy(p, caller, now), cancellationToken), caller, now);
            })
            .RequireGovernanceMember()
            .WithName("WithdrawProxy")
            .WithSummary("Take one's proxy back, as long as its holder has not voted with it (none given: nothing changes).")
            .Produces<ProposalView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
