using Marketplace.Contracts;
using Marketplace.Payments.Allocation;
using Marketplace.Payments.FeePolicies;
using Marketplace.Payments.Invoicing;
using Marketplace.Payments.Shops;
using Marketplace.Payments.StripeApi;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Ordering = Marketplace.Contracts.Ordering;

namespace Marketplace.Payments.Orders;

/// <summary>
/// The order awaits payment: one PaymentIntent for the whole order, authorised only (capture_method manual,
/// transfer_group = the order, key order:{id}:authorise). A redelivery finds the payment opened and changes nothing;
/// a retry after a lost save gets the same PaymentIntent back from Stripe.
/// </summary>
[ConsumerName("payments-authorise")]
internal sealed class AuthorisePayment(CooperativeSessions sessions, PaymentsStripe stripe, CooperativeActivity activity, TimeProvider clock, ILogger<AuthorisePayment> logger)
    : CooperativeConsumer<Ordering.OrderAwaitingPayment>(sessions, clock, logger)
{
    private readonly TimeProvider _clock = clock;

    protected override Guid? StreamOf(Ordering.OrderAwaitingPayment message) => message.OrderId;

    protected override async Task Handle(Ordering.OrderAwaitingPayment message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Payment>(message.OrderId, cancellationToken);
        if (stream.Aggregate is not null)
        {
            return; // opened already, or the order ended before
        }

        var intent = await stripe.AuthoriseAsync(tenant, message.OrderId, message.Total, cancellationToken);
        var shares = message.SubOrders.Select(s => new PaymentShare(
            s.ShopId, s.Subtotal, new Money(VatIncluded(s), s.Subtotal.Currency),
            [.. s.Lines.Select(l => new DocumentLine(l.NameFr, l.NameEn, l.Quantity, l.UnitPrice.Minor, l.VatRate, l.UnitPrice.Minor * l.Quantity))],
            s.Fulfilment.DeliveryFee?.Minor ?? 0)).ToList();
        stream.AppendOne(new PaymentOpened(
            message.OrderId, message.CustomerAccountId, message.Total, message.PlacedAt, message.PayBy, shares, intent.Id, intent.ClientSecret,
            PaymentsStripe.StateOf(intent).Created, _clock.GetUtcNow()));
        activity.Touched(tenant);
    }

    /// <summary>The VAT inside a sub-order's lines (prices include VAT), each line's rounded to the cent; the delivery fee counts as without VAT.</summary>
    internal static long VatIncluded(Ordering.SubOrder subOrder) =>
        Math.Min(subOrder.Subtotal.Minor, subOrder.Lines.Sum(line =>
        {
            var gross = (decimal)line.UnitPrice.Minor * line.Quantity;
            return (long)Math.Round(gross * line.VatRate / (FeeTerms.MaxBasisPoints + line.VatRate), MidpointRounding.AwayFromZero);
        }));
}

/// <summary>
/// Every sub-order answered: capture what was accepted (key order:{id}:capture) and pay each accepted shop its subtotal
/// minus the fee of the policy in force when the order was placed (key order:{id}:shop:{shop}:transfer); nothing
/// accepted: the authorisation is cancelled. A redelivery after the capture changes nothing; one after a failure half-way
/// repeats the same calls under the same keys, which Stripe answers without paying twice.
/// </summary>
[ConsumerName("payments-capture")]
internal sealed class CapturePayment(CooperativeSessions sessions, PaymentsStripe stripe, TimeProvider clock, ILogger<CapturePayment> logger)
    : CooperativeConsumer<Ordering.OrderReadyToCapture>(sessions, clock, logger)
{
    private readonly TimeProvider _clock = clock;

    protected override Guid? StreamOf(Ordering.OrderReadyToCapture message) => message.OrderId;

    protected override async Task Handle(Ordering.OrderReadyToCapture message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Payment>(message.OrderId, cancellationToken);
        var payment = stream.Aggregate ?? throw new NotReadyYetException($"Order {message.OrderId}'s payment is not opened yet: retried later.");
        if (payment.IsPending && message.Amount.Minor > 0)
        {
            // The authorisation's webhook may still be on its way: Stripe says where the payment stands.
            var observed = PaymentDecisions.Observe(payment, PaymentsStripe.StateOf(await stripe.GetIntentAsync(payment.IntentId!, cancellationToken)), stripe.Settings.AuthorisationLifetime, _clock.GetUtcNow());
            stream.AppendMany(observed.Events);
            payment = EventSourced.Fold(payment, observed.Events)!;
        }

        if (!payment.IsOpen)
        {
            return; // captured, cancelled or failed already
        }

        if (message.Amount.Minor == 0)
        {
            await stripe.CancelAsync(payment.Id, payment.IntentId!, cancellationToken);
            stream.AppendOne(new PaymentVoided(payment.Id, _clock.GetUtcNow()));
            return;
        }

        if (payment.Status != PaymentStatuses.Authorised)
        {
            throw new NotReadyYetException($"Order {message.OrderId}'s payment is not authorised yet: retried later.");
        }

        var history = await session.LoadAsync<FeePolicyHistory>(FeePolicyHistory.StreamId, cancellationToken);
        var policy = FeePolicy.AtTime(FeePolicyHistory.Of(history), payment.PlacedAt);
        var accepted = message.Accepted.Select(a =>
        {
            var vat = payment.Shares.FirstOrDefault(s => s.ShopId == a.ShopId)?.VatIncluded.Minor ?? 0;
            return new AcceptedShare(a.ShopId, a.Subtotal, new Money(Math.Min(vat, a.Subtotal.Minor), a.Subtotal.Currency));
        }).ToList();
        var lines = Split.ForCapture(policy, accepted);

        var shops = new Dictionary<Guid, ShopPayouts?>();
        foreach (var line in lines)
        {
            var shop = shops[line.ShopId] = await session.LoadAsync<ShopPayouts>(line.ShopId, cancellationToken);
            if (line.Transfer.Minor > 0 && shop is not { AccountId: not null, CanReceiveTransfers: true })
            {
                throw new NotReadyYetException($"Shop {line.ShopId} cannot receive transfers yet: retried later, nothing captured.");
            }
        }

        var intent = await stripe.CaptureAsync(payment.Id, payment.IntentId!, message.Amount.Minor, cancellationToken);
        var transfers = new List<ShopTransfer>();
        foreach (var line in lines.Where(l => l.Transfer.Minor > 0))
        {
            var account = shops[line.ShopId]!.AccountId!;
            var transfer = await stripe.TransferAsync(tenant, payment.Id, line.ShopId, account, line.Transfer, intent.LatestChargeId, cancellationToken);
            transfers.Add(new ShopTransfer(line.ShopId, account, transfer.Id, line.Transfer));
        }

        var now = _clock.GetUtcNow();
        stream.AppendOne(new PaymentCaptureMade(
            payment.Id, new Money(intent.AmountReceived, message.Amount.Currency), lines, transfers, now, intent.LatestCharge?.BalanceTransaction?.Fee ?? 0, intent.LatestChargeId));
        // Each shop's receipt for what was captured of its sub-order, numbered in the shop's series as it is saved.
        foreach (var line in lines)
        {
            var share = payment.Shares.FirstOrDefault(s => s.ShopId == line.ShopId);
            stream.AppendOne(new DocumentIssued(
                Guid.CreateVersion7(now),
                Documents.Receipt(line, shops[line.ShopId]?.Name ?? string.Empty, payment.Id, payment.CustomerAccountId, share?.Lines, share?.DeliveryFee ?? 0, shops[line.ShopId]?.Address),
                now));
        }
    }
}

/// <summary>The order ended before capture: any authorisation is cancelled (key order:{id}:cancel) and nothing is charged.</summary>
[ConsumerName("payments-cancel")]
internal sealed class CancelPayment(CooperativeSessions sessions, PaymentsStripe stripe, TimeProvider clock, ILogger<CancelPayment> logger)
    : CooperativeConsumer<Ordering.OrderCancelled>(sessions, clock, logger)
{
    private readonly TimeProvider _clock = clock;

    protected override Guid? StreamOf(Ordering.OrderCancelled message) => message.OrderId;

    protected override async Task Handle(Ordering.OrderCancelled message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Payment>(message.OrderId, cancellationToken);
        switch (stream.Aggregate)
        {
            case null:
                stream.AppendOne(new PaymentClosedUnopened(message.OrderId, _clock.GetUtcNow()));
                break;
            case { IsOpen: true } payment:
                await stripe.CancelAsync(payment.Id, payment.IntentId!, cancellationToken);
                stream.AppendOne(new PaymentVoided(payment.Id, _clock.GetUtcNow()));
                break;
        }
    }
}

/// <summary>Catalog told a shop's profile: its owners (highest version kept) may connect its Stripe account.</summary>
[ConsumerName("payments-shop-profile")]
internal sealed class NoteShopProfile(CooperativeSessions sessions, TimeProvider clock, ILogger<NoteShopProfile> logger)
    : CooperativeConsumer<Marketplace.Contracts.Catalog.ShopProfileChanged>(sessions, clock, logger)
{
    protected override async Task Handle(Marketplace.Contracts.Catalog.ShopProfileChanged message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ShopPayouts>(message.ShopId, cancellationToken);
        stream.AppendMany(ShopPayouts.Note(stream.Aggregate, new ShopProfileNoted(message.ShopId, message.Version, message.Name, message.Owners, message.Address)).Events);
    }
}
