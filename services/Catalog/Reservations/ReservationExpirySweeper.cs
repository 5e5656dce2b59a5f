using Marketplace.Contracts;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Reservations;

/// <summary>
/// Releases holds whose time is up, every Catalog:SweepSeconds (default 30). Reserving already ignores expired
/// holds, so the sweeper is what makes the expiry visible (events out, stock shown) when nobody else touches
/// the product. A tick visits only the cooperatives where a hold this process knows of has fallen due
/// (<see cref="CooperativeDeadlines"/>: told when a hold is placed, and by each visit of the next hold there): quiet
/// cooperatives, and those whose holds still live, cost nothing; the full sweeps of every <see cref="CooperativeSweeper"/>
/// find the holds made by a replica that has stopped since. Several
/// replicas may sweep at once: each close takes the same locks and a closed reservation is not closed twice.
/// </summary>
internal sealed class ReservationExpirySweeper(
    ReservationDesk desk, TenantRegistry registry, CooperativeReadiness readiness, CooperativeDeadlines deadlines, MarketplaceSettings settings, TimeProvider clock,
    ReservationSettings reservations, ILogger<ReservationExpirySweeper> logger)
    : CooperativeSweeper("Catalog", registry, readiness, settings, clock, logger)
{
    protected override TimeSpan Tick => reservations.SweepEvery;

    protected override IReadOnlyList<TenantId> Due(DateTimeOffset now) => deadlines.TakeDue(now);

    // A few ticks on, and at the latest in the next full sweep.
    protected override void Failed(TenantId coop, DateTimeOffset now) => deadlines.Due(coop, now + (4 * Tick));

    protected override Task<int> SweepDueAsync(TenantId coop, CancellationToken cancellationToken) => desk.ExpireDueAsync(coop, cancellationToken);
}
