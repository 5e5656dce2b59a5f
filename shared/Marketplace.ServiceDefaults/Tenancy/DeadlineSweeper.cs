using Marketplace.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.ServiceDefaults.Tenancy;

/// <summary>
/// Acts on what fell due in the cooperatives (an unpaid order, a proposal's close), every {Section}:SweepSeconds
/// (default 15). A tick visits only the cooperatives where a deadline this process knows of has come
/// (<see cref="CooperativeDeadlines"/>): a thousand quiet cooperatives cost nothing. Every registered cooperative it has
/// prepared is swept at start-up and every Marketplace:RelaySweepInterval, which finds the deadlines written by another
/// replica or before a restart (they are rows, so a restart loses none). Several replicas may sweep at once: each
/// decision fetches its stream for writing, and a step already taken changes nothing.
/// </summary>
public abstract partial class DeadlineSweeper(
    string section, TenantRegistry registry, CooperativeReadiness readiness, CooperativeDeadlines deadlines, MarketplaceSettings settings, IConfiguration configuration,
    TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>Acts on what is due in one cooperative; answers how many things changed, and tells the deadlines when it is next due.</summary>
    protected abstract Task<int> SweepDueAsync(TenantId coop, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromSeconds(configuration.GetValue($"{section}:SweepSeconds", 15));
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
                LogSweepFailed(logger, e, section, "registry");
                continue;
            }

            // One cooperative's trouble (its database being created or removed) never holds up the others.
            foreach (var coop in cooperatives)
            {
                try
                {
                    var changed = await SweepDueAsync(coop, stoppingToken);
                    if (changed > 0)
                    {
                        LogSwept(logger, section, changed, coop.Value);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    deadlines.Due(coop, now + (4 * tick)); // a few ticks on, and at the latest in the next full sweep
                    LogSweepFailed(logger, e, section, coop.Value);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "{Section}: {Count} item(s) past their deadline in {Tenant}")]
    private static partial void LogSwept(ILogger logger, string section, int count, string tenant);

    [LoggerMessage(LogLevel.Warning, "{Section}: deadline sweep failed in {Tenant}; it is visited again a few ticks on")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string section, string tenant);
}
