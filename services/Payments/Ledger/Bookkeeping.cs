using Marketplace.Contracts;
using Marketplace.Payments.Invoicing;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Payments.Ledger;

/// <summary>
/// The books' periodic work, apart from the payments sweeper so that it never delays a payment: every
/// <see cref="Every"/> (the first pass <see cref="Every"/> after start, not while a restarted service catches up), each
/// prepared cooperative in turn gets the commission documents of the month just ended and the reconciliation of the
/// day just ended, each once (a process remembers what it finished; the database says what another process did).
/// </summary>
internal sealed partial class Bookkeeping(
    CommissionInvoicing invoicing, NightlyReconciliation reconciliation, TenantRegistry registry, CooperativeReadiness readiness, TimeProvider clock,
    ILogger<Bookkeeping> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            IReadOnlyList<TenantId> cooperatives;
            try
            {
                cooperatives = readiness.Prepared(await registry.ListAsync(stoppingToken));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(e, "registry");
                continue;
            }

            foreach (var coop in cooperatives)
            {
                try
                {
                    await invoicing.IssueDueAsync(coop, stoppingToken);
                    await reconciliation.RunDueAsync(coop, stoppingToken);
                    await readiness.ReleaseIdleConnectionsAsync(coop); // a pass over every cooperative keeps no quiet one's connection
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(e, coop.Value);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Bookkeeping pass failed in {Tenant}; the next pass retries")]
    private partial void LogFailed(Exception exception, string tenant);
}
