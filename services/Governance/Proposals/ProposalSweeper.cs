using Marketplace.Contracts;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Governance.Proposals;

/// <summary>Reminds the members a day before a proposal closes, and closes it at its deadline with its result and its effect (<see cref="DeadlineSweeper"/>).</summary>
internal sealed class ProposalSweeper(
    GovernanceDesk desk, TenantRegistry registry, CooperativeReadiness readiness, CooperativeDeadlines deadlines, MarketplaceSettings settings, IConfiguration configuration, TimeProvider clock,
    ILogger<ProposalSweeper> logger) : DeadlineSweeper("Governance", registry, readiness, deadlines, settings, configuration, clock, logger)
{
    protected override Task<int> SweepDueAsync(TenantId coop, CancellationToken cancellationToken) => desk.SweepDueAsync(coop, cancellationToken);
}
