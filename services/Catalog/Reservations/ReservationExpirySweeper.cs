using Marketplace.Contracts;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Reservations;

/// <summary>
/// Releases holds whose time is up, every Catalog:SweepSeconds (default 30). Reserving already ignores expired
/// holds, so the sweeper is what makes the expiry visible (events out, stock shown) when nobody else touches
/// the product. A tick visits only the cooperatives where this process placed a hold within a hold's
/// lifetime, or whose order's hold (until its HoldUntil) may still be due: quiet cooperatives cost nothing. Every
/// registered cooperative this service has prepared is swept once at start-up and every Marketplace:RelaySweepInterval, for holds made
/// by a replica that has stopped since. Several replicas may sweep at once: each close takes the same locks
/// and a closed reservation is not closed twice.
/// </summary>
internal sealed partial class ReservationExpirySweeper(
    ReservationDesk desk, TenantRegistry registry, CooperativeReadiness readiness, CooperativeActivity activity, MarketplaceSettings settings, TimeProvider clock,
    ReservationSettings reservations, ILogger<ReservationExpirySweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = reservations.SweepEvery;
        using var timer = new PeriodicTimer(tick, clock);
        var nextFullSweep = clock.GetUtcNow();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = clock.GetUtcNow();
            IReadOnlyList<TenantId> cooperatives;
            try
            {
                var recent = activity.ActiveSince(now - desk.HoldFor - (2 * tick)).Union(desk.HoldingSince(now - (2 * tick))).ToList();
                cooperatives = now >= nextFullSweep ? readiness.Prepared(await registry.ListAsync(stoppingToken)) : recent;
                if (now >= nextFullSweep)
                {
                    nextFullSweep = now + settings.RelaySweepInterval;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(e, "registry");
                continue;
            }

            // One cooperative's trouble (its database being created or removed) never holds up the others.
            foreach (var coop in cooperatives)
            {
                try
                {
                    var expired = await desk.ExpireDueAsync(coop, stoppingToken);
                    if (expired > 0)
                    {
                        LogExpired(expired, coop.Value);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSweepFailed(e, coop.Value);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "{Count} reservation(s) expired in {Tenant}")]
    private partial void LogExpired(int count, string tenant);

    [LoggerMessage(LogLevel.Warning, "Reservation expiry sweep failed in {Tenant}; next tick retries")]
    private partial void LogSweepFailed(Exception exception, string tenant);
}
