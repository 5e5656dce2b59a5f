using CsCheck;
using Marketplace.Contracts;
using Marketplace.Payments.Allocation;
using Marketplace.Payments.FeePolicies;

namespace Marketplace.UnitTests.Payments;

/// <summary>
/// A capture split between the shops and the cooperative, and refunds taken back across the same parts, over generated
/// orders and policies (10,000 cases a property, counted): one-cent sub-orders, hundreds of shops, 0 % and 100 % fees.
/// </summary>
public sealed class SplitPropertyTests
{
    private const int Cases = AllocatorPropertyTests.Cases;
    private const string Eur = "EUR";

    public sealed record Order(FeePolicyVersion Policy, AcceptedShare[] Accepted)
    {
        public override string ToString() =>
            $"{Policy.Terms}; {string.Join(", ", Accepted.Select(a => $"{a.Subtotal.Minor} (VAT {a.VatIncluded.Minor})"))}";
    }

    private static readonly Gen<int> BasisPoints = Gen.Frequency((1, Gen.Const(0)), (1, Gen.Const(10_000)), (4, Gen.Int[0, 10_000]));

    private static readonly Gen<FeePolicyVersion> Policy = Gen.Select(
        BasisPoints,
        Gen.Bool,
        Gen.Frequency((3, Gen.Const(2_000)), (1, Gen.Int[0, 10_000])),
        Gen.Int[0, 50],
        (rate, including, vat, version) => new FeePolicyVersion(
            version,
            DateTimeOffset.UnixEpoch,
            new FeeTerms(rate, including ? FeeBases.IncludingVat : FeeBases.ExcludingVat, vat, StripeRefundFeeBearers.Cooperative),
            null));

    private static readonly Gen<AcceptedShare> Share = Gen.Select(
        Gen.Frequency((2, Gen.Long[0, 3]), (6, Gen.Long[0, 100_000]), (1, Gen.Long[0, 10_000_000_000])),
        Gen.Frequency((1, Gen.Const(0)), (1, Gen.Const(550)), (2, Gen.Int[0, 10_000])),
        Gen.Guid,
        (subtotal, vatRate, shop) => new AcceptedShare(shop, new Money(subtotal, Eur), new Money(subtotal * vatRate / (10_000 + vatRate), Eur)));

    internal static readonly Gen<Order> Orders = Gen.Select(
        Policy,
        Gen.Frequency((8, Share.Array[1, 8]), (1, Share.Array[100, 300])),
        (policy, accepted) => new Order(policy, accepted));

    [Fact]
    public void Fees_and_transfers_add_up_to_the_capture_and_each_shop_gets_its_subtotal_less_its_fee() =>
        Check(Orders, order =>
        {
            var lines = Split.ForCapture(order.Policy, order.Accepted);

            Assert.Equal(order.Accepted.Select(a => a.ShopId), lines.Select(l => l.ShopId));
            Assert.Equal(order.Accepted.Sum(a => a.Subtotal.Minor), lines.Sum(l => l.Fee.Minor) + lines.Sum(l => l.Transfer.Minor));
            Assert.All(lines, line =>
            {
                Assert.Equal(line.Subtotal.Minor, line.Fee.Minor + line.Transfer.Minor);
                Assert.True(line.Fee.Minor >= 0 && line.Transfer.Minor >= 0, line.ToString());
                Assert.InRange(line.FeeVat.Minor, 0, line.Fee.Minor);
                Assert.Equal(order.Policy.Version, line.PolicyVersion);
                Assert.Same(order.Policy.Terms, line.Terms);
            });
        });

    [Fact]
    public void The_fee_is_the_rate_of_the_base_rounded_to_a_neighbouring_cent_and_its_vat_the_vat_inside_it() =>
        Check(Orders, order =>
        {
            var terms = order.Policy.Terms;
            foreach (var (share, line) in order.Accepted.Zip(Split.ForCapture(order.Policy, order.Accepted)))
            {
                var expectedBase = terms.FeeBase == FeeBases.IncludingVat ? share.Subtotal.Minor : share.Subtotal.Minor - share.VatIncluded.Minor;
                Assert.Equal(expectedBase, line.FeeBase.Minor);
                AssertNeighbour(line.Fee.Minor, (Int128)expectedBase * terms.FeeRate, 10_000);
                AssertNeighbour(line.FeeVat.Minor, (Int128)line.Fee.Minor * terms.FeeVatRate, 10_000 + terms.FeeVatRate);
            }
        });

    [Fact]
    public void A_shops_fee_depends_on_its_own_sub_order_only_and_never_falls_when_the_rate_rises() =>
        Check(Orders, order =>
        {
            var together = Split.ForCapture(order.Policy, order.Accepted);
            var higher = order.Policy with { Terms = order.Policy.Terms with { FeeRate = Math.Min(10_000, order.Policy.Terms.FeeRate + 1) } };
            var raised = Split.ForCapture(higher, order.Accepted);
            for (var i = 0; i < order.Accepted.Length; i++)
            {
                Assert.Equal(together[i], Assert.Single(Split.ForCapture(order.Policy, [order.Accepted[i]])));
                Assert.True(raised[i].Fee.Minor >= together[i].Fee.Minor, $"{raised[i].Fee.Minor} at a higher rate < {together[i].Fee.Minor}");
            }
        });

    [Fact]
    public void A_refund_is_taken_from_the_fees_and_transfers_in_proportion_and_adds_up_to_itself() =>
        Check(Gen.Select(Orders, Gen.Double[0, 1], (order, fraction) => (order, fraction)), c =>
        {
            var lines = Split.ForCapture(c.order.Policy, c.order.Accepted);
            var captured = lines.Sum(l => l.Subtotal.Minor);
            var amount = (long)Math.Floor(captured * c.fraction);

            var refund = Split.ForRefund(lines, new Money(amount, Eur));

            Assert.Equal(amount, refund.Sum(r => r.Amount.Minor));
            foreach (var (line, back) in lines.Zip(refund))
            {
                Assert.Equal(line.ShopId, back.ShopId);
                Assert.Equal(back.Amount.Minor, back.FeeRefunded.Minor + back.TransferReversed.Minor);
                Assert.InRange(back.FeeRefunded.Minor, 0, line.Fee.Minor);
                Assert.InRange(back.TransferReversed.Minor, 0, line.Transfer.Minor);
                Assert.InRange(back.FeeVatRefunded.Minor, 0, Math.Min(back.FeeRefunded.Minor, line.FeeVat.Minor));
            }
        });

    [Fact]
    public void Refunding_the_whole_capture_gives_back_every_fee_and_every_transfer_exactly() =>
        Check(Orders, order =>
        {
            var lines = Split.ForCapture(order.Policy, order.Accepted);

            var refund = Split.ForRefund(lines, new Money(lines.Sum(l => l.Subtotal.Minor), Eur));

            Assert.Equal(lines.Select(l => (l.Fee, l.FeeVat, l.Transfer)), refund.Select(r => (r.FeeRefunded, r.FeeVatRefunded, r.TransferReversed)));
        });

    [Fact]
    public void A_fee_of_0_percent_takes_nothing_and_of_100_percent_of_amounts_with_vat_takes_everything()
    {
        var accepted = new[] { new AcceptedShare(Guid.NewGuid(), new Money(1, Eur), new Money(0, Eur)), new AcceptedShare(Guid.NewGuid(), new Money(1_055, Eur), new Money(55, Eur)) };

        var none = Split.ForCapture(Version(0, FeeBases.IncludingVat), accepted);
        var all = Split.ForCapture(Version(10_000, FeeBases.IncludingVat), accepted);
        var allButVat = Split.ForCapture(Version(10_000, FeeBases.ExcludingVat), accepted);

        Assert.All(none, line => Assert.Equal((0, line.Subtotal.Minor), (line.Fee.Minor, line.Transfer.Minor)));
        Assert.All(all, line => Assert.Equal((line.Subtotal.Minor, 0), (line.Fee.Minor, line.Transfer.Minor)));
        Assert.Equal(55, allButVat[1].Transfer.Minor);
    }

    [Fact]
    public void The_default_policy_on_a_basket_of_two_shops()
    {
        // 5 % of amounts without VAT, VAT of 20 % inside the fee: 12.66 € (of which 0.66 € VAT at 5.5 %) and 30.00 € (5.00 € VAT at 20 %).
        var bakery = new AcceptedShare(Guid.NewGuid(), new Money(1_266, Eur), new Money(66, Eur));
        var wine = new AcceptedShare(Guid.NewGuid(), new Money(3_000, Eur), new Money(500, Eur));

        var lines = Split.ForCapture(FeePolicyVersion.Default, [bakery, wine]);

        // 5 % of 12.00 = 0.60 (VAT 0.10); 5 % of 25.00 = 1.25 (VAT 1.25 / 6 = 0.2083 → 0.21).
        Assert.Equal((1_200L, 60L, 10L, 1_206L), (lines[0].FeeBase.Minor, lines[0].Fee.Minor, lines[0].FeeVat.Minor, lines[0].Transfer.Minor));
        Assert.Equal((2_500L, 125L, 21L, 2_875L), (lines[1].FeeBase.Minor, lines[1].Fee.Minor, lines[1].FeeVat.Minor, lines[1].Transfer.Minor));
        Assert.Equal(0, lines[0].PolicyVersion);
    }

    [Fact]
    public void A_split_refuses_what_cannot_be_money()
    {
        var shop = Guid.NewGuid();
        Assert.Throws<ArgumentException>(() => Split.ForCapture(FeePolicyVersion.Default, [new AcceptedShare(shop, new Money(100, Eur), new Money(101, Eur))]));
        Assert.Throws<ArgumentException>(() => Split.ForCapture(FeePolicyVersion.Default, [new AcceptedShare(shop, new Money(100, Eur), new Money(0, "CHF"))]));
        var lines = Split.ForCapture(FeePolicyVersion.Default, [new AcceptedShare(shop, new Money(100, Eur), new Money(0, Eur))]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Split.ForRefund(lines, new Money(101, Eur)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Split.ForRefund(lines, new Money(-1, Eur)));
    }

    private static FeePolicyVersion Version(int rate, string feeBase) =>
        new(3, DateTimeOffset.UnixEpoch, new FeeTerms(rate, feeBase, 2_000, StripeRefundFeeBearers.Shop), Guid.NewGuid());

    /// <summary>The amount is the floor or the ceiling of numerator / denominator.</summary>
    private static void AssertNeighbour(long amount, Int128 numerator, long denominator)
    {
        var floor = (long)(numerator / denominator);
        var ceiling = numerator % denominator == 0 ? floor : floor + 1;
        Assert.True(amount == floor || amount == ceiling, $"{amount} is not {floor} or {ceiling}");
    }

    internal static void Check<T>(Gen<T> gen, Action<T> property)
    {
        var ran = 0;
        gen.Sample(c =>
        {
            Interlocked.Increment(ref ran);
            property(c);
        }, iter: Cases);
        Assert.True(ran >= Cases, $"{ran} cases ran");
    }
}
