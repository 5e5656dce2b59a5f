using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HdrHistogram;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Marketplace.IntegrationTests.Benchmarks.LoadFigures;

namespace Marketplace.IntegrationTests.Benchmarks;

/// <summary>
/// Whole two-shop orders through the running services — Ordering, Catalog, Payments, the Platform — and the local
/// Stripe sandbox, in several cooperatives: basket, checkout (Catalog holds the stock), payment opened, the customer pays
/// on the sandbox, both shops accept, Payments captures and transfers. First the rate at saturation (a fixed number of
/// customers each ordering again as soon as their order is captured), then an open model at half that rate (arrivals
/// on a fixed schedule whatever the answers, latency from each order's scheduled start so a slow answer is not hidden:
/// no coordinated omission), into an HdrHistogram. Beside it, pgbench's single-row inserts on the same server (16
/// clients) in the same run. The services are called directly (the gateway's per-user limits would throttle the
/// benchmark's few shop owners, not measure the order process). Asserts behaviour, never a time: every order
/// captured, no 5xx, the stock sold exactly.
/// Run: dotnet test tests/Marketplace.IntegrationTests --filter "FullyQualifiedName~OrderBenchmark"
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(nameof(Benchmarks))]
public sealed class OrderBenchmark(ITestOutputHelper output) : MarketplaceTest
{
    private const int Cooperatives = 3;
    private const int SaturationCustomers = 12;
    private const int PgbenchClients = 16;
    private static readonly TimeSpan Saturation = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan OpenModel = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_shop_orders_from_checkout_to_capture_at_saturation_and_at_half_rate()
    {
        var markets = await Task.WhenAll(Enumerable.Range(0, Cooperatives).Select(_ => MarketAsync()));
        foreach (var market in markets)
        {
            // A warm-up order in each, once Ordering has heard from Payments that the shops can be paid (a refused
            // checkout holds nothing): then every service of the cooperative is ready.
            var warmUp = await OrderAsync(market, Now);
            var watch = Stopwatch.StartNew();
            while (warmUp.Failure?.Contains("order.shop_not_open", StringComparison.Ordinal) == true && watch.Elapsed < GiveUp)
            {
                await Task.Delay(Poll);
                warmUp = await OrderAsync(market, Now);
            }

            Assert.True(warmUp.Captured, $"the warm-up order in {market.Coop} was not captured: {warmUp.Failure}");
        }

        // Saturation: closed loop, each customer orders again once the last order is captured.
        var saturation = new List<Outcome>();
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, SaturationCustomers).Select(i => Task.Run(async () =>
        {
            while (until.Elapsed < Saturation)
            {
                var outcome = await OrderAsync(markets[i % markets.Length], Now);
                lock (saturation)
                {
                    saturation.Add(outcome);
                }
            }
        })));
        var saturatedRate = saturation.Count(o => o.Captured) / until.Elapsed.TotalSeconds;

        // Open model at half that rate: arrivals on a schedule, latency from the scheduled start.
        var rate = Math.Max(saturatedRate / 2, 0.5);
        var interval = TimeSpan.FromSeconds(1 / rate);
        var histogram = new LongHistogram(3_600_000_000L, 3); // microseconds, up to an hour, 3 significant digits
        var arrivals = new List<Task<Outcome>>();
        var origin = Now;
        for (var i = 0; TimeSpan.FromTicks(interval.Ticks * i) < OpenModel; i++)
        {
            var scheduled = origin + (interval.TotalMilliseconds * i);
            var wait = scheduled - Now;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }

            var market = markets[i % markets.Length];
            arrivals.Add(Task.Run(() => OrderAsync(market, scheduled)));
        }

        var open = await Task.WhenAll(arrivals);
        foreach (var outcome in open.Where(o => o.Captured))
        {
            histogram.RecordValue((long)(outcome.Milliseconds * 1000)); // microseconds
        }

        var pgbench = await Pgbench.InsertsPerSecondAsync(App, PgbenchClients, TimeSpan.FromSeconds(10), output);

        var percentile = (double p) => histogram.TotalCount == 0 ? double.NaN : histogram.GetValueAtPercentile(p) / 1000.0;
        var lines = new[]
        {
            Invariant($"whole two-shop orders (checkout → paid on the sandbox → both shops accept → captured), {Cooperatives} cooperatives, services called directly"),
            Invariant($"  saturation, {SaturationCustomers} customers in a closed loop for {Saturation.TotalSeconds:F0} s: {saturatedRate:F1} orders/s captured ({saturation.Count(o => o.Captured)} of {saturation.Count}); {Latencies(saturation.Where(o => o.Captured).Select(o => o.Milliseconds))}"),
            Invariant($"  open model at {rate:F1} orders/s for {OpenModel.TotalSeconds:F0} s ({open.Length} orders, {open.Count(o => o.Captured)} captured), checkout to captured from the scheduled start: p50 {percentile(50):F0} ms, p95 {percentile(95):F0} ms, p99 {percentile(99):F0} ms, max {percentile(100):F0} ms"),
            Invariant($"  where the time goes (open model, p50): checkout answered {Median(open, o => o.CheckoutMs):F0} ms, payment opened {Median(open, o => o.PayableMs):F0} ms, authorised (shops asked) {Median(open, o => o.AwaitingShopsMs):F0} ms, captured {Median(open, o => o.Milliseconds):F0} ms after the start"),
            Invariant($"  pgbench single-row inserts on the same server (-c {PgbenchClients} -T 10): {(pgbench is { } tps ? $"{tps:F0} tps" : "not measured (no pgbench)")}; orders/inserts {Ratio(saturatedRate, pgbench ?? 0)} (target ≥ 0.02)"),
        };
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        await AppendResultAsync(Invariant(
            $"{DateTimeOffset.UtcNow:u} orders: {saturatedRate:F1} orders/s at saturation vs pgbench {pgbench ?? double.NaN:F0} inserts/s ({Ratio(saturatedRate, pgbench ?? 0)}); ") +
            Invariant($"at {rate:F1}/s p50 {percentile(50):F0} ms p99 {percentile(99):F0} ms ({Environment.ProcessorCount} cores, load average {LoadAverage()})"));

        // Behaviour: every order captured, no server error, and exactly the units ordered sold.
        var all = saturation.Concat(open).ToList();
        var failures = all.Where(o => !o.Captured).Select(o => o.Failure).Take(5).ToList();
        Assert.True(failures.Count == 0, $"{all.Count(o => !o.Captured)} of {all.Count} orders not captured, e.g.:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        foreach (var market in markets)
        {
            var ordered = all.Count(o => o.Coop == market.Coop) + 1; // and the warm-up
            using var admin = App.CatalogClient(MarketplaceApp.Token($"{market.Coop}:admin"));
            foreach (var (_, product, _) in market.Shops)
            {
                await Eventually.TrueAsync(
                    async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{market.Coop}/products/{product}")).GetProperty("stock").GetProperty("onHand").GetInt32() == Stock - ordered,
                    $"{ordered} units of {product} sold in {market.Coop}");
            }
        }
    }

    private const int Stock = 100_000;

    private sealed record Market(TenantId Coop, IReadOnlyList<(Guid Shop, Guid Product, Guid Owner)> Shops);

    private sealed record Outcome(TenantId Coop, bool Captured, double Milliseconds, double CheckoutMs, double PayableMs, double AwaitingShopsMs, string? Failure);

    private static double Median(IEnumerable<Outcome> outcomes, Func<Outcome, double> step) =>
        Percentile(outcomes.Where(o => o.Captured).Select(step), 0.5);

    /// <summary>A cooperative with two shops open for orders: approved by its admin and connected to Stripe through Payments' onboarding.</summary>
    private async Task<Market> MarketAsync()
    {
        var coop = await App.OnboardAsync();
        var shops = new List<(Guid, Guid, Guid)>();
        foreach (var name in new[] { "Boulangerie", "Fromagerie" })
        {
            var owner = Guid.NewGuid();
            using var catalog = App.CatalogClient(MarketplaceApp.Token(owner, $"{coop}:member"));
            var registered = await catalog.PostAsJsonAsync($"/api/coops/{coop}/shops", new
            {
                name,
                description = new { fr = "Une boutique du quartier", en = "A local shop" },
                address = new { line1 = "12 rue de la Paix", postcode = "75002", city = "Paris" },
                openingHours = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }
                    .Select(day => new { day, opens = "08:00", closes = "20:00" }),
                fulfilment = new { pickup = true, delivery = false },
                contact = new { email = "shop@example.org", phone = "01 23 45 67 89" },
            });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            var shop = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            using (var admin = App.CatalogClient(MarketplaceApp.Token($"{coop}:admin")))
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{coop}/shops/{shop}/approve", null)).StatusCode);
            }

            var product = await App.ListProductAsync(coop, shop, $"Produit de la {name}", priceMinor: 1250, stock: Stock);
            using var payments = App.PaymentsClient(MarketplaceApp.Token(owner, $"{coop}:member"));
            await Eventually.TrueAsync(async () => (await payments.PostAsync($"/api/coops/{coop}/shops/{shop}/payouts/onboarding", null)).IsSuccessStatusCode, $"{name}'s Stripe onboarding started");
            var account = (await payments.GetFromJsonAsync<JsonElement>($"/api/coops/{coop}/shops/{shop}/payouts")).GetProperty("accountId").GetString();
            using (var sandbox = App.Stripe.Http())
            {
                (await sandbox.PostAsync($"/sandbox/accounts/{account}/onboard", null)).EnsureSuccessStatusCode();
            }

            shops.Add((shop, product, owner));
        }

        return new Market(coop, shops);
    }

    /// <summary>One customer's whole order; the times are from <paramref name="started"/> (the scheduled start in the open model).</summary>
    private async Task<Outcome> OrderAsync(Market market, double started)
    {
        var coop = market.Coop;
        var order = Guid.NewGuid();
        var (checkoutMs, payableMs, awaitingShopsMs) = (double.NaN, double.NaN, double.NaN);
        Outcome Failed(string why) => new(coop, false, Now - started, checkoutMs, payableMs, awaitingShopsMs, $"order {order} in {coop}: {why}");
        var customer = Guid.NewGuid();
        using var ordering = App.OrderingClient(MarketplaceApp.Token(customer, $"{coop}:customer"));
        using var payments = App.PaymentsClient(MarketplaceApp.Token(customer, $"{coop}:customer"));
        foreach (var (_, product, _) in market.Shops)
        {
            // The first orders of a cooperative may come before Ordering has heard of the product or the shop's opening.
            var line = await UntilAsync(() => SendAsync(ordering, () => new HttpRequestMessage(HttpMethod.Put, $"/api/coops/{coop}/basket/lines/{product}") { Content = JsonContent.Create(new { quantity = 1 }) }), s => s.Final == 200);
            if (line.Final != 200)
            {
                return Failed($"basket line answered {line.Final}: {line.Body}");
            }
        }

        var slot = Noon(days: 1);
        var request = new
        {
            orderId = order,
            language = "fr",
            shops = market.Shops.Select(s => new { shopId = s.Shop, pickup = new { start = slot, end = slot.AddMinutes(30) } }),
        };
        var checkout = await SendAsync(ordering, () => new HttpRequestMessage(HttpMethod.Post, $"/api/coops/{coop}/orders") { Content = JsonContent.Create(request) });
        checkoutMs = Now - started;
        if (checkout.Final != 201)
        {
            return Failed($"checkout answered {checkout.Final}: {checkout.Body}");
        }

        var payment = await UntilAsync(() => SendAsync(payments, () => new HttpRequestMessage(HttpMethod.Get, $"/api/coops/{coop}/orders/{order}/payment")), s => s.Final == 200);
        payableMs = Now - started;
        if (payment.Final != 200 || payment.Body?.GetProperty("clientSecret").GetString() is not { } secret)
        {
            return Failed($"payment answered {payment.Final}: {payment.Body}");
        }

        using (var sandbox = App.Stripe.Http())
        {
            var paid = await sandbox.PostAsync($"/sandbox/payment_intents/{secret.Split("_secret_")[0]}/succeed", null);
            if (!paid.IsSuccessStatusCode)
            {
                return Failed($"the sandbox answered {(int)paid.StatusCode} to paying");
            }
        }

        var awaitingShops = await UntilAsync(() => SendAsync(ordering, () => new HttpRequestMessage(HttpMethod.Get, $"/api/coops/{coop}/orders/{order}")), s => Status(s) != "awaiting-payment");
        awaitingShopsMs = Now - started;
        if (Status(awaitingShops) != "awaiting-shops")
        {
            return Failed($"after paying the order reads {Status(awaitingShops)}");
        }

        foreach (var (shop, _, owner) in market.Shops)
        {
            using var shopClient = App.OrderingClient(MarketplaceApp.Token(owner, $"{coop}:member"));
            var accepted = await SendAsync(shopClient, () => new HttpRequestMessage(HttpMethod.Post, $"/api/coops/{coop}/shops/{shop}/orders/{order}/accept"));
            if (accepted.Final != 200)
            {
                return Failed($"accepting answered {accepted.Final}: {accepted.Body}");
            }
        }

        var paidFor = await UntilAsync(() => SendAsync(ordering, () => new HttpRequestMessage(HttpMethod.Get, $"/api/coops/{coop}/orders/{order}")), s => Status(s) is not ("awaiting-shops" or "capturing"));
        return Status(paidFor) == "paid"
            ? new Outcome(coop, true, Now - started, checkoutMs, payableMs, awaitingShopsMs, null)
            : Failed($"after both shops accepted the order reads {Status(paidFor)}");
    }

    /// <summary>Noon in Paris <paramref name="days"/> from today: inside the shops' hours, whatever the time of the run.</summary>
    private static DateTimeOffset Noon(int days)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).Date.AddDays(days).AddHours(12);
        return new DateTimeOffset(local, paris.GetUtcOffset(local));
    }

    private static string? Status(Sent sent) =>
        sent.Final == 200 && sent.Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("status", out var status) ? status.GetString() : $"HTTP {sent.Final}";

    /// <summary>Asks again every <see cref="Poll"/> until the answer is the one awaited, a server error, or <see cref="GiveUp"/>.</summary>
    private static async Task<Sent> UntilAsync(Func<Task<Sent>> ask, Func<Sent, bool> done)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var sent = await ask();
            if (done(sent) || sent.ServerFailed || watch.Elapsed > GiveUp)
            {
                return sent;
            }

            await Task.Delay(Poll);
        }
    }
}
