using Marketplace.Contracts;
using Marketplace.Contracts.Ordering;
using Marketplace.Platform.Notifications.Orders;

namespace Marketplace.UnitTests.Platform;

/// <summary>The order mails' words in English, and how amounts, slots and addresses are written in each language.</summary>
public sealed class OrderMailsTests
{
    private static readonly Guid Order = Guid.Parse("0f3a9c2e-0000-4000-8000-000000000001");

    [Theory]
    [InlineData(1250, "EUR", "fr", "12,50 €")]
    [InlineData(1250, "EUR", "en", "€12.50")]
    [InlineData(1, "EUR", "en", "€0.01")]
    [InlineData(123456, "EUR", "fr", "1 234,56 €")]
    [InlineData(500, "GBP", "en", "£5.00")]
    public void Amounts_are_written_as_the_language_writes_them(long minor, string currency, string language, string expected) =>
        Assert.Equal(expected, OrderMails.Amount(new Money(minor, currency), language).Replace('\u202f', ' ').Replace('\u00a0', ' '));

    [Fact]
    public void A_pickup_slot_is_written_in_the_cooperative_s_time_and_a_delivery_by_its_address()
    {
        var start = new DateTimeOffset(2026, 7, 3, 8, 0, 0, TimeSpan.Zero); // summer: 10:00 in Paris
        var pickup = new HandOver(start, start.AddHours(1), null);
        Assert.Equal("to collect on Friday 3 July, 10:00–11:00", OrderMails.Describe(pickup, "en"));
        Assert.Equal("à retirer le vendredi 3 juillet, 10:00–11:00", OrderMails.Describe(pickup, "fr"));
        Assert.Equal("delivery to 3 rue des Arts, 69001 Lyon", OrderMails.Describe(new HandOver(null, null, "3 rue des Arts, 69001 Lyon"), "en"));
        Assert.Equal("to collect at the shop", OrderMails.Describe(new HandOver(null, null, null), "en"));
    }

    [Theory]
    [InlineData(EndReasons.RefusedByShop, "Boulangerie cannot prepare it")]
    [InlineData(EndReasons.Unanswered, "Boulangerie did not answer in time")]
    [InlineData(EndReasons.AuthorisationLapsing, "Boulangerie did not answer in time")]
    [InlineData(EndReasons.CancelledByCustomer, "you cancelled it")]
    public void A_withdrawn_part_says_why_and_that_it_is_not_charged(string reason, string why)
    {
        var (subject, body) = OrderMails.Withdrawn("en", "Sam", Order, "Boulangerie", reason, "https://web/en/coops/x/orders/1");
        Assert.Equal("Order 0F3A9C2E: the part from Boulangerie is cancelled", subject);
        Assert.Contains($"is cancelled: {why}.", body, StringComparison.Ordinal);
        Assert.Contains("You will not be charged for it.", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EndReasons.StockShort, "some products are no longer available")]
    [InlineData(EndReasons.PaymentTimedOut, "the payment was not made in time")]
    [InlineData(EndReasons.CancelledByCustomer, "you cancelled it")]
    [InlineData(EndReasons.StockUnconfirmed, "the products' availability could not be confirmed in time")]
    public void A_cancelled_order_says_why(string reason, string why) =>
        Assert.Contains($"is cancelled: {why}", OrderMails.Cancelled("en", "Sam", Order, reason, "link").Body, StringComparison.Ordinal);

    [Fact]
    public void An_order_whose_stock_was_never_confirmed_says_so_in_French_too() =>
        Assert.Contains(
            "Votre commande 0F3A9C2E est annulée : la disponibilité des produits n'a pas pu être confirmée à temps.\nRien ne vous a été débité.",
            OrderMails.Cancelled("fr", "Léa", Order, EndReasons.StockUnconfirmed, "link").Body,
            StringComparison.Ordinal);

    [Fact]
    public void Ready_and_handed_over_speak_of_delivery_or_collection()
    {
        var delivered = new OrderPart(Guid.NewGuid(), [], new Money(900, "EUR"), new HandOver(null, null, "1 quai, 13002 Marseille"));
        Assert.Equal("Boulangerie: your order 0F3A9C2E is on its way", OrderMails.Ready("en", "Sam", Order, "Boulangerie", delivered, "link").Subject);
        Assert.Equal("Boulangerie : commande 0F3A9C2E livrée", OrderMails.HandedOver("fr", "Sam", Order, "Boulangerie", delivered, "link").Subject);
        Assert.Equal("Boulangerie: your order 0F3A9C2E is ready", OrderMails.Ready("en", "Sam", Order, "Boulangerie", null, "link").Subject);
        Assert.Equal("Boulangerie: order 0F3A9C2E collected", OrderMails.HandedOver("en", "Sam", Order, "Boulangerie", null, "link").Subject);
    }
}
