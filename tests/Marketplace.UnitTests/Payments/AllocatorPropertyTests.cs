using CsCheck;
using Marketplace.Payments.Allocation;

namespace Marketplace.UnitTests.Payments;

/// <summary>
/// The largest-remainder allocator over generated totals and weights (10,000 cases a property, counted): one-cent and
/// zero totals, hundreds of parts, equal weights and zero weights are generated often on purpose.
/// </summary>
public sealed class AllocatorPropertyTests
{
    public const int Cases = 10_000;

    /// <summary>A total and the weights to split it by (at least one weight above zero).</summary>
    public sealed record SplitCase(long Total, long[] Weights)
    {
        public override string ToString() => $"total {Total}, weights [{string.Join(", ", Weights)}]";
    }

    private static readonly Gen<long> Total = Gen.Frequency(
        (2, Gen.Long[0, 3]),                       // zero, one cent, a few cents
        (4, Gen.Long[0, 100_000]),                 // a basket
        (2, Gen.Long[0, 1_000_000_000_000]),       // ten billion euros
        (1, Gen.Const(long.MaxValue / 2)));

    private static readonly Gen<long> Weight = Gen.Frequency(
        (2, Gen.Const(0L)),                        // a shop with nothing accepted
        (3, Gen.Long[1, 3]),                       // many equal weights: ties
        (4, Gen.Long[1, 100_000]),
        (1, Gen.Long[1, 1_000_000_000_000]));

    private static readonly Gen<long[]> Weights = Gen.Frequency(
        (6, Weight.Array[1, 12]),
        (1, Weight.Array[100, 400]),               // hundreds of shops
        (1, Gen.Select(Gen.Int[1, 300], Gen.Long[0, 50], (n, w) => Enumerable.Repeat(w, n).ToArray()))) // all equal
        .Select(w => w.Any(x => x > 0) ? w : [.. w.Select((x, i) => i == 0 ? 1 : x)]);

    private static readonly Gen<SplitCase> Generated = Gen.Select(Total, Weights, (t, w) => new SplitCase(t, w));

    [Fact]
    public void The_parts_always_add_up_to_the_total_and_none_is_negative() =>
        Check(c =>
        {
            var parts = Allocator.Split(c.Total, c.Weights);
            Assert.Equal(c.Weights.Length, parts.Length);
            Assert.Equal(c.Total, parts.Aggregate(0L, (sum, part) => checked(sum + part)));
            Assert.All(parts, part => Assert.True(part >= 0));
        });

    [Fact]
    public void Each_part_is_the_floor_or_the_ceiling_of_its_exact_share() =>
        Check(c =>
        {
            var parts = Allocator.Split(c.Total, c.Weights);
            var sum = c.Weights.Aggregate(Int128.Zero, (s, w) => s + w);
            for (var i = 0; i < parts.Length; i++)
            {
                var exact = (Int128)c.Total * c.Weights[i];
                var floor = (long)(exact / sum);
                var ceiling = exact % sum == 0 ? floor : floor + 1;
                Assert.True(parts[i] == floor || parts[i] == ceiling, $"part {i} = {parts[i]}, exact share between {floor} and {ceiling}");
            }
        });

    [Fact]
    public void The_cents_left_go_to_the_largest_remainders_ties_to_the_larger_weight_then_the_lower_index() =>
        Check(c =>
        {
            var parts = Allocator.Split(c.Total, c.Weights);
            var sum = c.Weights.Aggregate(Int128.Zero, (s, w) => s + w);
            var got = new List<(Int128 Remainder, long Weight, int Index)>();
            var left = new List<(Int128 Remainder, long Weight, int Index)>();
            for (var i = 0; i < parts.Length; i++)
            {
                var exact = (Int128)c.Total * c.Weights[i];
                var remainder = exact % sum;
                if (remainder > 0)
                {
                    (parts[i] > (long)(exact / sum) ? got : left).Add((remainder, c.Weights[i], i));
                }
            }

            // Every part that got a cent comes before every part with a remainder that did not, in the stated order.
            foreach (var winner in got)
            {
                foreach (var loser in left)
                {
                    var before = winner.Remainder > loser.Remainder
                        || (winner.Remainder == loser.Remainder && (winner.Weight > loser.Weight || (winner.Weight == loser.Weight && winner.Index < loser.Index)));
                    Assert.True(before, $"part {winner.Index} got a cent before part {loser.Index}");
                }
            }
        });

    [Fact]
    public void A_larger_weight_never_gets_less_and_equal_weights_differ_by_at_most_one_cent_the_first_getting_it() =>
        Check(c =>
        {
            var parts = Allocator.Split(c.Total, c.Weights);
            for (var i = 0; i < parts.Length; i++)
            {
                for (var j = i + 1; j < parts.Length; j++)
                {
                    if (c.Weights[i] > c.Weights[j])
                    {
                        Assert.True(parts[i] >= parts[j], $"weight {c.Weights[i]} got {parts[i]} < {parts[j]} of weight {c.Weights[j]}");
                    }
                    else if (c.Weights[i] < c.Weights[j])
                    {
                        Assert.True(parts[i] <= parts[j], $"weight {c.Weights[j]} got {parts[j]} < {parts[i]} of weight {c.Weights[i]}");
                    }
                    else
                    {
                        // The tie-break: of equal weights, the lower index takes the cent.
                        Assert.True(parts[i] - parts[j] is 0 or 1, $"equal weights {c.Weights[i]} got {parts[i]} and {parts[j]}");
                    }
                }
            }
        });

    [Fact]
    public void The_same_input_always_gives_the_same_parts_and_is_left_as_it_was() =>
        Check(c =>
        {
            var weights = c.Weights.ToArray();
            var first = Allocator.Split(c.Total, weights);
            var second = Allocator.Split(c.Total, weights.ToList());

            Assert.Equal(first, second);
            Assert.Equal(c.Weights, weights);
        });

    [Fact]
    public void A_zero_weight_gets_nothing_and_a_zero_total_gives_zeros() =>
        Check(c =>
        {
            var parts = Allocator.Split(c.Total, c.Weights);
            Assert.All(parts.Where((_, i) => c.Weights[i] == 0), part => Assert.Equal(0, part));
            Assert.All(Allocator.Split(0, c.Weights), part => Assert.Equal(0, part));
        });

    [Fact]
    public void One_cent_goes_to_the_largest_weight_and_among_equals_to_the_first()
    {
        Assert.Equal([0, 1, 0], Allocator.Split(1, [1, 3, 2]));
        Assert.Equal([1, 0, 0], Allocator.Split(1, [5, 5, 5]));
        Assert.Equal([0, 1, 0, 0], Allocator.Split(1, [0, 7, 7, 0]));
    }

    [Fact]
    public void Remainders_decide_before_weights_and_ties_of_remainders_go_to_the_larger_weight()
    {
        // 10 by 1:2:2 → 2, 4, 4 exactly; 11 by 1:2:2 → 2.2, 4.4, 4.4 → the cent left to the first of the equal remainders.
        Assert.Equal([2, 4, 4], Allocator.Split(10, [1, 2, 2]));
        Assert.Equal([2, 5, 4], Allocator.Split(11, [1, 2, 2]));
        // 3 by 1:1:2:2 → 0.5, 0.5, 1, 1: equal remainders of equal weights, the cent left to the first.
        Assert.Equal([1, 0, 1, 1], Allocator.Split(3, [1, 1, 2, 2]));
        // 5 by 1:3 → 1.25, 3.75: the larger remainder wins. 2 by 1:3 → 0.5, 1.5: equal remainders, the larger weight wins.
        Assert.Equal([1, 4], Allocator.Split(5, [1, 3]));
        Assert.Equal([0, 2], Allocator.Split(2, [1, 3]));
        // 4 by 2:3 → 1.6, 2.4: the cent goes to the larger remainder, though its weight is the smaller.
        Assert.Equal([2, 2], Allocator.Split(4, [2, 3]));
    }

    [Fact]
    public void Impossible_splits_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Allocator.Split(-1, [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Allocator.Split(1, [1, -1]));
        Assert.Throws<ArgumentException>(() => Allocator.Split(1, [0, 0]));
        Assert.Throws<ArgumentException>(() => Allocator.Split(1, []));
        Assert.Empty(Allocator.Split(0, []));
    }

    /// <summary>Runs the property over <see cref="Cases"/> generated cases, and proves it did.</summary>
    private static void Check(Action<SplitCase> property)
    {
        var ran = 0;
        Generated.Sample(c =>
        {
            Interlocked.Increment(ref ran);
            property(c);
        }, iter: Cases);
        Assert.True(ran >= Cases, $"{ran} cases ran");
    }
}
