using CsCheck;
using Marketplace.Contracts;
using Marketplace.Payments.Allocation;
using Marketplace.Payments.FeePolicies;
using Marketplace.Payments.Ledger;
using Marketplace.Payments.Orders;

namespace Marketplace.UnitTests.Payments;

/// <summary>
/// Stripe's fee on refunds when the cooperative's terms put it on the shop (ADR 36): a shop's sub-order refunded piece by
/// piece over the split's generated orders (10,000 cases, counted) never has more taken back than is left of its
/// transfer, is never charged more than its share of Stripe's fee, and once refunded to the end has given back exactly
/// what it received; with the cooperative bearing the fee, nothing is charged.
/// </summary>
public sealed class RefundFeeTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_sub_order_refunded_piece_by_piece_charges_the_shop_its_share_of_Stripes_fee_within_its_transfer() =>
        SplitPropertyTests.Check(
            Gen.Select(SplitPropertyTests.Orders, Gen.Bool, Gen.Int[0, 200], Gen.Double[0, 1].Array[1, 4], Gen.Int[0, 1_000]),
            c =>
            {
                var (order, shopBears, feePerMille, cuts, pick) = c;
                var bearer = shopBears ? StripeRefundFeeBearers.Shop : StripeRefundFeeBearers.Cooperative;
                var lines = Split.ForCapture(order.Policy with { Terms = order.Policy.Terms with { StripeRefundFeeBorneBy = bearer } }, order.Accepted);
                var total = lines.Sum(l => l.Subtotal.Minor);
                var stripeFee = Math.Min(total, (total * feePerMille / 10_000) + 25);
                var index = pick % lines.Count;
                var line = lines[index];
                var payment = Captured(lines, total, stripeFee);
                var shopShare = total == 0 ? 0 : Allocator.Split(stripeFee, [.. lines.Select(l => l.Subtotal.Minor)])[index];

                // Refunds of growing fractions of the line, then the rest of it
                var refundable = line.Subtotal.Minor;
                var amounts = cuts.Order().Select(f => (long)Math.Floor(refundable * f)).Append(refundable).ToList();
                long before = 0, reversed = 0, recharged = 0;
                foreach (var through in amounts.Where(a => a > 0))
                {
                    var amount = through - before;
                    if (amount <= 0)
                    {
                        continue;
                    }

                    var refund = Split.ForRefund([payment.LeftOf(line.ShopId)!], new Money(amount, "EUR"))[0];
                    var taken = payment.ReversalFor(refund);
                    Assert.InRange(taken.Reversal, 0, line.Transfer.Minor - reversed);
                    Assert.Equal(taken.Reversal, refund.TransferReversed.Minor + taken.Recharge);
                    Assert.InRange(Math.Abs(taken.Vat), 0, Math.Abs(taken.Recharge));
                    Assert.True(taken.Vat == 0 || Math.Sign(taken.Vat) == Math.Sign(taken.Recharge), taken.ToString());

                    var made = new PaymentRefundMade(payment.Id, Guid.NewGuid(), refund, "re_" + through, taken.Reversal > 0 ? "trr_" + through : null, At, taken.Recharge, taken.Vat);
                    var postings = LedgerPostings.Of(made);
                    Assert.All(postings.GroupBy(p => (p.Kind, p.ShopId)), entry => Assert.Equal(entry.Sum(p => p.Debit), entry.Sum(p => p.Credit)));
                    Assert.Equal(0, postings.Where(p => p.Account == LedgerAccounts.ShopPayable).Sum(p => p.Credit - p.Debit));

                    payment = Payment.Fold(payment, made)!;
                    (before, reversed, recharged) = (through, reversed + taken.Reversal, recharged + taken.Recharge);
                    Assert.InRange(recharged, 0, shopBears ? shopShare : 0);
                }

                // Refunded to the end: the shop gave back exactly its transfer, and so bears none of Stripe's fee
                Assert.Equal(line.Transfer.Minor, reversed);
                Assert.Equal(0, recharged);
            });

    [Fact]
    public void Half_a_sub_order_refunded_takes_half_of_Stripes_fee_from_the_shop_and_the_rest_refunded_gives_it_back()
    {
        // One shop: 1,200 captured, fee 57 and transfer 1,143 (5 % without the 62 of VAT); Stripe kept 43 on the charge
        var lines = Split.ForCapture(
            new FeePolicyVersion(1, At, FeeTerms.Default with { StripeRefundFeeBorneBy = StripeRefundFeeBearers.Shop }, null),
            [new AcceptedShare(Guid.NewGuid(), new Money(1_200, "EUR"), new Money(62, "EUR"))]);
        var payment = Captured(lines, 1_200, 43);
        var shop = lines[0].ShopId;

        // 600 back: 572 of the shop's part and 22 of Stripe's 43 (21.5, the tie to the first part), 4 of it VAT at 20 %
        var half = Split.ForRefund([payment.LeftOf(shop)!], new Money(600, "EUR"))[0];
        Assert.Equal(new RefundReversal(594, 22, 4), payment.ReversalFor(half));
        payment = Payment.Fold(payment, new PaymentRefundMade(payment.Id, Guid.NewGuid(), half, "re_1", "trr_1", At, 22, 4))!;

        // The other 600: its own part is 571 but only 549 is left at Stripe; the 22 charged comes back to the shop
        var rest = Split.ForRefund([payment.LeftOf(shop)!], new Money(600, "EUR"))[0];
        Assert.Equal(new RefundReversal(549, -22, -4), payment.ReversalFor(rest));
    }

    private static Payment Captured(IReadOnlyList<CaptureLine> lines, long total, long stripeFee)
    {
        var id = Guid.NewGuid();
        var eur = new Money(total, "EUR");
        var shares = lines.Select(l => new PaymentShare(l.ShopId, l.Subtotal, new Money(0, "EUR"))).ToList();
        var opened = Payment.Fold(null, new PaymentOpened(id, Guid.NewGuid(), eur, At, At.AddHours(1), shares, "pi_1", "secret", At, At));
        var transfers = lines.Where(l => l.Transfer.Minor > 0).Select(l => new ShopTransfer(l.ShopId, "acct", "tr_" + l.ShopId, l.Transfer)).ToList();
        return Payment.Fold(opened, new PaymentCaptureMade(id, eur, lines, transfers, At, stripeFee, "ch_1"))!;
    }
}
