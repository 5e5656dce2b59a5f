using Marketplace.Contracts;
using Marketplace.Payments.StripeApi;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Payments.Orders;

/// <summary>
/// Every Payments:Stripe:PollSeconds: polls Stripe for the payments still pending and the accounts still onboarding (the
/// webhook that never came), and announces authorisations about to lapse (rows and TimeProvider, as Catalog's hold
/// sweeper, ADR 25). A tick visits the cooperatives where this process opened a payment or has one pending; the full
/// sweeps of every <see cref="CooperativeSweeper"/> find the rest.
/// </summary>
internal sealed class PaymentSweeper(
    PaymentDesk desk, TenantRegistry registry, CooperativeReadiness readiness, CooperativeActivity activity, MarketplaceSettings settings, StripeSettings stripe, TimeProvider clock,
    ILogger<PaymentSweeper> logger) : CooperativeSweeper("Payments", registry, readiness, settings, clock, logger)
{
    protected override TimeSpan Tick => stripe.PollEvery;

    protected override IReadOnlyList<TenantId> Due(DateTimeOffset now) => activity.ActiveSince(now - (4 * stripe.PollEvery));

    protected override Task<int> SweepDueAsync(TenantId coop, CancellationToken cancellationToken) => desk.SweepAsync(coop, cancellationToken);
}
