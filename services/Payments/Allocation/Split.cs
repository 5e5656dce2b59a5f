using Marketplace.Contracts;
using Marketplace.Payments.FeePolicies;

namespace Marketplace.Payments.Allocation;

/// <summary>A sub-order its shop accepted, as the capture knows it: its subtotal (VAT and any delivery fee included) and the VAT inside it.</summary>
public sealed record AcceptedShare(Guid ShopId, Money Subtotal, Money VatIncluded);

/// <summary>
/// One shop's part of a capture, frozen with the policy version that priced it: Fee (VAT included, FeeVat of it) goes to
/// the cooperative, Transfer to the shop, and Fee + Transfer = Subtotal to the cent.
/// </summary>
public sealed record CaptureLine(Guid ShopId, Money Subtotal, Money FeeBase, Money Fee, Money FeeVat, Money Transfer, int PolicyVersion, FeeTerms Terms, Guid? ProposalId = null);

/// <summary>
/// One shop's part of a refund: Amount goes back to the customer, FeeRefunded (FeeVatRefunded of it) comes back from
/// the cooperative and TransferReversed from the shop; FeeRefunded + TransferReversed = Amount to the cent.
/// </summary>
public sealed record RefundLine(Guid ShopId, Money Amount, Money FeeRefunded, Money FeeVatRefunded, Money TransferReversed);

/// <summary>
/// The split of a payment between the shops and the cooperative, and of a refund back across the same parts, always
/// through <see cref="Allocator"/>: nothing is rounded anywhere else, so every split adds up to its whole.
/// </summary>
public static class Split
{
    /// <summary>
    /// Each accepted sub-order's subtotal split into the fee (the policy's rate of the sub-order's base, with or without
    /// VAT as the policy says) and the shop's transfer; then the fee into its net and its VAT. The fee of a shop depends
    /// on its own sub-order only, never on what else was in the basket; Σ fees + Σ transfers = Σ subtotals = the capture.
    /// </summary>
    public static IReadOnlyList<CaptureLine> ForCapture(FeePolicyVersion policy, IReadOnlyList<AcceptedShare> accepted)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(accepted);
        var terms = policy.Terms;
        var currency = SameCurrency(accepted.SelectMany(a => new[] { a.Subtotal, a.VatIncluded }));
        return [.. accepted.Select(share =>
        {
            var subtotal = share.Subtotal.Minor;
            var vat = share.VatIncluded.Minor;
            if (subtotal < 0 || vat < 0 || vat > subtotal)
            {
                throw new ArgumentException($"Shop {share.ShopId}: a subtotal is zero or more and includes at most itself in VAT.", nameof(accepted));
            }

            var feeBase = terms.FeeBase == FeeBases.IncludingVat ? subtotal : subtotal - vat;
            // Exact fee = base × rate / 10,000: the weights are the fee's and the transfer's shares of subtotal × 10,000.
            var feeWeight = feeBase * terms.FeeRate;
            var parts = Allocator.Split(subtotal, [feeWeight, (subtotal * FeeTerms.MaxBasisPoints) - feeWeight]);
            var fee = parts[0];
            // The fee includes its VAT: net and VAT in the ratio 10,000 : rate.
            var feeVat = Allocator.Split(fee, [FeeTerms.MaxBasisPoints, terms.FeeVatRate])[1];
            return new CaptureLine(
                share.ShopId,
                share.Subtotal,
                new Money(feeBase, currency),
                new Money(fee, currency),
                new Money(feeVat, currency),
                new Money(parts[1], currency),
                policy.Version,
                terms,
                policy.ProposalId);
        })];
    }

    /// <summary>
    /// A refund of <paramref name="amount"/> taken from the given capture lines (what is left of them) in proportion to
    /// each one's fee and transfer: the cooperative gives back its share of the fee (with its VAT in the same ratio) and
    /// each shop its share of its transfer. The whole of a line refunded gives back exactly its fee and its transfer.
    /// </summary>
    public static IReadOnlyList<RefundLine> ForRefund(IReadOnlyList<CaptureLine> lines, Money amount)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var currency = SameCurrency(lines.SelectMany(l => new[] { l.Fee, l.Transfer }).Append(amount));
        var refundable = lines.Sum(l => l.Fee.Minor + l.Transfer.Minor);
        if (amount.Minor < 0 || amount.Minor > refundable)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount.Minor, $"A refund is zero or more and at most what these lines captured ({refundable}).");
        }

        var parts = Allocator.Split(amount.Minor, [.. lines.SelectMany(l => new[] { l.Fee.Minor, l.Transfer.Minor })]);
        return [.. lines.Select((line, i) =>
        {
            var fee = parts[2 * i];
            var transfer = parts[(2 * i) + 1];
            var feeVat = Allocator.Split(fee, [line.Fee.Minor - line.FeeVat.Minor, line.FeeVat.Minor])[1];
            return new RefundLine(line.ShopId, new Money(fee + transfer, currency), new Money(fee, currency), new Money(feeVat, currency), new Money(transfer, currency));
        })];
    }

    private static string SameCurrency(IEnumerable<Money> amounts)
    {
        var currencies = amounts.Select(m => m.Currency).Distinct(StringComparer.Ordinal).ToList();
        return currencies.Count switch
        {
            0 => "EUR",
            1 => currencies[0],
            _ => throw new ArgumentException($"One payment is in one currency, not {string.Join(", ", currencies)}."),
        };
    }
}
