using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Accounts;
using Marketplace.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Stripe;
using Xunit.Abstractions;
using PaymentsContracts = Marketplace.Contracts.Payments;

namespace Marketplace.IntegrationTests.Ordering;

/// <summary>
/// A whole order through the real services, no stand-in: Catalog holds, sells and releases the stock, Ordering runs
/// the process, Payments authorises, captures and pays the shops through the local Stripe sandbox, and the Platform
/// mails the customer. Only the customer's card and the shops' onboarding pages are the test's (on the sandbox).
/// </summary>
public sealed class WholeOrderTests(ITestOutputHelper output) : MarketplaceTest
{
    [Fact]
    public async Task A_two_shop_order_is_held_paid_once_split_between_the_accepting_shop_and_the_cooperative_and_collected()
    {
        var watch = Stopwatch.StartNew();
        var journey = await OrderJourney.StartAsync(App);
        var setUp = watch.Elapsed;

        // Given a customer's basket from both shops: two loaves (pickup at the bakery), three cheeses (delivered)
        var order = await journey.CheckoutAsync();

        // Then Catalog holds every unit, and Payments opens one PaymentIntent for the whole order
        await journey.WaitForStockAsync(journey.Bread, (10, 2, 8));
        await journey.WaitForStockAsync(journey.Cheese, (5, 3, 2));
        var intentId = await journey.IntentAsync(order);
        var intent = await new PaymentIntentService(App.Stripe.Client()).GetAsync(intentId);
        Assert.Equal((3_010L, "manual", order.ToString()), (intent.Amount, intent.CaptureMethod, intent.TransferGroup));

        // When the customer pays with a card, the bakery accepts and the dairy refuses with a reason
        await journey.PayAsync(intentId);
        await journey.AnswerAsync(order);

        // Then only the bakery's part is captured and paid out to its account, minus the fee; nothing to the dairy
        await journey.AssertMoneyAsync(order, intentId);
        // And the bread is sold, the cheese back on sale
        await journey.WaitForStockAsync(journey.Bread, (8, 0, 8));
        await journey.WaitForStockAsync(journey.Cheese, (5, 0, 5));

        // When the bakery has it ready, then hands it over
        await journey.HandOverAsync(order);

        // Then the order shows each part's end, and the customer was told in French at every step
        await journey.AssertEndAsync(order);
        output.WriteLine($"cooperative, shops and products: {setUp.TotalSeconds:F1} s; the order, from checkout to the last mail: {(watch.Elapsed - setUp).TotalSeconds:F1} s");
    }
}

/// <summary>
/// A cooperative with two shops, each approved, connected to Stripe through Payments' onboarding on the sandbox and
/// listing a product, and a signed-up customer; then each step of one order as its people take it.
/// </summary>
internal sealed class OrderJourney
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private readonly MarketplaceApp _app;

    private OrderJourney(MarketplaceApp app) => _app = app;

    public TenantId Coop { get; private set; }

    public Guid Bakery { get; private set; }

    public Guid Dairy { get; private set; }

    public Guid Baker { get; private set; }

    public Guid CheeseMaker { get; private set; }

    public string BakeryAccount { get; private set; } = null!;

    public string DairyAccount { get; private set; } = null!;

    /// <summary>10.55 € at 5.5 % VAT: 10.00 € without it, so the default fee (5 % of the amount without VAT) is exact.</summary>
    public Guid Bread { get; private set; }

    public Guid Cheese { get; private set; }

    public Guid Customer { get; private set; }

    public string CustomerEmail { get; } = AccountsApi.NewEmail("cliente");

    public static async Task<OrderJourney> StartAsync(MarketplaceApp app)
    {
        var journey = new OrderJourney(app);
        journey.Coop = await app.OnboardAsync();
        journey.Customer = await app.SignUpAsync(journey.CustomerEmail, language: "fr", displayName: "Chloé Petit");
        (journey.Baker, journey.CheeseMaker) = (Guid.NewGuid(), Guid.NewGuid());
        journey.Bakery = await journey.ShopAsync("Boulangerie Martin", journey.Baker, delivery: false);
        journey.Dairy = await journey.ShopAsync("Fromagerie du Marché", journey.CheeseMaker, delivery: true);
        journey.BakeryAccount = await journey.ConnectAsync(journey.Bakery, journey.Baker);
        journey.DairyAccount = await journey.ConnectAsync(journey.Dairy, journey.CheeseMaker);
        journey.Bread = await app.ListProductAsync(journey.Coop, journey.Bakery, "Pain de campagne", priceMinor: 1_055, stock: 10, category: "Boulangerie");
        journey.Cheese = await app.ListProductAsync(journey.Coop, journey.Dairy, "Saint-Marcellin", priceMinor: 300, stock: 5, category: "Fromagerie");

        // Ordering opens each shop for orders once Catalog approved it and Payments says it can receive transfers;
        // Catalog hears of it back (ShopOpenedForOrders).
        using var admin = app.CatalogClient(MarketplaceApp.Token($"{journey.Coop}:admin"));
        foreach (var shop in new[] { journey.Bakery, journey.Dairy })
        {
            await Eventually.TrueAsync(
                async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{journey.Coop}/shops/{shop}")).GetProperty("acceptsOrders").GetBoolean(),
                $"shop {shop} open for orders");
        }

        return journey;
    }

    /// <summary>The customer as she signed up: no role in the cooperative (a customer needs none, ADR 35).</summary>
    public HttpClient CustomerOf(Func<string?, HttpClient> client) => client(MarketplaceApp.Token(Customer));

    /// <summary>Fills the basket (two loaves, three cheeses) and checks out: the bakery in a pickup slot tomorrow, the dairy delivered.</summary>
    public async Task<Guid> CheckoutAsync(bool filled = false)
    {
        using var customer = CustomerOf(_app.OrderingClient);
        if (!filled)
        {
            await FillBasketAsync();
        }

        var order = Guid.NewGuid();
        var start = Slot(days: 1, hour: 10);
        var request = new
        {
            orderId = order,
            language = "fr",
            shops = new object[]
            {
                new { shopId = Bakery, pickup = new { start, end = start.AddMinutes(30) } },
                new { shopId = Dairy, delivery = new { line1 = "3 place du Marché", line2 = (string?)null, postcode = "38000", city = "Grenoble", country = "FR" } },
            },
        };
        var placed = await customer.PostAsJsonAsync($"/api/coops/{Coop}/orders", request);
        if (placed.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            // As a real client does: the same checkout again after the delay named (a busy machine, ADR 2).
            await Task.Delay(placed.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            placed = await customer.PostAsJsonAsync($"/api/coops/{Coop}/orders", request);
        }

        Assert.True(placed.StatusCode == HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        Assert.Equal(3_010L, (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetProperty("minor").GetInt64());
        return order;
    }

    /// <summary>Two loaves and three cheeses, once Ordering knows the products from Catalog.</summary>
    public async Task FillBasketAsync()
    {
        using var customer = CustomerOf(_app.OrderingClient);
        await PutAsync(customer, Bread, 2);
        await PutAsync(customer, Cheese, 3);
    }

    /// <summary>The PaymentIntent Payments opened for the order, as its customer reads it (pending, the whole total).</summary>
    public async Task<string> IntentAsync(Guid order)
    {
        var payment = await PaymentAsync(order, "pending");
        Assert.Equal(3_010L, payment.GetProperty("amount").GetProperty("minor").GetInt64());
        return payment.GetProperty("clientSecret").GetString()!.Split("_secret_")[0];
    }

    /// <summary>The customer confirms with Stripe's test card (pm_card_visa) through the sandbox's API; Payments hears it authorised.</summary>
    public async Task PayAsync(string intentId)
    {
        var confirmed = await new PaymentIntentService(_app.Stripe.Client()).ConfirmAsync(intentId, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });
        Assert.Equal("requires_capture", confirmed.Status);
    }

    /// <summary>Once the shops see the order in their queue: the bakery accepts, the dairy refuses with its reason.</summary>
    public async Task AnswerAsync(Guid order)
    {
        using var baker = OwnerClient(Baker);
        using var cheeseMaker = OwnerClient(CheeseMaker);
        await Eventually.TrueAsync(
            async () => (await cheeseMaker.GetFromJsonAsync<JsonElement>($"/api/coops/{Coop}/shops/{Dairy}/orders")).GetProperty("items").EnumerateArray()
                .Any(o => o.GetProperty("orderId").GetGuid() == order && o.GetProperty("subOrder").GetProperty("status").GetString() == "awaiting-shop"),
            "the order in the dairy's queue, authorised");
        Assert.Equal(HttpStatusCode.OK, (await baker.PostAsync($"/api/coops/{Coop}/shops/{Bakery}/orders/{order}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cheeseMaker.PostAsJsonAsync($"/api/coops/{Coop}/shops/{Dairy}/orders/{order}/refuse", new { note = "Plus de Saint-Marcellin aujourd'hui" })).StatusCode);
    }

    /// <summary>
    /// 21.10 € captured of the 30.10 € authorised; one transfer to the bakery of 21.10 € minus 5 % of 20.00 € (the
    /// subtotal without VAT) = 20.10 €; nothing to the dairy; the cooperative keeps 1.00 €.
    /// </summary>
    public async Task AssertMoneyAsync(Guid order, string intentId)
    {
        var payment = await PaymentAsync(order, "captured");
        var line = Assert.Single(payment.GetProperty("lines").EnumerateArray());
        Assert.Equal(Bakery, line.GetProperty("shopId").GetGuid());
        Assert.Equal(
            (2_110L, 100L, 2_010L),
            (line.GetProperty("subtotal").GetProperty("minor").GetInt64(), line.GetProperty("fee").GetProperty("minor").GetInt64(), line.GetProperty("transfer").GetProperty("minor").GetInt64()));

        var stripe = _app.Stripe.Client();
        var intent = await new PaymentIntentService(stripe).GetAsync(intentId);
        Assert.Equal(("succeeded", 3_010L, 2_110L), (intent.Status, intent.Amount, intent.AmountReceived));
        var transfers = await new TransferService(stripe).ListAsync(new TransferListOptions { TransferGroup = order.ToString(), Limit = 100 });
        var transfer = Assert.Single(transfers);
        Assert.Equal((2_010L, "eur", BakeryAccount, intent.LatestChargeId), (transfer.Amount, transfer.Currency, transfer.DestinationId, transfer.SourceTransactionId));
        Assert.Empty((await new TransferService(stripe).ListAsync(new TransferListOptions { Destination = DairyAccount, Limit = 100 })).Data);
        var captured = (PaymentsContracts.PaymentCaptured)(await _app.Probe.WaitForAsync<PaymentsContracts.PaymentCaptured>(m => m.OrderId == order)).Message;
        Assert.Equal(2_110L, captured.Amount.Minor);
    }

    public async Task HandOverAsync(Guid order)
    {
        using var baker = OwnerClient(Baker);
        using var customer = CustomerOf(_app.OrderingClient);
        await Eventually.TrueAsync(async () => (await OrderAsync(customer, order)).GetProperty("status").GetString() == "paid", "Ordering hears the capture");
        Assert.Equal(HttpStatusCode.OK, (await baker.PostAsync($"/api/coops/{Coop}/shops/{Bakery}/orders/{order}/ready", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await baker.PostAsync($"/api/coops/{Coop}/shops/{Bakery}/orders/{order}/handed-over", null)).StatusCode);
    }

    public async Task AssertEndAsync(Guid order)
    {
        using var customer = CustomerOf(_app.OrderingClient);
        var view = await OrderAsync(customer, order);
        Assert.Equal(("completed", 2_110L), (view.GetProperty("status").GetString(), view.GetProperty("captured").GetProperty("minor").GetInt64()));
        var parts = view.GetProperty("subOrders").EnumerateArray().ToDictionary(s => s.GetProperty("shopId").GetGuid());
        Assert.Equal(("handed-over", "pickup"), (parts[Bakery].GetProperty("status").GetString(), parts[Bakery].GetProperty("fulfilment").GetProperty("kind").GetString()));
        Assert.Equal(
            ("withdrawn", "refused-by-shop", "Plus de Saint-Marcellin aujourd'hui", "delivery"),
            (parts[Dairy].GetProperty("status").GetString(), parts[Dairy].GetProperty("reason").GetString(), parts[Dairy].GetProperty("note").GetString(), parts[Dairy].GetProperty("fulfilment").GetProperty("kind").GetString()));
        Assert.Equal(
            ["order-placed", "stock-held", "payment-authorised", "sub-order-accepted", "sub-order-withdrawn", "ready-to-capture", "payment-captured", "sub-order-ready", "sub-order-handed-over"],
            view.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("type").GetString()));

        // The customer's mails, in the order's language: received, accepted, the dairy's part cancelled, charged, ready, collected
        var reference = order.ToString("N")[..8].ToUpperInvariant();
        string[] expected =
        [
            $"Commande {reference} reçue",
            $"Boulangerie Martin a accepté votre commande {reference}",
            $"Commande {reference} : la partie de Fromagerie du Marché est annulée",
            $"Commande {reference} : paiement de 21,10 €",
            $"Boulangerie Martin : votre commande {reference} est prête",
            $"Boulangerie Martin : commande {reference} retirée",
        ];
        // (four minutes: after the restart test's three restarts each service's relay catches up its cooperatives first, and
        // a benchmark run just before leaves the Platform hundreds of order mails to write and send)
        IReadOnlyList<MimeMessage> mails;
        try
        {
            mails = await _app.MailsToAsync(CustomerEmail, m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true, expected.Length, TimeSpan.FromMinutes(4));
        }
        catch (Xunit.Sdk.XunitException e)
        {
            // Where a missing mail stopped: never handled by the Platform, or written and not sent (its attempts)
            await using var platform = _app.Platform.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
            var written = await Marten.QueryableExtensions.ToListAsync(platform.Query<Marketplace.Platform.Notifications.OutgoingMail>().Where(m => m.To == CustomerEmail));
            var handled = await Marten.QueryableExtensions.ToListAsync(platform.Query<Marketplace.ServiceDefaults.Messaging.ProcessedMessage>().Where(m => m.Id.Contains($":{Coop}:")).Select(m => m.Id));
            throw new Xunit.Sdk.XunitException(
                $"{e.Message}; written: {string.Join(" | ", written.Select(m => $"{m.Subject} (attempts {m.Attempts}, sent {m.SentAt:O})"))}; " +
                $"handled by the Platform: {string.Join(", ", handled.Select(id => id.Split(':')[0]).Order())}; " +
                $"the Platform's PaymentCaptured queues now: {await QueueDepthsAsync("platform-tell-customer-of-payment-captured")}");
        }

        Assert.Equal(expected.Order(), mails.Select(m => m.Subject).Order());
        Assert.Contains("30,10 €", Body(mails, expected[0]), StringComparison.Ordinal);
        Assert.Contains("Fromagerie du Marché : 9,00 €, livraison : 3 place du Marché, 38000 Grenoble", Body(mails, expected[0]), StringComparison.Ordinal);
        Assert.Contains("21,10 € ont été débités", Body(mails, expected[3]), StringComparison.Ordinal);

        // And she is now one of the cooperative's customers in its members list (her order made her one; it needed no role)
        using var admin = _app.PlatformClient(MarketplaceApp.Token($"{Coop}:admin"));
        await Eventually.TrueAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{Coop}/memberships?pageSize=200")).GetProperty("items").EnumerateArray()
                .Any(m => m.GetProperty("email").GetString() == CustomerEmail && m.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).SequenceEqual(["customer"])),
            "the customer in the members list");
    }

    public async Task WaitForStockAsync(Guid product, (int OnHand, int Reserved, int Available) stock)
    {
        (int, int, int) last = default;
        await Eventually.TrueAsync(async () => (last = await StockOfAsync(product)) == stock, $"product {product}'s stock {stock} (last {last})");
    }

    public async Task<(int OnHand, int Reserved, int Available)> StockOfAsync(Guid product)
    {
        using var client = _app.CatalogClient(MarketplaceApp.Token($"{Coop}:admin"));
        var stock = (await client.GetFromJsonAsync<JsonElement>($"/api/coops/{Coop}/products/{product}")).GetProperty("stock");
        return (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("reserved").GetInt32(), stock.GetProperty("available").GetInt32());
    }

    /// <summary>The order's payment as its customer reads it through Payments, once it has <paramref name="status"/>.</summary>
    public async Task<JsonElement> PaymentAsync(Guid order, string status)
    {
        using var client = CustomerOf(_app.PaymentsClient);
        JsonElement found = default;
        await Eventually.TrueAsync(
            async () =>
            {
                using var response = await client.GetAsync($"/api/coops/{Coop}/orders/{order}/payment");
                return response.StatusCode == HttpStatusCode.OK && (found = await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() == status;
            },
            $"order {order}'s payment {status}");
        return found;
    }

    /// <summary>Until the order, as its customer reads it from Ordering, has <paramref name="status"/>.</summary>
    public async Task WaitForOrderAsync(Guid order, string status)
    {
        using var customer = CustomerOf(_app.OrderingClient);
        await Eventually.TrueAsync(async () => (await OrderAsync(customer, order)).GetProperty("status").GetString() == status, $"order {order} {status}");
    }

    public async Task<JsonElement> OrderAsync(HttpClient customer, Guid order) =>
        await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{Coop}/orders/{order}");

    /// <summary>Messages ready in a consumer's queue, its waiting room and its _error queue (what a missing mail waits behind).</summary>
    private async Task<string> QueueDepthsAsync(string queue)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = _app.Infrastructure.RabbitMq };
        await using var connection = await factory.CreateConnectionAsync();
        var depths = new List<string>();
        foreach (var name in new[] { queue, $"{queue}_waiting", $"{queue}_error" })
        {
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                var declared = await channel.QueueDeclarePassiveAsync(name);
                depths.Add($"{name} {declared.MessageCount} ready, {declared.ConsumerCount} consumers");
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                depths.Add($"{name} absent");
            }
        }

        return string.Join(", ", depths);
    }

    public HttpClient OwnerClient(Guid owner) => _app.OrderingClient(MarketplaceApp.Token(owner, $"{Coop}:shop_owner"));

    private static string Body(IReadOnlyList<MimeMessage> mails, string subject) => mails.First(m => m.Subject == subject).TextBody ?? "";

    /// <summary>Registered by its owner with every day's hours, approved by an admin.</summary>
    private async Task<Guid> ShopAsync(string name, Guid owner, bool delivery)
    {
        using var client = _app.CatalogClient(MarketplaceApp.Token(owner, $"{Coop}:member"));
        var response = await client.PostAsJsonAsync($"/api/coops/{Coop}/shops", new
        {
            name,
            description = new { fr = "Une boutique du quartier", en = "A local shop" },
            address = new { line1 = "12 rue de la Paix", postcode = "75002", city = "Paris" },
            openingHours = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(day => new { day, opens = "08:00", closes = "20:00" }),
            fulfilment = new { pickup = true, delivery },
            contact = new { email = "shop@example.org", phone = "01 23 45 67 89" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var shop = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var admin = _app.CatalogClient(MarketplaceApp.Token($"{Coop}:admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{Coop}/shops/{shop}/approve", null)).StatusCode);
        return shop;
    }

    /// <summary>
    /// The owner asks Payments for an onboarding link (once Payments knows the shop from Catalog), completes it on the
    /// sandbox's page as a person would (posts its form), and Payments hears the account can receive transfers.
    /// </summary>
    private async Task<string> ConnectAsync(Guid shop, Guid owner)
    {
        using var client = _app.PaymentsClient(MarketplaceApp.Token(owner, $"{Coop}:shop_owner"));
        var route = $"/api/coops/{Coop}/shops/{shop}/payouts";
        await Eventually.TrueAsync(async () => (await client.GetAsync(route)).StatusCode == HttpStatusCode.OK, "Payments knows the shop from Catalog");
        using var link = await client.PostAsync($"{route}/onboarding", null);
        Assert.True(link.StatusCode == HttpStatusCode.OK, await link.Content.ReadAsStringAsync());
        var body = await link.Content.ReadFromJsonAsync<JsonElement>();
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var page = new Uri(body.GetProperty("url").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(page)).StatusCode);
        using var completed = await browser.PostAsync(page, new FormUrlEncodedContent([]));
        Assert.True(completed.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found, completed.StatusCode.ToString());
        await Eventually.TrueAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>(route)).GetProperty("state").GetString() == "can-receive-transfers",
            $"shop {shop} can receive transfers");
        return body.GetProperty("accountId").GetString()!;
    }

    private async Task PutAsync(HttpClient customer, Guid product, int quantity)
    {
        HttpResponseMessage? response = null;
        await Eventually.TrueAsync(
            async () =>
            {
                response = await customer.PutAsJsonAsync($"/api/coops/{Coop}/basket/lines/{product}", new { quantity });
                return response.StatusCode != HttpStatusCode.NotFound;
            },
            $"Ordering knows product {product}");
        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
    }

    /// <summary>A time <paramref name="days"/> from today at <paramref name="hour"/>:00 in Paris.</summary>
    private static DateTimeOffset Slot(int days, int hour)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).Date.AddDays(days).AddHours(hour);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }
}
