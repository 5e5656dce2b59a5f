using Marketplace.Contracts;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Reservations;

/// <summary>
/// Releases holds whose time is up, every Catalog:SweepSeconds (default 30). Reserving already ignores expired
/// holds, so the sweeper is what makes the expiry visible (events out, stock shown) when nobody else touches
/// the product. A tick visits only the cooperatives where this process placed a hold within a hold's
/// lifetime, or whose order's hold (until its HoldUntil) may still be due: quiet cooperatives cost nothing; the full
/// sweeps of every <see cref="CooperativeSweeper"/> find the holds made by a replica that has stopped since. Several
/// replicas may sweep at once: each close takes the same locks and a closed reservation is not closed twice.
/// </summary>
internal sealed class ReservationExpirySweeper(
    ReservationDesk desk, TenantRegistry registry, CooperativeReadiness readiness, CooperativeActivity activity, MarketplaceSettings settings, TimeProvider clock,
    ReservationSettings reservations, ILogger<ReservationExpirySweeper> logger)
    : CooperativeSweeper("Catalog", registry, readiness, settings, clock, logger)
{
    protected override TimeSpan Tick => reservations.SweepEvery;

    protected override IReadOnlyList<TenantId> Due(DateTimeOffset now) =>
        [.. activity.ActiveSince(now - desk.HoldFor - (2 * Tick)).Union(desk.HoldingSince(now - (2 * Tick)))];

    protected override Task<int> SweepDueAsync(TenantId coop, CancellationToken cancellationToken) => desk.ExpireDueAsync(coop, cancellationToken);
}
