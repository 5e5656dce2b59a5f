using System.Text;
using Marketplace.Contracts;
using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Ordering;
using Marketplace.Contracts.Payments;
using Marketplace.IntegrationTests.Accounts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Platform.Notifications.Orders;
using Marketplace.ServiceDefaults.Messaging;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Marketplace.IntegrationTests.Notifications;

/// <summary>
/// "The customer is told of every change by mail, in their language": each message of the order process mails the
/// customer once (the shops' owners when a sub-order waits for them), whatever the order and number of deliveries.
/// The messages are published as Ordering, Catalog and Payments relay them.
/// </summary>
public sealed class OrderMailsTests : MarketplaceTest
{
    private static readonly Money Eur = new(0, "EUR");
    private TenantId _coop;
    private string _customerEmail = null!;
    private string _cheeseOwnerEmail = null!;
    private string _bakerEmail = null!;
    private Guid _customer;
    private Guid _cheeseOwner;
    private Guid _baker;
    private readonly Guid _cheese = Guid.NewGuid();
    private readonly Guid _bakery = Guid.NewGuid();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _customerEmail = AccountsApi.NewEmail("cliente");
        _cheeseOwnerEmail = AccountsApi.NewEmail("fromager");
        _bakerEmail = AccountsApi.NewEmail("baker");
        _customer = await App.SignUpAsync(_customerEmail, language: "en", displayName: "Chloé Petit");
        _cheeseOwner = await App.SignUpAsync(_cheeseOwnerEmail, language: "fr", displayName: "Léa Martin");
        _baker = await App.SignUpAsync(_bakerEmail, language: "en", displayName: "Sam Baker");
        await PublishAsync(Profile(_cheese, 3, "Fromagerie Léa", _cheeseOwner));
        await PublishAsync(Profile(_bakery, 2, "Old name", _baker));
        await PublishAsync(Profile(_bakery, 4, "Boulangerie du Port", _baker));
        await Eventually.TrueAsync(async () => await ShopNameAsync(_bakery) == "Boulangerie du Port" && await ShopNameAsync(_cheese) is not null, "the shops' profiles");
        var stale = Guid.NewGuid();
        await App.Probe.PublishAsync(Profile(_bakery, 3, "Stale name", _baker), stale, _coop.Value); // older than the one kept
        await Eventually.TrueAsync(() => ProcessedAsync($"remember-shop:{_coop}:{stale}"), "the stale profile handled");
        Assert.Equal("Boulangerie du Port", await ShopNameAsync(_bakery));
    }

    [Fact]
    public async Task Every_step_of_an_order_mails_the_customer_once_in_the_language_of_the_order_and_the_shops_their_new_order()
    {
        var order = Guid.NewGuid();
        var reference = order.ToString("N")[..8].ToUpperInvariant();
        var slot = new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero); // 10:00 in Paris
        var cheese = new SubOrder(
            _cheese,
            [new OrderLine(Guid.NewGuid(), "Comté 18 mois", "18-month Comté", 2, Eur with { Minor = 1250 }, 550)],
            new Fulfilment(Fulfilment.Pickup, slot, slot.AddMinutes(30), null, null),
            Eur with { Minor = 2500 });
        var bread = new SubOrder(
            _bakery,
            [new OrderLine(Guid.NewGuid(), "Pain de campagne", null, 1, Eur with { Minor = 420 }, 550)],
            new Fulfilment(Fulfilment.Delivery, null, null, new DeliveryAddress("3 rue des Arts", null, "69001", "Lyon", "FR"), Eur with { Minor = 0 }),
            Eur with { Minor = 420 });
        var now = DateTimeOffset.UtcNow;

        // The customer signed up in English but ordered from the French pages: the order's language wins.
        await PublishTwiceAsync(new OrderPlaced(_coop, order, _customer, "fr", [cheese, bread], Eur with { Minor = 2920 }, now, now.AddMinutes(30)));
        var placed = await MailAsync(_customerEmail, $"Commande {reference} reçue");
        Assert.Contains("Bonjour Chloé Petit", placed.TextBody, StringComparison.Ordinal);
        Assert.Contains("29,20 €", placed.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Fromagerie Léa : 25,00 €, à retirer le vendredi 4 décembre, 10:00–10:30", placed.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Boulangerie du Port : 4,20 €, livraison : 3 rue des Arts, 69001 Lyon", placed.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://web.marketplace.test/fr/coops/{_coop}/orders/{order}", placed.TextBody, StringComparison.Ordinal);

        await PublishTwiceAsync(new PaymentAuthorised(_coop, order, Eur with { Minor = 2920 }, now, now.AddDays(6)));
        var cheeseOrder = await MailAsync(_cheeseOwnerEmail, $"Nouvelle commande {reference} pour Fromagerie Léa");
        Assert.Contains("- 2 × Comté 18 mois", cheeseOrder.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://web.marketplace.test/fr/coops/{_coop}/back-office/{_cheese}/orders", cheeseOrder.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Pain", cheeseOrder.TextBody, StringComparison.Ordinal); // a shop sees only its own part
        var breadOrder = await MailAsync(_bakerEmail, $"New order {reference} for Boulangerie du Port");
        Assert.Contains("delivery to 3 rue des Arts, 69001 Lyon", breadOrder.TextBody, StringComparison.Ordinal);
        Assert.Contains("- 1 × Pain de campagne", breadOrder.TextBody, StringComparison.Ordinal); // no English name: the French one

        await PublishTwiceAsync(new SubOrderAccepted(_coop, order, _cheese, cheese.Lines, now));
        await MailAsync(_customerEmail, $"Fromagerie Léa a accepté votre commande {reference}");
        await PublishTwiceAsync(new SubOrderWithdrawn(_coop, order, _bakery, bread.Lines, EndReasons.RefusedByShop, now));
        var withdrawn = await MailAsync(_customerEmail, $"Commande {reference} : la partie de Boulangerie du Port est annulée");
        Assert.Contains("Boulangerie du Port ne peut pas la préparer", withdrawn.TextBody, StringComparison.Ordinal);
        await PublishTwiceAsync(new PaymentCaptured(_coop, order, Eur with { Minor = 2500 }, now));
        await MailAsync(_customerEmail, $"Commande {reference} : paiement de 25,00 €");
        await PublishTwiceAsync(new SubOrderReady(_coop, order, _cheese, now));
        await MailAsync(_customerEmail, $"Fromagerie Léa : votre commande {reference} est prête");
        await PublishTwiceAsync(new SubOrderHandedOver(_coop, order, _cheese, now));
        await MailAsync(_customerEmail, $"Fromagerie Léa : commande {reference} retirée");
        await PublishTwiceAsync(new RefundCompleted(_coop, Guid.NewGuid(), order, _cheese, Eur with { Minor = 1250 }, now));
        await MailAsync(_customerEmail, $"Commande {reference} : 12,50 € remboursés");

        // Each message was delivered twice: one mail each. A last message proves the duplicates were consumed before.
        await PublishAsync(new OrderCancelled(_coop, Guid.NewGuid(), EndReasons.StockShort, now)); // an order never placed: retried, then set aside
        var marker = Guid.NewGuid();
        await PublishAsync(new OrderPlaced(_coop, marker, _customer, "en", [cheese], cheese.Subtotal, now, now.AddMinutes(30)));
        await MailAsync(_customerEmail, $"Order {marker.ToString("N")[..8].ToUpperInvariant()} received");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(8, MailsTo(_customerEmail).Count);
        Assert.Single(MailsTo(_cheeseOwnerEmail));
        Assert.Single(MailsTo(_bakerEmail));
    }

    [Fact]
    public async Task A_change_heard_before_its_order_is_mailed_once_the_order_is_known()
    {
        var (order, reference, placed) = BrieOrder();
        var now = placed.PlacedAt;

        await PublishAsync(new OrderCancelled(_coop, order, EndReasons.PaymentFailed, now));
        // Longer than all the in-memory retries (19 s): the cancellation waits in the endpoint's waiting queue meanwhile.
        await Task.Delay(TimeSpan.FromSeconds(25));
        await PublishAsync(placed);

        var cancelled = await MailAsync(_customerEmail, $"Order {reference} cancelled");
        Assert.Contains("the payment did not go through", cancelled.TextBody, StringComparison.Ordinal);
        Assert.Contains("You have not been charged.", cancelled.TextBody, StringComparison.Ordinal);
        await MailAsync(_customerEmail, $"Order {reference} received");
    }

    [Fact]
    public async Task A_change_that_has_waited_its_bound_goes_to_the_error_queue_and_is_not_mailed_when_the_order_comes()
    {
        var (order, reference, placed) = BrieOrder();
        var now = placed.PlacedAt;

        // Given a cancellation that has already waited all its rounds in the waiting queue
        await App.Probe.PublishAsync(
            new OrderCancelled(_coop, order, EndReasons.PaymentFailed, now), Guid.NewGuid(), _coop.Value,
            new Dictionary<string, object> { [WaitingRoom.RoundsHeader] = WaitingRoom.MaxRounds });

        // When its order comes after the in-memory retries (19 s) are spent
        await Task.Delay(TimeSpan.FromSeconds(25));
        await PublishAsync(placed);

        // Then the order is mailed, but the cancellation is in the endpoint's _error queue, not waiting again
        await MailAsync(_customerEmail, $"Order {reference} received");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.DoesNotContain(MailsTo(_customerEmail), m => m.Subject == $"Order {reference} cancelled");
    }

    /// <summary>A one-brie order of the customer's: its id, the reference its mails name, and its OrderPlaced.</summary>
    private (Guid Order, string Reference, OrderPlaced Placed) BrieOrder()
    {
        var order = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var part = new SubOrder(_cheese, [new OrderLine(Guid.NewGuid(), "Brie", "Brie", 1, Eur with { Minor = 900 }, 550)], new Fulfilment(Fulfilment.Pickup, null, null, null, null), Eur with { Minor = 900 });
        return (order, order.ToString("N")[..8].ToUpperInvariant(), new OrderPlaced(_coop, order, _customer, "en", [part], part.Subtotal, now, now.AddMinutes(30)));
    }

    private async Task<string?> ShopNameAsync(Guid shop)
    {
        await using var session = App.Platform.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<ShopCard>(ShopCard.IdOf(_coop, shop)))?.Name;
    }

    private async Task<bool> ProcessedAsync(string key)
    {
        await using var session = App.Platform.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<ProcessedMessage>(key) is not null;
    }

    private ShopProfileChanged Profile(Guid shop, long version, string name, Guid owner) =>
        new(_coop, shop, version, name, true, [owner], [new ShopOpeningPeriod("friday", "09:00", "19:00")], true, true, "shop@example.org", DateTimeOffset.UtcNow);

    private Task PublishAsync<T>(T message)
        where T : class, IIntegrationEvent => App.Probe.PublishAsync(message, Guid.NewGuid(), _coop.Value);

    private async Task PublishTwiceAsync<T>(T message)
        where T : class, IIntegrationEvent
    {
        var id = Guid.NewGuid();
        await Task.WhenAll(App.Probe.PublishAsync(message, id, _coop.Value), App.Probe.PublishAsync(message, id, _coop.Value));
    }

    private List<MimeMessage> MailsTo(string email) =>
        App.Mail.Received()
            .Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => !AccountsApi.IsConfirmationMail(m))
            .ToList();

    private async Task<MimeMessage> MailAsync(string email, string subject)
    {
        await Eventually.TrueAsync(() => Task.FromResult(MailsTo(email).Any(m => m.Subject == subject)), $"the mail \"{subject}\" to {email}");
        return MailsTo(email).Single(m => m.Subject == subject);
    }
}
