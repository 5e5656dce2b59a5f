using Marketplace.Contracts;
using Marketplace.Payments.Orders;
using Marketplace.Payments.Shops;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.UnitTests.Payments;

/// <summary>The payment's and the shop account's decisions: from the state they have and what Stripe says now, once each.</summary>
public sealed class PaymentDecisionTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7) - TimeSpan.FromHours(12);

    [Fact]
    public void A_pending_payment_is_authorised_once_with_CaptureBefore_from_the_intents_creation()
    {
        var payment = Opened();
        var now = Created.AddMinutes(3);

        var decision = PaymentDecisions.Observe(payment, new IntentState("requires_capture", 1_000, null, Created), Lifetime, now);

        var authorised = Assert.IsType<PaymentAuthorisationConfirmed>(Assert.Single(decision.Events));
        Assert.Equal(new Money(1_000, "EUR"), authorised.Amount);
        Assert.Equal(Created + Lifetime, authorised.CaptureBefore);
        var after = EventSourced.Fold(payment, decision.Events)!;
        Assert.Equal(PaymentStatuses.Authorised, after.Status);
        // The same state seen again (a repeated webhook, a poll) changes nothing
        Assert.Empty(PaymentDecisions.Observe(after, new IntentState("requires_capture", 1_000, null, Created), Lifetime, now).Events);
    }

    [Theory]
    [InlineData("requires_payment_method", "card_declined", "card_declined")]
    [InlineData("canceled", null, "canceled")]
    public void A_declined_or_cancelled_intent_fails_a_pending_payment(string status, string? error, string reason)
    {
        var decision = PaymentDecisions.Observe(Opened(), new IntentState(status, 0, error, Created), Lifetime, Created);

        Assert.Equal(reason, Assert.IsType<PaymentDeclined>(Assert.Single(decision.Events)).Reason);
    }

    [Theory]
    [InlineData("requires_payment_method")]
    [InlineData("requires_action")]
    [InlineData("processing")]
    public void An_intent_still_waiting_for_the_customer_changes_nothing(string status) =>
        Assert.Empty(PaymentDecisions.Observe(Opened(), new IntentState(status, 0, null, Created), Lifetime, Created).Events);

    [Fact]
    public void A_late_event_about_an_earlier_state_never_undoes_a_capture_or_a_void()
    {
        var captured = Opened() with { Status = PaymentStatuses.Captured };
        var voided = Opened() with { Status = PaymentStatuses.Cancelled };

        Assert.Empty(PaymentDecisions.Observe(captured, new IntentState("requires_capture", 1_000, null, Created), Lifetime, Created).Events);
        Assert.Empty(PaymentDecisions.Observe(voided, new IntentState("requires_payment_method", 0, "card_declined", Created), Lifetime, Created).Events);
    }

    [Fact]
    public void An_authorisation_is_announced_as_lapsing_once_its_notice_begins_and_only_once()
    {
        var notice = TimeSpan.FromHours(12);
        var payment = EventSourced.Fold(Opened(), [new PaymentAuthorisationConfirmed(Guid.Empty, new Money(1_000, "EUR"), Created, Created + Lifetime)])!;

        Assert.Empty(PaymentDecisions.WatchLapse(payment, notice, Created + Lifetime - notice - TimeSpan.FromSeconds(1)).Events);
        var decision = PaymentDecisions.WatchLapse(payment, notice, Created + Lifetime - notice);

        Assert.Equal(Created + Lifetime, Assert.IsType<PaymentLapsingNoticed>(Assert.Single(decision.Events)).CaptureBefore);
        Assert.Empty(PaymentDecisions.WatchLapse(EventSourced.Fold(payment, decision.Events)!, notice, Created + Lifetime).Events);
        Assert.Empty(PaymentDecisions.WatchLapse(Opened(), notice, Created + Lifetime).Events);
    }

    [Fact]
    public void A_shops_profile_keeps_its_highest_version_whatever_the_order_of_arrival()
    {
        var shop = Guid.NewGuid();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        ShopPayouts? state = null;
        foreach (var profile in new[] { new ShopProfileNoted(shop, 3, "C", [second]), new ShopProfileNoted(shop, 1, "A", [first]), new ShopProfileNoted(shop, 3, "C", [second]) })
        {
            state = EventSourced.Fold(state, ShopPayouts.Note(state, profile).Events);
        }

        Assert.Equal(3, state!.ProfileVersion);
        Assert.Equal([second], state.Owners);
        Assert.Equal(PayoutStates.NotConnected, state.State);
    }

    [Fact]
    public void A_connected_account_tells_its_capability_only_when_it_changes()
    {
        var shop = Guid.NewGuid();
        var state = EventSourced.Fold<ShopPayouts>(null, [new ShopProfileNoted(shop, 1, "A", []), new ShopAccountOpened(shop, "acct_1", Created)])!;
        Assert.Equal(PayoutStates.Onboarding, state.State);

        Assert.Empty(ShopPayouts.Observe(state, false, Created).Events);
        var active = ShopPayouts.Observe(state, true, Created);

        Assert.True(Assert.IsType<ShopTransfersCapabilityChanged>(Assert.Single(active.Events)).CanReceiveTransfers);
        var after = EventSourced.Fold(state, active.Events)!;
        Assert.Equal(PayoutStates.CanReceiveTransfers, after.State);
        Assert.Empty(ShopPayouts.Observe(after, true, Created).Events);
    }

    private static Payment Opened() => EventSourced.Fold<Payment>(null, [new PaymentOpened(
        Guid.Empty, Guid.NewGuid(), new Money(1_000, "EUR"), Created, Created.AddMinutes(15), [], "pi_1", "pi_1_secret_x", Created, Created)])!;
}
