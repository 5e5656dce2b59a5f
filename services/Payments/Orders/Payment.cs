using Marketplace.Contracts;
using Marketplace.Payments.Allocation;
using Marketplace.Payments.Invoicing;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Payments.Orders;

/// <summary>Where an order's payment stands.</summary>
public static class PaymentStatuses
{
    /// <summary>The PaymentIntent exists; the customer has not paid yet.</summary>
    public const string Pending = "pending";
    public const string Authorised = "authorised";
    public const string Failed = "failed";
    public const string Captured = "captured";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// A shop's sub-order as the payment knows it: its subtotal and the VAT inside it (for a fee computed without VAT), and
/// its lines and delivery fee for the shop's receipt (absent from payments opened before receipts were issued).
/// </summary>
public sealed record PaymentShare(Guid ShopId, Money Subtotal, Money VatIncluded, IReadOnlyList<DocumentLine>? Lines = null, long DeliveryFee = 0);

/// <summary>One transfer made to a shop for a capture.</summary>
public sealed record ShopTransfer(Guid ShopId, string AccountId, string TransferId, Money Amount);

// The payment's stream (id = the order id). Each fact comes from Stripe's answer, never from a webhook's body alone.
public sealed record PaymentOpened(
    Guid OrderId, Guid CustomerAccountId, Money Total, DateTimeOffset PlacedAt, DateTimeOffset PayBy, IReadOnlyList<PaymentShare> Shares,
    string IntentId, string ClientSecret, DateTimeOffset IntentCreated, DateTimeOffset At);

public sealed record PaymentAuthorisationConfirmed(Guid OrderId, Money Amount, DateTimeOffset AuthorisedAt, DateTimeOffset CaptureBefore);

public sealed record PaymentDeclined(Guid OrderId, string Reason, DateTimeOffset At);

public sealed record PaymentLapsingNoticed(Guid OrderId, DateTimeOffset CaptureBefore, DateTimeOffset At);

/// <summary>
/// Amount captured and split: every commission line frozen with the policy version that priced it, and the transfers
/// made; StripeFee is what Stripe kept of the charge (its balance transaction's fee), ChargeId the charge.
/// </summary>
public sealed record PaymentCaptureMade(
    Guid OrderId, Money Amount, IReadOnlyList<CaptureLine> Lines, IReadOnlyList<ShopTransfer> Transfers, DateTimeOffset CapturedAt, long StripeFee = 0, string? ChargeId = null);

public sealed record PaymentVoided(Guid OrderId, DateTimeOffset At);

/// <summary>
/// Part of a shop's sub-order went back to the customer: its transfer and the cooperative's fee reversed in proportion
/// (Split.ForRefund). StripeFeeRecharged (VAT included, StripeFeeRechargedVat of it) is the shop's share of Stripe's fee
/// taken back with the reversal when the cooperative's terms say the shop bears it (RefundFee); the reversal at Stripe
/// is Line.TransferReversed + StripeFeeRecharged.
/// </summary>
public sealed record PaymentRefundMade(
    Guid OrderId, Guid RefundId, RefundLine Line, string StripeRefundId, string? ReversalId, DateTimeOffset At, long StripeFeeRecharged = 0, long StripeFeeRechargedVat = 0)
{
    public long Reversal => Line.TransferReversed.Minor + StripeFeeRecharged;
}

/// <summary>Stripe refused the refund (its code): an admin looks at it. A refund asked again under the same id is not retried.</summary>
public sealed record PaymentRefundRefused(Guid OrderId, Guid RefundId, Guid ShopId, string Reason, DateTimeOffset At);

/// <summary>The order ended before its payment was asked for (e.g. stock short): a payment asked for later is not opened.</summary>
public sealed record PaymentClosedUnopened(Guid OrderId, DateTimeOffset At);

/// <summary>An order's payment: one PaymentIntent with manual capture, transfer_group = the order (ADR 27, ADR 34).</summary>
public sealed record Payment(
    Guid Id,
    string Status,
    Guid CustomerAccountId,
    Money Total,
    DateTimeOffset PlacedAt,
    DateTimeOffset PayBy,
    IReadOnlyList<PaymentShare> Shares,
    string? IntentId,
    string? ClientSecret,
    DateTimeOffset? IntentCreated,
    DateTimeOffset? AuthorisedAt,
    DateTimeOffset? CaptureBefore,
    bool LapsingNoticed,
    string? FailureReason,
    Money? Captured,
    IReadOnlyList<CaptureLine> Lines,
    IReadOnlyList<ShopTransfer> Transfers,
    DateTimeOffset? EndedAt,
    IReadOnlyList<PaymentRefundMade>? Refunds = null,
    IReadOnlyList<Guid>? RefusedRefunds = null,
    IReadOnlyList<DocumentIssued>? Documents = null,
    long StripeFee = 0) : IEventSourced<Payment>
{
    public static Payment? Fold(Payment? state, object change) => (state, change) switch
    {
        (null, PaymentOpened e) => new Payment(
            e.OrderId, PaymentStatuses.Pending, e.CustomerAccountId, e.Total, e.PlacedAt, e.PayBy, e.Shares, e.IntentId, e.ClientSecret, e.IntentCreated,
            null, null, false, null, null, [], [], null),
        (null, PaymentClosedUnopened e) => new Payment(
            e.OrderId, PaymentStatuses.Cancelled, Guid.Empty, new Money(0, "EUR"), e.At, e.At, [], null, null, null, null, null, false, null, null, [], [], e.At),
        ({ } s, PaymentAuthorisationConfirmed e) => s with { Status = PaymentStatuses.Authorised, AuthorisedAt = e.AuthorisedAt, CaptureBefore = e.CaptureBefore },
        ({ } s, PaymentDeclined e) => s with { Status = PaymentStatuses.Failed, FailureReason = e.Reason, EndedAt = e.At },
        ({ } s, PaymentLapsingNoticed) => s with { LapsingNoticed = true },
        ({ } s, PaymentCaptureMade e) => s with { Status = PaymentStatuses.Captured, Captured = e.Amount, Lines = e.Lines, Transfers = e.Transfers, EndedAt = e.CapturedAt, StripeFee = e.StripeFee },
        ({ } s, PaymentVoided e) => s with { Status = PaymentStatuses.Cancelled, EndedAt = e.At },
        ({ } s, PaymentRefundMade e) => s with { Refunds = [.. s.Refunds ?? [], e] },
        ({ } s, PaymentRefundRefused e) => s with { RefusedRefunds = [.. s.RefusedRefunds ?? [], e.RefundId] },
        ({ } s, DocumentIssued e) => s with { Documents = [.. s.Documents ?? [], e] },
        _ => state,
    };

    /// <summary>Whether this refund id was already answered (made or refused).</summary>
    public bool HasAnswered(Guid refundId) => (Refunds ?? []).Any(r => r.RefundId == refundId) || (RefusedRefunds ?? []).Contains(refundId);

    /// <summary>What is left of a shop's capture line after the refunds made so far (fee and transfer), or null if the shop had none.</summary>
    public CaptureLine? LeftOf(Guid shopId)
    {
        if (Lines.FirstOrDefault(l => l.ShopId == shopId) is not { } line)
        {
            return null;
        }

        var refunded = (Refunds ?? []).Where(r => r.Line.ShopId == shopId).ToList();
        var currency = line.Fee.Currency;
        return line with
        {
            Fee = new Money(line.Fee.Minor - refunded.Sum(r => r.Line.FeeRefunded.Minor), currency),
            FeeVat = new Money(line.FeeVat.Minor - refunded.Sum(r => r.Line.FeeVatRefunded.Minor), currency),
            Transfer = new Money(line.Transfer.Minor - refunded.Sum(r => r.Line.TransferReversed.Minor), currency),
        };
    }

    /// <summary>What a refund of the shop's sub-order takes back from its transfer, its share of Stripe's fee included (RefundFee).</summary>
    public RefundReversal ReversalFor(RefundLine refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        if (Transfers.FirstOrDefault(t => t.ShopId == refund.ShopId) is not { } transfer)
        {
            return new RefundReversal(refund.TransferReversed.Minor, 0, 0); // nothing was transferred: nothing to take back at Stripe
        }

        var before = (Refunds ?? []).Where(r => r.Line.ShopId == refund.ShopId).ToList();
        return RefundFee.Of(
            Lines, StripeFee, refund.ShopId, before.Sum(r => r.Line.Amount.Minor) + refund.Amount.Minor, before.Sum(r => r.StripeFeeRecharged),
            refund.TransferReversed.Minor, transfer.Amount.Minor - before.Sum(r => r.Reversal));
    }

    /// <summary>The shop's receipt for this order, once captured.</summary>
    public DocumentIssued? ReceiptOf(Guid shopId) => (Documents ?? []).FirstOrDefault(d => d.Content.Kind == DocumentKinds.Receipt && d.Content.ShopId == shopId);

    /// <summary>Still waiting for the customer (the sweeper polls Stripe for these).</summary>
    public bool IsPending => Status == PaymentStatuses.Pending;

    /// <summary>Authorised or pending: an authorisation that can still be cancelled or captured.</summary>
    public bool IsOpen => Status is PaymentStatuses.Pending or PaymentStatuses.Authorised;
}

/// <summary>What Stripe says of the PaymentIntent now, as much as the payment's decisions need.</summary>
public sealed record IntentState(string Status, long AmountCapturable, string? ErrorCode, DateTimeOffset Created);

/// <summary>The payment's decisions: each from the state it has and what Stripe says now, so webhooks and polls may come in any order, any number of times.</summary>
public static class PaymentDecisions
{
    /// <summary>The PaymentIntent's state, as a webhook or a poll brings it: authorised, or failed, once.</summary>
    public static Decision Observe(Payment payment, IntentState intent, TimeSpan lifetime, DateTimeOffset now)
    {
        if (!payment.IsPending)
        {
            return Decision.Unchanged;
        }

        return intent.Status switch
        {
            "requires_capture" => Decision.To(new PaymentAuthorisationConfirmed(payment.Id, new Money(intent.AmountCapturable, payment.Total.Currency), now, intent.Created + lifetime)),
            "requires_payment_method" when intent.ErrorCode is { } code => Decision.To(new PaymentDeclined(payment.Id, code, now)),
            "canceled" => Decision.To(new PaymentDeclined(payment.Id, "canceled", now)),
            _ => Decision.Unchanged,
        };
    }

    /// <summary>Shortly before CaptureBefore, an authorisation no capture instruction came for is announced as lapsing, once.</summary>
    public static Decision WatchLapse(Payment payment, TimeSpan notice, DateTimeOffset now) =>
        payment is { Status: PaymentStatuses.Authorised, LapsingNoticed: false, CaptureBefore: { } before } && now >= before - notice
            ? Decision.To(new PaymentLapsingNoticed(payment.Id, before, now))
            : Decision.Unchanged;
}
