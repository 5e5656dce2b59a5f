using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering.Orders;

/// <summary>
/// Acts on orders whose deadline passed (unpaid in time → cancelled; shops that did not answer → withdrawn), every
/// Ordering:SweepSeconds (default 15), in every registered cooperative. The deadlines are rows (ADR 33), so a restart
/// loses none; several replicas may sweep at once, each decision fetches the order for writing and a passed step
/// changes nothing.
/// </summary>
internal sealed partial class OrderDeadlineSweeper(OrderDesk desk, TenantRegistry registry, IConfiguration configuration, TimeProvider clock, ILogger<OrderDeadlineSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(configuration.GetValue("Ordering:SweepSeconds", 15)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            IReadOnlyList<Marketplace.Contracts.TenantId> cooperatives;
            try
            {
                cooperatives = await registry.ListAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(e, "registry");
                continue;
            }

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
                    LogSweepFailed(e, coop.Value);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "{Count} order(s) past their deadline in {Tenant}")]
    private partial void LogSwept(int count, string tenant);

    [LoggerMessage(LogLevel.Warning, "Order deadline sweep failed in {Tenant}; next tick retries")]
    private partial void LogSweepFailed(Exception exception, string tenant);
}
