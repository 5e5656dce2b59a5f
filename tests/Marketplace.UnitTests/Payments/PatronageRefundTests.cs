using Marketplace.Payments.Patronage;

namespace Marketplace.UnitTests.Payments;

public sealed class PatronageRefundTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Co_owners_share_their_shops_sales_and_the_shares_add_up_to_the_surplus()
    {
        var (ana, bob, cyd) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var shop = Guid.NewGuid();
        var outsiderShop = Guid.NewGuid();
        var members = new[] { new CooperativeMember(ana, "Ana", "shops", At), new CooperativeMember(bob, "Bob", "shops", At), new CooperativeMember(cyd, "Cyd", "customers", At) };

        var lines = PatronageRefund.Share(
            1_000,
            members,
            new Dictionary<Guid, long> { [shop] = 1_001, [outsiderShop] = 5_000 },
            new Dictionary<Guid, IReadOnlyList<Guid>> { [shop] = [ana, bob, Guid.NewGuid()], [outsiderShop] = [Guid.NewGuid()] },
            new Dictionary<Guid, long> { [cyd] = 999, [Guid.NewGuid()] = 7_000 });

        var byMember = lines.ToDictionary(l => l.AccountId);
        Assert.Equal(1_001, byMember[ana].Sales + byMember[bob].Sales); // the non-member co-owner's part goes to no one
        Assert.Equal(1, Math.Abs(byMember[ana].Sales - byMember[bob].Sales));
        Assert.Equal(999, byMember[cyd].Purchases);
        Assert.Equal(1_000, lines.Sum(l => l.Share));
        Assert.Equal(500, byMember[cyd].Share); // 999 of 2,000
    }

    [Fact]
    public void Without_any_activity_nothing_is_shared_and_a_member_without_activity_gets_nothing()
    {
        var members = new[] { new CooperativeMember(Guid.NewGuid(), "Ana", "shops", At), new CooperativeMember(Guid.NewGuid(), "Bob", "shops", At) };

        var none = PatronageRefund.Share(1_000, members, new Dictionary<Guid, long>(), new Dictionary<Guid, IReadOnlyList<Guid>>(), new Dictionary<Guid, long>());
        var one = PatronageRefund.Share(1_000, members, new Dictionary<Guid, long>(), new Dictionary<Guid, IReadOnlyList<Guid>>(), new Dictionary<Guid, long> { [members[0].Id] = 10 });

        Assert.All(none, l => Assert.Equal(0, l.Share));
        Assert.Equal([1_000L, 0L], one.OrderBy(l => l.Name).Select(l => l.Share));
    }

    [Fact]
    public void Generated_years_always_share_the_whole_surplus_in_proportion()
    {
        var random = new Random(7);
        for (var run = 0; run < 2_000; run++)
        {
            var members = Enumerable.Range(0, random.Next(1, 30)).Select(i => new CooperativeMember(Guid.NewGuid(), $"M{i}", "members", At)).ToList();
            var purchases = members.Where(_ => random.Next(3) > 0).ToDictionary(m => m.Id, _ => random.NextInt64(0, 100_000));
            var surplus = random.NextInt64(0, 10_000_000);

            var lines = PatronageRefund.Share(surplus, members, new Dictionary<Guid, long>(), new Dictionary<Guid, IReadOnlyList<Guid>>(), purchases);

            var activity = lines.Sum(l => l.Activity);
            Assert.Equal(activity == 0 ? 0 : surplus, lines.Sum(l => l.Share));
            Assert.All(lines, l => Assert.True(activity == 0 || Math.Abs(l.Share - ((double)surplus * l.Activity / activity)) < 1, $"run {run}"));
        }
    }
}
