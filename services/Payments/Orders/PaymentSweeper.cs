using Marketplace.Contracts;
using Marketplace.Payments.StripeApi;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Payments.Orders;

/// <summary>
/// Every Payments:Stripe:PollSeconds: polls Stripe for the payments still pending and the accounts still onboarding (the
/// webhook that never came), and announces authorisations about to lapse (rows and TimeProvider, as Catalog's hold
/// sweeper, ADR 25). A tick visits the cooperatives where this process opened a payment or has one pending; every
/// registered cooperative it has prepared at start-up and every Marketplace:RelaySweepInterval.
/// </summary>
internal sealed partial class PaymentSweeper(
    PaymentDesk desk, TenantRegistry registry, CooperativeReadiness readiness, CooperativeActivity activity, MarketplaceSettings settings, StripeSettings stripe, TimeProvider clock,
    ILogger<PaymentSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(stripe.PollEvery, clock);
        var nextFullSweep = clock.GetUtcNow();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = clock.GetUtcNow();
            IReadOnlyList<TenantId> cooperatives;
            try
            {
                cooperatives = now >= nextFullSweep ? readiness.Prepared(await registry.ListAsync(stoppingToken)) : activity.ActiveSince(now - (4 * stripe.PollEvery));
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

            foreach (var coop in cooperatives)
            {
                try
                {
                    await desk.SweepAsync(coop, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSweepFailed(e, coop.Value);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Payments sweep failed in {Tenant}; next tick retries")]
    private partial void LogSweepFailed(Exception exception, string tenant);
}
