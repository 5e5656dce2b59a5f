using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog.Reservations;

/// <summary>
/// Releases holds whose time is up, in every cooperative, every Catalog:SweepSeconds (default 30). Reserving
/// already ignores expired holds, so the sweeper is what makes the expiry visible (events out, stock shown)
/// when nobody else touches the product. Several replicas may sweep at once: each close takes the same locks
/// and a closed reservation is not closed twice.
/// </summary>
internal sealed partial class ReservationExpirySweeper(
    ReservationDesk desk, TenantRegistry registry, TimeProvider clock, IConfiguration configuration, ILogger<ReservationExpirySweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(configuration.GetValue("Catalog:SweepSeconds", 30.0)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            IReadOnlyList<TenantId> cooperatives;
            try
            {
                cooperatives = await registry.ListAsync(stoppingToken);
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
