using CsCheck;
using Marketplace.Contracts;
using Marketplace.Payments.Allocation;
using Marketplace.Payments.Ledger;
using Marketplace.Payments.Orders;

namespace Marketplace.UnitTests.Payments;

/// <summary>
/// The ledger's postings of captures, transfers and refunds over the split's generated orders (10,000 cases, counted):
/// every entry balances for each shop, no posting is negative, and a shop's payable account is back to zero once it
/// is paid, and again after a refund that takes back its share.
/// </summary>
public sealed class LedgerPostingTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_capture_and_a_refund_post_balanced_entries_and_leave_nothing_owed() =>
        SplitPropertyTests.Check(Gen.Select(SplitPropertyTests.Orders, Gen.Double[0, 1], Gen.Int[0, 1_000], (order, fraction, pick) => (order, fraction, pick)), c =>
        {
            var lines = Split.ForCapture(c.order.Policy, c.order.Accepted);
            var transfers = lines.Where(l => l.Transfer.Minor > 0).Select(l => new ShopTransfer(l.ShopId, "acct", "tr_" + l.ShopId, l.Transfer)).ToList();
            var total = new Money(lines.Sum(l => l.Subtotal.Minor), "EUR");
            var stripeFee = (total.Minor * c.pick) / 100_000; // 0 to 1 % of the charge
            var capture = LedgerPostings.Of(new PaymentCaptureMade(Guid.NewGuid(), total, lines, transfers, At, stripeFee, "ch_1"));

            var line = lines[c.pick % lines.Count];
            var amount = (long)Math.Floor((line.Fee.Minor + line.Transfer.Minor) * c.fraction);
            var refundLine = Split.ForRefund([line], new Money(amount, "EUR"))[0];
            var refund = LedgerPostings.Of(new PaymentRefundMade(Guid.NewGuid(), Guid.NewGuid(), refundLine, "re_1", refundLine.TransferReversed.Minor > 0 ? "trr_1" : null, At));

            foreach (var postings in new[] { capture, refund })
            {
                Assert.All(postings, p => Assert.True(p.Debit >= 0 && p.Credit >= 0 && (p.Debit == 0 || p.Credit == 0), p.ToString()));
                Assert.All(postings.GroupBy(p => (p.Kind, p.ShopId)), entry => Assert.Equal(entry.Sum(p => p.Debit), entry.Sum(p => p.Credit)));
            }

            long Payable(IEnumerable<Posting> postings, Guid shop) => postings.Where(p => p.Account == LedgerAccounts.ShopPayable && p.ShopId == shop).Sum(p => p.Credit - p.Debit);
            Assert.All(lines, l => Assert.Equal(0, Payable(capture, l.ShopId)));
            Assert.Equal(0, Payable(refund, line.ShopId));
            Assert.Equal(total.Minor, capture.Where(p => p.Kind == LedgerKinds.Capture && p.Account == LedgerAccounts.StripeBalance).Sum(p => p.Debit));
            Assert.Equal(amount, refund.Where(p => p.Kind == LedgerKinds.Refund && p.Account == LedgerAccounts.StripeBalance).Sum(p => p.Credit));
            Assert.Equal(
                lines.Sum(l => l.Fee.Minor),
                capture.Where(p => p.Account is LedgerAccounts.Commission or LedgerAccounts.CommissionVat).Sum(p => p.Credit));
            // Stripe's fee is the cooperative's expense, out of its Stripe balance
            Assert.Equal(stripeFee, capture.Where(p => p.Account == LedgerAccounts.StripeFees).Sum(p => p.Debit - p.Credit));
            Assert.Equal(total.Minor - lines.Sum(l => l.Transfer.Minor) - stripeFee, capture.Where(p => p.Account == LedgerAccounts.StripeBalance).Sum(p => p.Debit - p.Credit));
        });

    [Fact]
    public void A_capture_that_differs_from_its_lines_puts_the_difference_in_suspense_and_still_balances()
    {
        var shop = Guid.NewGuid();
        var line = new CaptureLine(shop, new Money(1_000, "EUR"), new Money(1_000, "EUR"), new Money(50, "EUR"), new Money(8, "EUR"), new Money(950, "EUR"), 0, null!);

        var postings = LedgerPostings.Of(new PaymentCaptureMade(Guid.NewGuid(), new Money(990, "EUR"), [line], [], At));

        var suspense = Assert.Single(postings, p => p.Account == LedgerAccounts.Suspense);
        Assert.Equal((10L, 0L), (suspense.Debit, suspense.Credit));
        Assert.Equal(postings.Sum(p => p.Debit), postings.Sum(p => p.Credit));
    }

    [Fact]
    public void Reconciliation_names_each_amount_the_ledger_and_Stripe_disagree_on()
    {
        var (order, shop) = (Guid.NewGuid(), Guid.NewGuid());
        var line = new CaptureLine(shop, new Money(1_000, "EUR"), new Money(1_000, "EUR"), new Money(50, "EUR"), new Money(8, "EUR"), new Money(950, "EUR"), 0, null!);
        var rows = LedgerPostings.Of(new PaymentCaptureMade(order, new Money(1_000, "EUR"), [line], [new ShopTransfer(shop, "acct", "tr_1", new Money(950, "EUR"))], At, 40, "ch_1"))
            .Concat(LedgerPostings.Of(new PaymentRefundMade(order, Guid.NewGuid(), new RefundLine(shop, new Money(100, "EUR"), new Money(5, "EUR"), new Money(1, "EUR"), new Money(95, "EUR")), "re_1", "trr_1", At)))
            .Select((p, i) => new LedgerRow(Guid.Empty, i, At, order, p.Kind, p.Account, p.ShopId, p.Debit, p.Credit, "EUR", p.Reference))
            .ToList();

        Assert.Empty(Reconciliation.Compare(order, rows, new StripeOrderMoney(1_000, 100, [new StripeTransfer("tr_1", shop, 950, 95)], 40)));

        var differences = Reconciliation.Compare(order, rows, new StripeOrderMoney(1_000, 0, [new StripeTransfer("tr_1", shop, 950, 0), new StripeTransfer("tr_2", shop, 7, 0)], 41));
        Assert.Equal(
            [(Reconciliation.Refunded, 100L, 0L, (string?)null), (Reconciliation.StripeFee, 40L, 41L, null), (Reconciliation.Transferred, 0L, 7L, "tr_2"), (Reconciliation.Reversed, 95L, 0L, null)],
            differences.Select(d => (d.Item, d.Ledger, d.Stripe, d.Reference)));
    }
}
