using Marketplace.Contracts;
using Marketplace.Payments.Shops;
using Marketplace.Payments.StripeApi;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Payments.Orders;

/// <summary>
/// Brings a payment or a shop's account up to what Stripe says now: called by a verified webhook (its event id recorded
/// with the change, so a repeated event changes nothing) and by the sweeper's polls (for the webhook that never came).
/// Stripe is asked for the object's current state, so events may come in any order.
/// </summary>
public sealed class PaymentDesk(CooperativeSessions sessions, PaymentsStripe stripe, CooperativeActivity activity, TimeProvider clock)
{
    public async Task ObservePaymentAsync(TenantId coop, Guid orderId, string? eventId, CancellationToken cancellationToken)
    {
        await using (var query = sessions.QuerySession(coop))
        {
            if (await query.LoadAsync<Payment>(orderId, cancellationToken) is not { IntentId: { } intentId, IsPending: true })
            {
                return;
            }

            var intent = PaymentsStripe.StateOf(await stripe.GetIntentAsync(intentId, cancellationToken));
            await DecideAsync<Payment>(coop, orderId, eventId, payment => PaymentDecisions.Observe(payment, intent, stripe.Settings.AuthorisationLifetime, clock.GetUtcNow()), cancellationToken);
        }
    }

    public async Task ObserveShopAsync(TenantId coop, Guid shopId, string? eventId, CancellationToken cancellationToken)
    {
        await using var query = sessions.QuerySession(coop);
        if (await query.LoadAsync<ShopPayouts>(shopId, cancellationToken) is not { AccountId: { } accountId })
        {
            return;
        }

        var can = PaymentsStripe.CanReceiveTransfers(await stripe.GetAccountAsync(accountId, cancellationToken));
        await DecideAsync<ShopPayouts>(coop, shopId, eventId, shop => ShopPayouts.Observe(shop, can, clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>One pass of the sweeper in a cooperative: pending payments and onboarding accounts polled, lapsing authorisations announced.</summary>
    public async Task<int> SweepAsync(TenantId coop, CancellationToken cancellationToken)
    {
        List<Payment> open;
        List<ShopPayouts> onboarding;
        await using (var query = sessions.QuerySession(coop))
        {
            open = [.. await query.Query<Payment>().Where(p => p.Status == PaymentStatuses.Pending || (p.Status == PaymentStatuses.Authorised && !p.LapsingNoticed)).ToListAsync(cancellationToken)];
            onboarding = [.. await query.Query<ShopPayouts>().Where(s => s.AccountId != null && !s.CanReceiveTransfers).ToListAsync(cancellationToken)];
        }

        foreach (var payment in open)
        {
            if (payment.IsPending)
            {
                await ObservePaymentAsync(coop, payment.Id, null, cancellationToken);
            }
            else
            {
                await DecideAsync<Payment>(coop, payment.Id, null, p => PaymentDecisions.WatchLapse(p, stripe.Settings.LapsingNotice, clock.GetUtcNow()), cancellationToken);
            }
        }

        foreach (var shop in onboarding)
        {
            await ObserveShopAsync(coop, shop.Id, null, cancellationToken);
        }

        if (open.Count > 0 || onboarding.Count > 0)
        {
            // Still something to come back for.
            activity.Touched(coop);
        }

        return open.Count + onboarding.Count;
    }

    private Task<bool> DecideAsync<T>(TenantId coop, Guid id, string? eventId, Func<T, Decision> decide, CancellationToken cancellationToken)
        where T : class, IEventSourced<T> =>
        ConcurrencyRetry.RetryAsync(coop.Value, id, async () =>
        {
            await using var session = sessions.OpenSession(coop);
            var key = eventId is null ? null : $"stripe-event:{eventId}";
            if (key is not null && await session.LoadAsync<ProcessedMessage>(key, cancellationToken) is not null)
            {
                return false;
            }

            var stream = await session.Events.FetchForWriting<T>(id, cancellationToken);
            if (stream.Aggregate is not { } state)
            {
                return false;
            }

            var decision = decide(state);
            stream.AppendMany(decision.Events);
            if (key is not null)
            {
                session.Insert(new ProcessedMessage(key, "stripe-event", clock.GetUtcNow()));
            }

            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (key is not null && (e is JasperFx.DocumentAlreadyExistsException || StoreFailures.IsUniqueViolation(e)))
            {
                // The same Stripe event handled at this very moment by another request (Stripe's delivery and its
                // retry, or a replica): that one counted it; this one answers as for a duplicate.
                return false;
            }

            return decision.Events.Count > 0;
        }, cancellationToken);
}
