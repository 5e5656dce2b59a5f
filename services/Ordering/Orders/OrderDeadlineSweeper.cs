using Marketplace.Contracts;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering.Orders;

/// <summary>
/// Acts on orders whose deadline passed (unpaid in time → cancelled; shops that did not answer → withdrawn), every
/// Ordering:SweepSeconds (default 15). A tick visits only the cooperatives where a deadline this process knows of has
/// come (<see cref="CooperativeDeadlines"/>): a thousand quiet cooperatives cost nothing. Every registered cooperative it has prepared is
/// swept at start-up and every Marketplace:RelaySweepInterval, which finds the deadlines written by another replica or
/// before a restart (ADR 33: they are rows, so a restart loses none). Several replicas may sweep at once: each decision
/// fetches the order for writing and a passed step changes nothing.
/// </summary>
internal sealed partial class OrderDeadlineSweeper(
    OrderDesk desk, TenantRegistry registry, CooperativeReadiness readiness, CooperativeDeadlines deadlines, MarketplaceSettings settings, IConfiguration configuration, TimeProvider clock,
    ILogger<OrderDeadlineSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromSeconds(configuration.GetValue("Ordering:SweepSeconds", 15));
        using var timer = new PeriodicTimer(tick, clock);
        var nextFullSweep = clock.GetUtcNow();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = clock.GetUtcNow();
            IReadOnlyList<TenantId> cooperatives;
            try
            {
                cooperatives = now >= nextFullSweep ? readiness.Prepared(await registry.ListAsync(stoppingToken)) : deadlines.TakeDue(now);
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
                    var changed = await desk.SweepDueAsync(coop, stoppingToken);
                    if (changed > 0)
                    {
                        LogSwept(changed, coop.Value);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    deadlines.Due(coop, now + (4 * tick)); // a few ticks on, and at the latest in the next full sweep
                    LogSweepFailed(e, coop.Value);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "{Count} order(s) past their deadline in {Tenant}")]
    private partial void LogSwept(int count, string tenant);

    [LoggerMessage(LogLevel.Warning, "Order deadline sweep failed in {Tenant}; it is visited again a few ticks on")]
    private partial void LogSweepFailed(Exception exception, string tenant);
}
