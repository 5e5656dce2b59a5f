using Marketplace.Payments.FeePolicies;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.UnitTests.Payments;

public sealed class FeePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Admin = Guid.NewGuid();
    private static readonly FeeTerms Six = new(600, FeeBases.IncludingVat, 2_000, StripeRefundFeeBearers.Shop);
    private static readonly FeeTerms Seven = new(700, FeeBases.ExcludingVat, 550, StripeRefundFeeBearers.Cooperative);

    [Fact]
    public void A_cooperative_nobody_set_a_policy_for_has_the_default_as_version_0()
    {
        var versions = FeePolicyHistory.Of(null);

        var only = Assert.Single(versions);
        Assert.Equal(0, only.Version);
        Assert.Equal(new FeeTerms(500, FeeBases.ExcludingVat, 2_000, StripeRefundFeeBearers.Cooperative), only.Terms);
        Assert.Null(only.SetBy);
        Assert.Same(only, FeePolicy.AtTime(versions, Now));
    }

    [Fact]
    public void Setting_new_terms_adds_a_version_in_force_from_now()
    {
        var first = FeePolicy.Set(null, 0, Six, Admin, Now);
        var history = EventSourced.Fold<FeePolicyHistory>(null, first.Events);
        var second = FeePolicy.Set(history, 1, Seven, Admin, Now.AddDays(1));
        history = EventSourced.Fold(history, second.Events);

        var versions = FeePolicyHistory.Of(history);
        Assert.Equal([0, 1, 2], versions.Select(v => v.Version));
        Assert.Equal(new FeePolicyVersion(1, Now, Six, Admin), versions[1]);
        Assert.Equal(new FeePolicyVersion(2, Now.AddDays(1), Seven, Admin), versions[2]);
        Assert.Equal(FeePolicyHistory.StreamId, history!.Id);
    }

    [Fact]
    public void A_change_from_a_version_read_before_another_change_is_refused_by_its_code()
    {
        var history = EventSourced.Fold<FeePolicyHistory>(null, FeePolicy.Set(null, 0, Six, Admin, Now).Events);

        var stale = FeePolicy.Set(history, 0, Seven, Admin, Now.AddMinutes(1));

        Assert.Equal(FeePolicyRefusals.VersionConflict, stale.Refusal);
        Assert.Empty(stale.Events);
    }

    [Fact]
    public void The_terms_already_in_force_change_nothing_whatever_version_was_read()
    {
        var history = EventSourced.Fold<FeePolicyHistory>(null, FeePolicy.Set(null, 0, Six, Admin, Now).Events);

        var repeated = FeePolicy.Set(history, 0, Six, Admin, Now.AddMinutes(1));
        var defaultAgain = FeePolicy.Set(null, 0, FeeTerms.Default, Admin, Now);

        Assert.Same(Decision.Unchanged, repeated);
        Assert.Same(Decision.Unchanged, defaultAgain);
    }

    [Fact]
    public void An_order_is_charged_with_the_version_in_force_when_it_was_placed_a_version_applying_from_its_first_instant()
    {
        var changes = new[] { (Six, Now), (Seven, Now.AddDays(10)) };
        var history = changes.Aggregate<(FeeTerms Terms, DateTimeOffset At), FeePolicyHistory?>(
            null,
            (h, change) => EventSourced.Fold(h, FeePolicy.Set(h, FeePolicyHistory.Of(h)[^1].Version, change.Terms, Admin, change.At).Events));
        var versions = FeePolicyHistory.Of(history);

        Assert.Equal(0, FeePolicy.AtTime(versions, DateTimeOffset.MinValue).Version);
        Assert.Equal(0, FeePolicy.AtTime(versions, Now.AddTicks(-1)).Version);
        Assert.Equal(1, FeePolicy.AtTime(versions, Now).Version);
        Assert.Equal(1, FeePolicy.AtTime(versions, Now.AddDays(10).AddTicks(-1)).Version);
        Assert.Equal(2, FeePolicy.AtTime(versions, Now.AddDays(10)).Version);
        Assert.Equal(2, FeePolicy.AtTime(versions, DateTimeOffset.MaxValue).Version);
        // The stored versions alone (without version 0) give the same answers, the default before the first.
        Assert.Equal(0, FeePolicy.AtTime(history!.Versions, Now.AddTicks(-1)).Version);
        Assert.Equal(2, FeePolicy.AtTime(history.Versions, Now.AddDays(11)).Version);
        // Another offset for the same instant is the same instant.
        Assert.Equal(1, FeePolicy.AtTime(versions, Now.ToOffset(TimeSpan.FromHours(1))).Version);
    }

    [Fact]
    public void Of_two_versions_effective_at_the_same_instant_the_later_one_applies()
    {
        var h = EventSourced.Fold<FeePolicyHistory>(null, FeePolicy.Set(null, 0, Six, Admin, Now).Events);
        h = EventSourced.Fold(h, FeePolicy.Set(h, 1, Seven, Admin, Now).Events);

        Assert.Equal(2, FeePolicy.AtTime(FeePolicyHistory.Of(h), Now).Version);
    }
}
