using Marketplace.Contracts;
using Marketplace.Payments.Allocation;
using Marketplace.Payments.Invoicing;
using Marketplace.Payments.StripeApi;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Stripe;
using Ordering = Marketplace.Contracts.Ordering;

namespace Marketplace.Payments.Orders;

/// <summary>
/// Money back for part of a captured order: the refund (key refund:{refundId}) taken from what is left of the shop's
/// line with Split.ForRefund — the shop's transfer reversed by its share (key refund:{refundId}:reversal), and by its
/// share of Stripe's fee when the shop bears it (RefundFee), the cooperative's fee by the rest — then RefundCompleted; a refusal by Stripe (or an amount beyond what is left): RefundFailed.
/// </summary>
[ConsumerName("payments-refund")]
internal sealed class RefundPayment(CooperativeSessions sessions, PaymentsStripe stripe, TimeProvider clock, ILogger<RefundPayment> logger)
    : CooperativeConsumer<Ordering.RefundRequested>(sessions, clock, logger)
{
    private readonly TimeProvider _clock = clock;

    protected override async Task Handle(Ordering.RefundRequested message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Payment>(message.OrderId, cancellationToken);
        var payment = stream.Aggregate ?? throw new NotReadyYetException($"Order {message.OrderId}'s payment is not known yet: retried later.");
        if (payment.HasAnswered(message.RefundId))
        {
            return;
        }

        if (payment.Status != PaymentStatuses.Captured)
        {
            throw new NotReadyYetException($"Order {message.OrderId}'s payment is not captured yet: retried later.");
        }

        var left = payment.LeftOf(message.ShopId);
        if (left is null || message.Amount.Minor <= 0 || message.Amount.Currency != left.Fee.Currency || message.Amount.Minor > left.Fee.Minor + left.Transfer.Minor)
        {
            stream.AppendOne(new PaymentRefundRefused(payment.Id, message.RefundId, message.ShopId, "amount_too_large", _clock.GetUtcNow()));
            return;
        }

        var line = Split.ForRefund([left], message.Amount)[0];
        try
        {
            var refund = await stripe.RefundAsync(tenant, message.RefundId, payment.Id, payment.IntentId!, line.Amount.Minor, cancellationToken);
            var taken = payment.ReversalFor(line);
            string? reversal = null;
            if (taken.Reversal > 0 && payment.Transfers.FirstOrDefault(t => t.ShopId == message.ShopId) is { } transfer)
            {
                reversal = (await stripe.ReverseAsync(message.RefundId, transfer.TransferId, taken.Reversal, cancellationToken)).Id;
            }

            var now = _clock.GetUtcNow();
            stream.AppendOne(new PaymentRefundMade(payment.Id, message.RefundId, line, refund.Id, reversal, now, taken.Recharge, taken.Vat));
            if (payment.ReceiptOf(message.ShopId) is { } receipt)
            {
                // The receipt never changes: the refund is its credit note, numbered in the shop's credit notes' series.
                stream.AppendOne(new DocumentIssued(Guid.CreateVersion7(now), Documents.CreditNote(receipt.Content, receipt.DocumentId, line.Amount.Minor), now));
            }
        }
        catch (StripeException e) when (e.HttpStatusCode is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.PaymentRequired)
        {
            stream.AppendOne(new PaymentRefundRefused(payment.Id, message.RefundId, message.ShopId, e.StripeError?.Code ?? "refund_refused", _clock.GetUtcNow()));
        }
    }
}
