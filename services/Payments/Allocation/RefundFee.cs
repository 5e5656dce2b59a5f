using Marketplace.Payments.FeePolicies;

namespace Marketplace.Payments.Allocation;

/// <summary>
/// What a refund takes back from the shop's transfer: Reversal in all, of which Recharge (VAT included, Vat of it) is
/// the shop's share of the fee Stripe kept on the charge — Stripe does not give its fee back when a payment is refunded.
/// A negative Recharge gives back what earlier refunds took, when the transfer left cannot cover the refund's own part.
/// </summary>
public sealed record RefundReversal(long Reversal, long Recharge, long Vat);

/// <summary>Who bears Stripe's fee on a refund (ADR 36): the cooperative, or the shop when its terms say so.</summary>
public static class RefundFee
{
    /// <summary>
    /// The shop's part of Stripe's fee is the fee split over the capture's lines by subtotal, then the part of it for
    /// what has been refunded of the shop's line so far (this refund included), less what earlier refunds recharged: so
    /// rounding never adds up beyond the fee, whatever the number of refunds. It is taken from the shop's transfer as
    /// far as what is left of it at Stripe allows, after the refund's own part (<paramref name="reversed"/>): a
    /// sub-order refunded to the end gives back exactly what its shop received, so the cooperative bears the fee then.
    /// </summary>
    public static RefundReversal Of(
        IReadOnlyList<CaptureLine> lines, long stripeFee, Guid shopId, long refundedThrough, long rechargedBefore, long reversed, long transferLeftAtStripe)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var index = lines.ToList().FindIndex(l => l.ShopId == shopId);
        var recharge = 0L;
        if (index >= 0 && lines[index].Terms?.StripeRefundFeeBorneBy == StripeRefundFeeBearers.Shop && stripeFee > 0 && lines[index].Subtotal.Minor > 0)
        {
            var line = lines[index];
            var shopFee = Allocator.Split(stripeFee, [.. lines.Select(l => l.Subtotal.Minor)])[index];
            var refunded = Math.Clamp(refundedThrough, 0, line.Subtotal.Minor);
            recharge = Allocator.Split(shopFee, [refunded, line.Subtotal.Minor - refunded])[0] - rechargedBefore;
        }

        var reversal = Math.Max(0, Math.Min(reversed + recharge, transferLeftAtStripe));
        recharge = reversal - reversed;
        var vatRate = index >= 0 ? lines[index].Terms?.FeeVatRate ?? 0 : 0;
        var vat = Math.Sign(recharge) * Allocator.Split(Math.Abs(recharge), [FeeTerms.MaxBasisPoints, vatRate])[1];
        return new RefundReversal(reversal, recharge, vat);
    }
}
