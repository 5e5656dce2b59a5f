using Marketplace.Contracts;
using Marketplace.Ordering.Orders;
using Marketplace.Ordering.Orders.Placing;
using Marketplace.Ordering.Shops;
using Marketplace.ServiceDefaults.EventSourcing;
using Fulfilment = Marketplace.Contracts.Ordering.Fulfilment;
using OrderLine = Marketplace.Contracts.Ordering.OrderLine;

namespace Marketplace.UnitTests.Ordering;

public class OrderRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Bakery = Guid.CreateVersion7();
    private static readonly Guid Dairy = Guid.CreateVersion7();

    [Fact]
    public void Every_part_answered_sends_the_capture_of_the_accepted_subtotals_once()
    {
        var order = Authorised();

        var accepted = Apply(order, OrderRules.Accept(order, Bakery, Now));
        var refused = OrderRules.Refuse(accepted, Dairy, "Plus de lait", Now);
        var after = Apply(accepted, refused);

        var capture = Assert.Single(refused.Events.OfType<OrderReadyToCapture>());
        Assert.Equal(450L, capture.Amount.Minor);
        Assert.Equal(OrderStatus.Capturing, after.Status);
        Assert.Empty(OrderRules.Accept(after, Bakery, Now).Events);
        Assert.Equal(OrderRefusals.NotAwaitingShop, OrderRules.Refuse(after, Bakery, null, Now).Refusal);
        Assert.Empty(OrderRules.AuthorisationLapsing(after, Now).Events);
    }

    [Fact]
    public void Nothing_accepted_captures_zero_so_that_Payments_voids()
    {
        var order = Authorised();

        var lapsing = OrderRules.AuthorisationLapsing(order, Now);

        Assert.Equal(2, lapsing.Events.OfType<SubOrderWithdrawn>().Count());
        Assert.Equal(0L, Assert.Single(lapsing.Events.OfType<OrderReadyToCapture>()).Amount.Minor);
        Assert.Equal(OrderStatus.NothingToPay, Apply(order, lapsing).Status);
    }

    [Fact]
    public void A_message_about_a_step_not_reached_is_retried_and_one_about_a_step_passed_changes_nothing()
    {
        var placed = Placed();
        Assert.Equal(OrderRefusals.NotYet, OrderRules.PaymentAuthorised(placed, new Money(750, "EUR"), Now.AddDays(6), TimeSpan.FromHours(2), Now).Refusal);
        Assert.Equal(OrderRefusals.NotYet, OrderRules.PaymentCaptured(placed, new Money(750, "EUR"), Now).Refusal);

        var authorised = Authorised();
        Assert.Empty(OrderRules.StockHeld(authorised, TimeSpan.FromMinutes(30), Now).Events);
        Assert.Empty(OrderRules.PaymentFailed(authorised, Now).Events);
        Assert.Empty(OrderRules.StockShort(authorised, [], Now).Events);
    }

    [Fact]
    public void Deadlines_cancel_an_unpaid_order_and_withdraw_unanswered_parts_only_once_passed()
    {
        var held = Apply(Placed(), OrderRules.StockHeld(Placed(), TimeSpan.FromMinutes(30), Now));
        Assert.Equal(Now.AddMinutes(30), held.NextDeadline);
        Assert.Empty(OrderRules.DeadlinePassed(held, Now.AddMinutes(29)).Events);
        Assert.Equal(OrderEndReasons.PaymentTimedOut, Assert.IsType<OrderCancelled>(Assert.Single(OrderRules.DeadlinePassed(held, Now.AddMinutes(30)).Events)).Reason);

        var order = Apply(Authorised(), OrderRules.Accept(Authorised(), Bakery, Now));
        var swept = OrderRules.DeadlinePassed(order, order.AnswerBy!.Value);
        Assert.Equal(OrderEndReasons.Unanswered, Assert.Single(swept.Events.OfType<SubOrderWithdrawn>()).Reason);
        Assert.Null(Apply(order, swept).NextDeadline);
    }

    [Fact]
    public void An_order_Catalog_never_answers_is_cancelled_at_its_HoldUntil_and_a_late_answer_changes_nothing()
    {
        var placed = Placed();
        Assert.Equal(placed.HoldUntil, placed.NextDeadline);
        Assert.Empty(OrderRules.DeadlinePassed(placed, placed.HoldUntil.AddTicks(-1)).Events);

        var swept = OrderRules.DeadlinePassed(placed, placed.HoldUntil);

        Assert.Equal(OrderEndReasons.StockUnconfirmed, Assert.IsType<OrderCancelled>(Assert.Single(swept.Events)).Reason);
        var cancelled = Apply(placed, swept);
        Assert.Equal((OrderStatus.Cancelled, OrderEndReasons.StockUnconfirmed), (cancelled.Status, cancelled.EndReason));
        Assert.Null(cancelled.NextDeadline);
        Assert.All(cancelled.SubOrders, s => Assert.Equal(SubOrderStatus.Withdrawn, s.Status));
        Assert.Empty(OrderRules.DeadlinePassed(cancelled, placed.HoldUntil.AddHours(1)).Events);
        Assert.Empty(OrderRules.StockHeld(cancelled, TimeSpan.FromMinutes(30), placed.HoldUntil.AddMinutes(1)).Events);
        Assert.Empty(OrderRules.StockShort(cancelled, [], placed.HoldUntil.AddMinutes(1)).Events);
    }

    [Fact]
    public void The_messages_of_a_process_in_any_order_end_in_the_same_state()
    {
        var steps = new Func<Order, Decision>[]
        {
            o => OrderRules.StockHeld(o, TimeSpan.FromMinutes(30), Now),
            o => OrderRules.PaymentAuthorised(o, new Money(750, "EUR"), Now.AddDays(6), TimeSpan.FromHours(2), Now),
            o => OrderRules.AuthorisationLapsing(o, Now),
            o => OrderRules.PaymentCancelled(o, Now),
        };
        Order? expected = null;
        foreach (var permutation in Permutations([0, 1, 2, 3, 0, 1, 2, 3]).Take(2000))
        {
            // A step refused as "not yet" is retried after the others, as the broker redelivers it.
            var order = Placed();
            var pending = new Queue<int>(permutation);
            var guard = 0;
            while (pending.TryDequeue(out var step) && guard++ < 100)
            {
                var decision = steps[step](order);
                if (decision.Refusal == OrderRefusals.NotYet)
                {
                    pending.Enqueue(step);
                    continue;
                }

                order = Apply(order, decision);
            }

            expected ??= order;
            Assert.Equal((expected.Status, expected.PaymentVoided, string.Join(',', expected.SubOrders.Select(s => s.Status + s.Reason))), (order.Status, order.PaymentVoided, string.Join(',', order.SubOrders.Select(s => s.Status + s.Reason))));
        }

        Assert.Equal(OrderStatus.NothingToPay, expected!.Status);
    }

    [Fact]
    public void A_paid_order_is_completed_once_every_part_is_handed_over_or_cancelled_not_before()
    {
        var order = Authorised();
        order = Apply(order, OrderRules.Accept(order, Bakery, Now));
        order = Apply(order, OrderRules.Accept(order, Dairy, Now));
        order = Apply(order, OrderRules.PaymentCaptured(order, new Money(750, "EUR"), Now));
        Assert.Equal(OrderStatus.Paid, order.Status);

        order = Apply(order, OrderRules.MarkHandedOver(order, Bakery, Now));
        Assert.Equal(OrderStatus.Paid, order.Status);
        order = Apply(order, OrderRules.CancelAccepted(order, Dairy, Guid.CreateVersion7(), "Plus de lait", Now));

        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Empty(OrderRules.MarkHandedOver(order, Bakery, Now).Events);
        Assert.Empty(OrderRules.PaymentCaptured(order, new Money(750, "EUR"), Now).Events);
    }

    [Theory]
    [InlineData("2026-12-07T09:00:00+01:00", "2026-12-07T09:30:00+01:00", true)] // a Monday in winter
    [InlineData("2026-12-07T07:30:00Z", "2026-12-07T08:00:00Z", true)] // 08:30 in Paris
    [InlineData("2026-12-07T18:30:00Z", "2026-12-07T19:30:00Z", false)] // ends 20:30 in Paris
    [InlineData("2026-12-08T09:00:00+01:00", "2026-12-08T09:30:00+01:00", false)] // Tuesday: closed
    [InlineData("2026-07-06T17:30:00Z", "2026-07-06T18:00:00Z", true)] // 19:30–20:00 in summer time
    public void A_pickup_slot_lies_in_the_shops_opening_hours_in_Paris(string start, string end, bool inside) =>
        Assert.Equal(inside, Checkout.InOpeningHours([new OpeningPeriod("monday", "08:00", "20:00")], DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_shop_opens_for_orders_once_when_approved_and_able_to_receive_transfers_and_keeps_its_newest_profile()
    {
        var shop = Guid.CreateVersion7();
        var profile = new ShopProfileCopied(shop, 2, "Primeur", true, [], [], true, false, null, Now);
        var first = OrderingShopRules.CopyProfile(null, profile, Now);
        var afterProfile = EventSourced.Fold<OrderingShop>(null, first.Events)!;
        Assert.Single(first.Events);

        var payouts = OrderingShopRules.CopyPayouts(afterProfile, new ShopPayoutsCopied(shop, true, Now), Now);
        Assert.IsType<ShopOpenedForOrders>(payouts.Events[1]);
        var open = EventSourced.Fold(afterProfile, payouts.Events)!;

        Assert.Empty(OrderingShopRules.CopyProfile(open, profile with { Version = 1, Name = "Old" }, Now).Events);
        Assert.Empty(OrderingShopRules.CopyPayouts(open, new ShopPayoutsCopied(shop, false, Now.AddSeconds(-1)), Now).Events);
        var closedAgain = EventSourced.Fold(open, OrderingShopRules.CopyPayouts(open, new ShopPayoutsCopied(shop, false, Now.AddSeconds(1)), Now).Events)!;
        Assert.False(closedAgain.TakesOrders);
        Assert.DoesNotContain(OrderingShopRules.CopyPayouts(closedAgain, new ShopPayoutsCopied(shop, true, Now.AddSeconds(2)), Now).Events, e => e is ShopOpenedForOrders);
    }

    [Fact]
    public void A_shops_closures_are_copied_with_its_profile_kept_when_a_profile_does_not_tell_them_and_close_whole_Paris_days()
    {
        var shop = Guid.CreateVersion7();
        var holidays = new ClosedDays(new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 26));
        var profile = new ShopProfileCopied(shop, 2, "Boulangerie", true, [], [], true, false, null, Now, [holidays]);
        var copy = EventSourced.Fold<OrderingShop>(null, OrderingShopRules.CopyProfile(null, profile, Now).Events)!;
        Assert.Equal([holidays], copy.Closures);

        // A profile from before closures were told keeps them; an empty list removes them
        var older = EventSourced.Fold(copy, OrderingShopRules.CopyProfile(copy, profile with { Version = 3, Closures = null }, Now).Events)!;
        Assert.Equal([holidays], older.Closures);
        Assert.Empty(EventSourced.Fold(older, OrderingShopRules.CopyProfile(older, profile with { Version = 4, Closures = [] }, Now).Events)!.Closures!);

        // 23:30 UTC on the 23rd is already the 24th in Paris; the 27th is open again
        Assert.True(copy.ClosedOn(Checkout.DayOf(new DateTimeOffset(2026, 12, 23, 23, 30, 0, TimeSpan.Zero))));
        Assert.True(copy.ClosedOn(new DateOnly(2026, 12, 26)));
        Assert.False(copy.ClosedOn(new DateOnly(2026, 12, 27)));
        Assert.False(copy.ClosedOn(Checkout.DayOf(new DateTimeOffset(2026, 12, 23, 22, 30, 0, TimeSpan.Zero))));
    }

    private static Order Placed() => Order.Fold(null, new OrderPlaced(
        Guid.CreateVersion7(), Guid.CreateVersion7(), "Camille", "camille@example.org", "fr",
        [Part(Bakery, 450), Part(Dairy, 300)], new Money(750, "EUR"), Now, Now.AddHours(3)))!;

    private static Order Authorised()
    {
        var held = Apply(Placed(), OrderRules.StockHeld(Placed(), TimeSpan.FromMinutes(30), Now));
        return Apply(held, OrderRules.PaymentAuthorised(held, new Money(750, "EUR"), Now.AddDays(6), TimeSpan.FromHours(2), Now));
    }

    private static PlacedSubOrder Part(Guid shop, long minor) => new(
        shop, "Shop", [new OrderLine(Guid.CreateVersion7(), "Pain", null, 1, new Money(minor, "EUR"), 550)],
        new Fulfilment(Fulfilment.Pickup, Now.AddDays(1), Now.AddDays(1).AddMinutes(30), null, null), new Money(minor, "EUR"));

    private static Order Apply(Order order, Decision decision) => EventSourced.Fold(order, decision.Events)!;

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            foreach (var rest in Permutations([.. items[..i], .. items[(i + 1)..]]))
            {
                yield return [items[i], .. rest];
            }
        }
    }
}
