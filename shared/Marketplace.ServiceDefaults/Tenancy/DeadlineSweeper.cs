using Marketplace.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.ServiceDefaults.Tenancy;

/// <summary>
/// Acts on what fell due in the cooperatives (a hold's time up, an unpaid order, a proposal's close) every tick. A tick
/// visits only the cooperatives that may have something due (<see cref="Due"/>): a thousand quiet cooperatives cost
/// nothing. Every registered cooperative it has prepared is swept at start-up and every Marketplace:RelaySweepInterval,
/// which finds what another replica, or the process before a restart, left due. Several replicas may sweep at once: each
/// decision fetches its stream for writing, and a step already taken changes nothing.
/// </summary>
public abstract partial class CooperativeSweeper(
    string name, TenantRegistry registry, CooperativeReadiness readiness, MarketplaceSettings settings, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Tick { get; }

    /// <summary>The cooperatives to visit at <paramref name="now"/> between full sweeps.</summary>
    protected abstract IReadOnlyList<TenantId> Due(DateTimeOffset now);

    /// <summary>Acts on what is due in one cooperative; answers how many things changed.</summary>
    protected abstract Task<int> SweepDueAsync(TenantId coop, CancellationToken cancellationToken);

    /// <summary>A visit of <paramref name="coop"/> failed: what makes it visited again (by default, the next full sweep).</summary>
    protected virtual void Failed(TenantId coop, DateTimeOffset now)
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, clock);
        var nextFullSweep = clock.GetUtcNow();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = clock.GetUtcNow();
            IReadOnlyList<TenantId> cooperatives;
            var full = now >= nextFullSweep;
            try
            {
                cooperatives = full ? readiness.Prepared(await registry.ListAsync(stoppingToken)) : Due(now);
                if (full)
                {
                    nextFullSweep = now + settings.RelaySweepInterval;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, e, name, "registry");
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
                        LogSwept(logger, name, changed, coop.Value);
                    }

                    if (full)
                    {
                        // A pass over every cooperative must not leave each quiet one holding the connection it used until
                        // the pool's idle lifetime: a few services restarted beside some hundreds of cooperatives went over
                        // max_connections that way.
                        await readiness.ReleaseIdleConnectionsAsync(coop);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    Failed(coop, now);
                    LogSweepFailed(logger, e, name, coop.Value);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "{Sweeper}: {Count} item(s) past their time in {Tenant}")]
    private static partial void LogSwept(ILogger logger, string sweeper, int count, string tenant);

    [LoggerMessage(LogLevel.Warning, "{Sweeper}: sweep failed in {Tenant}; it is visited again later")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string sweeper, string tenant);
}

/// <summary>
/// A <see cref="CooperativeSweeper"/> of deadlines kept in rows, every {Section}:SweepSeconds (default 15): between full
/// sweeps it visits the cooperatives where a deadline this process knows of has come (<see cref="CooperativeDeadlines"/>).
/// </summary>
public abstract class DeadlineSweeper(
    string section, TenantRegistry registry, CooperativeReadiness readiness, CooperativeDeadlines deadlines, MarketplaceSettings settings, IConfiguration configuration,
    TimeProvider clock, ILogger logger) : CooperativeSweeper(section, registry, readiness, settings, clock, logger)
{
    protected override TimeSpan Tick { get; } = TimeSpan.FromSeconds(configuration.GetValue($"{section}:SweepSeconds", 15));

    protected override IReadOnlyList<TenantId> Due(DateTimeOffset now) => deadlines.TakeDue(now);

    // A few ticks on, and at the latest in the next full sweep.
    protected override void Failed(TenantId coop, DateTimeOffset now) => deadlines.Due(coop, now + (4 * Tick));
}
