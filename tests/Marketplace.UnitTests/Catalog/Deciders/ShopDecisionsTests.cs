using CsCheck;
using Marketplace.Catalog.Shops;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.UnitTests.Catalog.Deciders;

/// <summary>The shop's deciders without a database: random commands on a shop, checked against what an admin and an owner expect.</summary>
public sealed class ShopDecisionsTests
{
    private static readonly Guid Admin = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid[] Accounts = [.. Enumerable.Range(1, 3).Select(i => new Guid(i, 0, 0, new byte[8]))];

    private static readonly ShopDetails Incomplete = new("Boulangerie Martin", null, null, null, null, null);

    private static readonly ShopDetails Complete = Incomplete with
    {
        Address = new ShopAddress("3 rue des Fours", null, "69001", "Lyon"),
        Contact = new ShopContact("martin@example.fr", null, null),
        Fulfilment = new Fulfilment(Pickup: true, Delivery: false, null),
        OpeningHours = [new OpeningPeriod("monday", "07:00", "13:00")],
    };

    private static readonly Gen<Func<Shop, Decision>> Command = Gen.OneOf(
        Gen.Const<Func<Shop, Decision>>(s => s.Approve(Admin, Now)),
        Gen.Int[0, 2].Select(i => (Func<Shop, Decision>)(s => s.AddOwner(Accounts[i], Now))),
        Gen.Int[0, 2].Select(i => (Func<Shop, Decision>)(s => s.RemoveOwner(Accounts[i], Admin, Now))),
        Gen.Bool.Select(complete => (Func<Shop, Decision>)(s => s.ChangeDetails(complete ? Complete : Incomplete, Now))));

    private static Shop Registered(ShopDetails details) =>
        Shop.Fold(null, new ShopRegistered(Guid.NewGuid(), details.Name, Now, details, Accounts[0]))!;

    [Fact]
    public void An_incomplete_shop_is_refused_with_its_code_and_nothing_is_recorded()
    {
        var decision = Registered(Incomplete).Approve(Admin, Now);

        Assert.Equal(ShopRefusals.Incomplete, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_complete_shop_is_approved_once_by_whoever_approved_it()
    {
        var shop = Registered(Complete);

        var events = shop.Approve(Admin, Now).Events;
        var approved = Assert.IsType<ShopApproved>(events[0]);
        var after = Shop.Fold(shop, approved)!;
        AssertSameProfile(after.Profile(Now), Assert.IsType<ShopProfileRecorded>(Assert.Single(events.Skip(1))));

        Assert.Equal((shop.Id, shop.Name, (Guid?)Admin), (approved.ShopId, approved.Name, approved.ApprovedBy));
        Assert.True(after.IsApproved);
        Assert.Equal(Now, after.ApprovedAt);
        Assert.Empty(after.Approve(Admin, Now.AddDays(1)).Events);
    }

    [Fact]
    public void Same_details_again_change_nothing_but_other_opening_hours_do()
    {
        var shop = Registered(Complete);

        Assert.Empty(shop.ChangeDetails(Complete with { OpeningHours = [.. Complete.OpeningHours!] }, Now).Events);
        var changed = Complete with { OpeningHours = [new OpeningPeriod("monday", "07:00", "12:30")] };
        Assert.Equal(changed, Assert.IsType<ShopDetailsChanged>(shop.ChangeDetails(changed, Now).Events[0]).Details);
    }

    [Fact]
    public void A_registered_shop_starts_with_its_whole_profile()
    {
        var registered = new ShopRegistered(Guid.NewGuid(), Complete.Name, Now, Complete, Accounts[0]);

        var events = Shop.Register(registered);

        Assert.Equal(registered, events[0]);
        var profile = Assert.IsType<ShopProfileRecorded>(Assert.Single(events.Skip(1)));
        Assert.Equal(
            (registered.ShopId, Complete.Name, false, true, false, "martin@example.fr", Now),
            (profile.ShopId, profile.Name, profile.Approved, profile.Pickup, profile.Delivery, profile.ContactEmail, profile.At));
        Assert.Equal([Accounts[0]], profile.Owners);
        Assert.Equal(Complete.OpeningHours, profile.OpeningHours);
    }

    [Fact]
    public void An_owner_is_removed_while_another_remains_never_the_last_one()
    {
        var registered = Registered(Complete);
        var shop = EventSourced.Fold(registered, registered.AddOwner(Accounts[1], Now).Events)!;

        var removal = shop.RemoveOwner(Accounts[0], Accounts[0], Now);
        var removed = Assert.IsType<ShopOwnerRemoved>(removal.Events[0]);
        var after = EventSourced.Fold(shop, removal.Events)!;

        Assert.Equal((shop.Id, Accounts[0], (Guid?)Accounts[0], Now), (removed.ShopId, removed.AccountId, removed.RemovedBy, removed.RemovedAt));
        Assert.Equal([Accounts[1]], after.Owners);
        Assert.Equal([Accounts[1]], Assert.IsType<ShopProfileRecorded>(removal.Events[^1]).Owners);
        Assert.Equal(ShopRefusals.LastOwner, after.RemoveOwner(Accounts[1], Admin, Now).Refusal);
        Assert.Equal(ShopRefusals.NotAnOwner, after.RemoveOwner(Accounts[0], Admin, Now).Refusal);
        Assert.Empty(after.RemoveOwner(Accounts[1], Admin, Now).Events);
    }

    /// <summary>
    /// Whatever happened before: a command decided twice in a row changes the shop at most once (every request may be
    /// retried), an approved shop was complete when approved, and owners are never repeated.
    /// </summary>
    [Fact]
    public void Repeating_a_command_never_changes_the_shop_twice_and_only_complete_shops_get_approved() =>
        Command.Array[1, 20].Sample(commands =>
        {
            var shop = Registered(Incomplete);
            foreach (var command in commands)
            {
                var first = command(shop);
                var next = EventSourced.Fold(shop, first.Events)!;
                if (first.Events.OfType<ShopApproved>().Any())
                {
                    Assert.True(shop.Details.IsComplete, "approved an incomplete shop");
                }

                if (first.IsRefused && first.Refusal == ShopRefusals.Incomplete)
                {
                    Assert.False(shop.Details.IsComplete || shop.IsApproved, "refused to approve a complete or approved shop");
                }
                else if (first.IsRefused)
                {
                    Assert.Contains(first.Refusal, new[] { ShopRefusals.NotAnOwner, ShopRefusals.LastOwner });
                }

                // Every change is told whole: the profile recorded last is the shop's after the change.
                if (first.Events.Count > 0)
                {
                    AssertSameProfile(next.Profile(Now), Assert.IsType<ShopProfileRecorded>(first.Events[^1]));
                    Assert.Single(first.Events.OfType<ShopProfileRecorded>());
                }

                Assert.Empty(command(next).Events);
                Assert.Equal(next.Owners.Distinct().Count(), next.Owners.Count);
                Assert.NotEmpty(next.Owners); // a shop always keeps someone to run it
                shop = next;
            }
        }, iter: 2000);

    private static void AssertSameProfile(ShopProfileRecorded expected, ShopProfileRecorded actual)
    {
        Assert.Equal(expected, actual with { Owners = expected.Owners, OpeningHours = expected.OpeningHours, Closures = expected.Closures });
        Assert.Equal(expected.Owners, actual.Owners);
        Assert.Equal(expected.OpeningHours, actual.OpeningHours);
        Assert.Equal(expected.Closures ?? [], actual.Closures ?? []);
    }
}
