using Marketplace.Contracts;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering.Orders;

/// <summary>Acts on orders whose deadline passed (unpaid in time → cancelled; shops that did not answer → withdrawn), as every <see cref="DeadlineSweeper"/> does (ADR 33).</summary>
internal sealed class OrderDeadlineSweeper(
    OrderDesk desk, TenantRegistry registry, CooperativeReadiness readiness, CooperativeDeadlines deadlines, MarketplaceSettings settings, IConfiguration configuration, TimeProvider clock,
    ILogger<OrderDeadlineSweeper> logger) : DeadlineSweeper("Ordering", registry, readiness, deadlines, settings, configuration, clock, logger)
{
    protected override Task<int> SweepDueAsync(TenantId coop, CancellationToken cancellationToken) => desk.SweepDueAsync(coop, cancellationToken);
}
