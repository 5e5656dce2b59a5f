using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Accounts;
using Marketplace.IntegrationTests.Catalog.Questions;
using Marketplace.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using CatalogContracts = Marketplace.Contracts.Catalog;

namespace Marketplace.IntegrationTests.Catalog.StockAlerts;

/// <summary>
/// "Tell me when it's back": a signed-in customer asks on an out-of-stock product, the product comes back by any path,
/// she gets one mail in her language with a link to the product, and the request is done.
/// </summary>
public sealed class StockAlertsTests : MarketplaceTest
{
    private TenantId _coop;
    private Guid _shop;
    private Guid _owner;
    private string _frenchEmail = null!;
    private string _englishEmail = null!;
    private Guid _french;
    private Guid _english;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _owner = await App.SignUpAsync(AccountsApi.NewEmail("owner"), language: "fr", displayName: "Léa Martin");
        _shop = await App.ApprovedShopAsync(_coop, "Fromagerie Léa", _owner);
        _frenchEmail = AccountsApi.NewEmail("cliente");
        _englishEmail = AccountsApi.NewEmail("customer");
        _french = await App.SignUpAsync(_frenchEmail, language: "fr", displayName: "Camille Roux");
        _english = await App.SignUpAsync(_englishEmail, language: "en", displayName: "Jo Client");
    }

    /// <summary>A customer who signed up holds no role in the cooperative (ADR 35): a bare signed-in token.</summary>
    private HttpClient As(Guid account) => App.CatalogClient(MarketplaceApp.Token(account));

    private string AlertPath(Guid product, TenantId? coop = null) => $"/api/coops/{coop ?? _coop}/products/{product}/stock-alert";

    private async Task<Guid> OutOfStockAsync(string fr = "Comté 18 mois", string en = "18-month Comté") =>
        await App.ListProductAsync(_coop, _shop, fr, stock: 0, nameEn: en);

    private async Task AdjustAsync(Guid product, int quantity, string reason)
    {
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        var response = await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products/{product}/stock-adjustments", new { quantity, reason });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonElement> AskAsync(Guid account, Guid product)
    {
        using var client = As(account);
        var response = await client.PutAsync(AlertPath(product), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<bool> RequestedAsync(Guid account, Guid product)
    {
        using var client = As(account);
        var response = await client.GetAsync(AlertPath(product));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requested").GetBoolean();
    }

    [Fact]
    public async Task Asking_then_a_restock_mails_once_in_her_language_and_a_later_restock_mails_nobody()
    {
        var comte = await OutOfStockAsync();

        var asked = await AskAsync(_french, comte);
        var again = await AskAsync(_french, comte); // one click twice: one request
        Assert.True(asked.GetProperty("requested").GetBoolean());
        Assert.Equal(asked.GetProperty("requestedAt").GetString(), again.GetProperty("requestedAt").GetString());
        Assert.True(await RequestedAsync(_french, comte));
        Assert.False(await RequestedAsync(_english, comte)); // her request is hers only

        await AdjustAsync(comte, 3, "restock");

        var mail = await MailToAsync(_frenchEmail);
        Assert.Equal("« Comté 18 mois » est de retour", mail.Subject);
        Assert.Contains("Bonjour Camille Roux", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Fromagerie Léa", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://web.marketplace.test/fr/coops/{_coop}/products/{comte}", mail.TextBody, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => !await RequestedAsync(_french, comte), "the request done");

        // Sold out again, then restocked: she asked once, so she hears once. Another customer asks in between (a
        // marker): her mail proves the second restock went all the way through.
        await AdjustAsync(comte, -3, "sale-in-shop");
        await AskAsync(_english, comte);
        await AdjustAsync(comte, 2, "restock");

        var english = await MailToAsync(_englishEmail);
        Assert.Equal("\"18-month Comté\" is back", english.Subject);
        Assert.Contains($"https://web.marketplace.test/en/coops/{_coop}/products/{comte}", english.TextBody, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(MailsTo(_frenchEmail));
        Assert.Single(MailsTo(_englishEmail));
    }

    [Fact]
    public async Task A_cancelled_request_mails_nobody()
    {
        var comte = await OutOfStockAsync();
        await AskAsync(_french, comte);
        await AskAsync(_english, comte);

        using var french = As(_french);
        Assert.Equal(HttpStatusCode.NoContent, (await french.DeleteAsync(AlertPath(comte))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await french.DeleteAsync(AlertPath(comte))).StatusCode); // again: nothing to do
        Assert.False(await RequestedAsync(_french, comte));
        await AdjustAsync(comte, 1, "restock");

        await MailToAsync(_englishEmail); // the one still waiting is told: the restock went through
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(MailsTo(_frenchEmail));
    }

    [Fact]
    public async Task A_hold_that_ends_brings_the_product_back_and_tells_whoever_waits()
    {
        var comte = await App.ListProductAsync(_coop, _shop, "Comté 24 mois", stock: 1, nameEn: "24-month Comté");
        using var buyer = App.CatalogClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:customer"));
        var reservation = Guid.NewGuid();
        var held = await buyer.PostAsJsonAsync($"/api/coops/{_coop}/reservations", new { reservationId = reservation, lines = new[] { new { productId = comte, quantity = 1 } } });
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        await AskAsync(_english, comte); // the last unit is in someone's checkout: out of stock for now

        Assert.Equal(HttpStatusCode.OK, (await buyer.PostAsJsonAsync($"/api/coops/{_coop}/reservations/{reservation}/release", new { reason = "cancelled" })).StatusCode);

        Assert.Equal("\"24-month Comté\" is back", (await MailToAsync(_englishEmail)).Subject);
    }

    [Fact]
    public async Task Asking_for_a_product_in_stock_is_a_conflict_and_an_archived_or_unknown_one_is_not_found()
    {
        var inStock = await App.ListProductAsync(_coop, _shop, "Morbier", stock: 4);
        var archived = await OutOfStockAsync("Bleu de Gex", "Gex blue");
        await App.ArchiveAsync(_coop, _shop, archived);
        using var client = As(_french);

        var conflict = await client.PutAsync(AlertPath(inStock), null);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("stock.in_stock", (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsync(AlertPath(archived), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsync(AlertPath(Guid.NewGuid()), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(AlertPath(archived))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CatalogClient().PutAsync(AlertPath(inStock), null)).StatusCode);
    }

    [Fact]
    public async Task Another_cooperatives_route_does_not_reach_this_product()
    {
        var comte = await OutOfStockAsync();
        var other = await App.OnboardAsync();
        using var client = As(_french);

        var response = await client.PutAsync(AlertPath(comte, other), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("product.not_found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.False(await RequestedAsync(_french, comte));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_mails_each_account_once()
    {
        var product = Guid.NewGuid();
        var message = new CatalogContracts.StockAlertsDue(
            _coop, Guid.NewGuid(), product, _shop, "Fromagerie Léa", "Tomme", "Tomme cheese", [_french, _english], DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();

        await Task.WhenAll(
            App.Probe.PublishAsync(message, messageId, _coop.Value),
            App.Probe.PublishAsync(message, messageId, _coop.Value));
        await MailToAsync(_frenchEmail);
        await MailToAsync(_englishEmail);
        await App.Probe.PublishAsync(message, messageId, _coop.Value);

        // A later message to the same people, delivered: the redelivery before it was consumed too.
        var marker = message with { BatchId = Guid.NewGuid(), ProductNameFr = "Marqueur", ProductNameEn = "Marker" };
        await App.Probe.PublishAsync(marker, Guid.NewGuid(), _coop.Value);
        await Eventually.TrueAsync(() => Task.FromResult(MailsTo(_frenchEmail).Count >= 2 && MailsTo(_englishEmail).Count >= 2), "the marker mails");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Single(MailsTo(_frenchEmail), m => m.Subject!.Contains("Tomme", StringComparison.Ordinal));
        Assert.Single(MailsTo(_englishEmail), m => m.Subject!.Contains("Tomme", StringComparison.Ordinal));
        await using var session = App.Platform.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var suffix = $":{_coop}:{messageId}";
        Assert.Equal(1, await session.Query<Marketplace.ServiceDefaults.Messaging.ProcessedMessage>().CountAsync(m => m.Id.EndsWith(suffix)));
    }

    [Fact]
    public async Task Back_in_stock_delivered_twice_serves_the_requests_once()
    {
        var comte = await OutOfStockAsync();
        await AskAsync(_french, comte);
        var message = new CatalogContracts.ProductBackInStock(_coop, comte, _shop, 1, DateTimeOffset.UtcNow.AddSeconds(1));
        var messageId = Guid.NewGuid();

        await Task.WhenAll(
            App.Probe.PublishAsync(message, messageId, _coop.Value),
            App.Probe.PublishAsync(message, messageId, _coop.Value));

        await MailToAsync(_frenchEmail);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(MailsTo(_frenchEmail));
        Assert.False(await RequestedAsync(_french, comte));
    }

    [Fact]
    public async Task Archiving_a_product_drops_its_requests_so_a_later_restock_mails_nobody_about_it()
    {
        // Given a customer waiting for a sold-out product
        var gex = await OutOfStockAsync("Bleu de Gex", "Gex blue");
        await AskAsync(_french, gex);

        // When its shop archives it, then puts it back on sale and restocks it
        await App.ArchiveAsync(_coop, _shop, gex);

        // Then her request is gone with it (ADR 44, amended)
        Assert.Equal(0, await WaitingAsync(gex));
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{_coop}/shops/{_shop}/products/{gex}/reactivate", null)).StatusCode);
        await AskAsync(_english, gex); // a marker: asked after it came back on sale
        await AdjustAsync(gex, 2, "restock");

        // And only the customer who asked after is told
        await MailToAsync(_englishEmail);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(MailsTo(_frenchEmail));
    }

    [Fact]
    public async Task A_request_left_on_an_archived_product_is_dropped_without_a_mail_when_it_comes_back_in_stock()
    {
        // Given a request recorded before archiving dropped requests, on a product now archived
        var gex = await OutOfStockAsync("Bleu de Gex", "Gex blue");
        await App.ArchiveAsync(_coop, _shop, gex);
        var sessions = App.Catalog.Services.GetRequiredService<Marketplace.ServiceDefaults.Tenancy.CooperativeSessions>();
        await using (var session = sessions.OpenSession(_coop))
        {
            session.Store(new Marketplace.Catalog.StockAlerts.StockAlert(
                Marketplace.Catalog.StockAlerts.StockAlert.IdOf(gex, _french), gex, _french, DateTimeOffset.UtcNow.AddMinutes(-5)));
            await session.SaveChangesAsync();
        }

        // When its stock comes back anyway
        await App.Probe.PublishAsync(new CatalogContracts.ProductBackInStock(_coop, gex, _shop, 1, DateTimeOffset.UtcNow), Guid.NewGuid(), _coop.Value);

        // Then the request is dropped and nobody is mailed a link to a page that is not found
        await Eventually.TrueAsync(async () => await WaitingAsync(gex) == 0, "the request dropped");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(MailsTo(_frenchEmail));
    }

    private async Task<int> WaitingAsync(Guid product)
    {
        await using var session = App.Catalog.Services.GetRequiredService<Marketplace.ServiceDefaults.Tenancy.CooperativeSessions>().QuerySession(_coop);
        return await session.Query<Marketplace.Catalog.StockAlerts.StockAlert>().CountAsync(a => a.ProductId == product);
    }

    private List<MimeMessage> MailsTo(string email) =>
        App.Mail.Received()
            .Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => !AccountsApi.IsConfirmationMail(m)) // the one each account got at sign-up
            .ToList();

    private async Task<MimeMessage> MailToAsync(string email)
    {
        await Eventually.TrueAsync(() => Task.FromResult(MailsTo(email).Count > 0), "a mail to " + email);
        return MailsTo(email)[^1];
    }
}
