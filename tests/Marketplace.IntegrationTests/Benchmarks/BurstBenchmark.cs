using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Gateway;
using Marketplace.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Marketplace.IntegrationTests.Benchmarks.LoadFigures;

namespace Marketplace.IntegrationTests.Benchmarks;

/// <summary>
/// One cooperative's rush hour beside quiet ones, through the gateway (its default limits apply; every customer
/// has a token of their own, as limits are per user): 200 checkouts at the same moment for stock that runs out,
/// then 200 searches at the same moment, a few rounds of each, while three other cooperatives' customers search at
/// a steady light pace. The rounds and the quiet customers are there for the quiet cooperatives' p95 during the
/// bursts to rest on a few hundred samples: one burst lasts well under a second. Customers hold their tokens and
/// connections before a burst starts, as real ones do: signing 200 tokens at once is the test's work, not the
/// servers', and it would share their processors (everything runs in this process). Then the
/// checkout holds one cooperative sustains, against the single-row insert rate pgbench measures on the same server.
/// Only the public HTTP API and PostgreSQL are used, so the benchmark outlives changes to the services' insides.
/// Prints the figures (and appends them to artifacts/benchmarks/results.txt); asserts behaviour, never a time:
/// no 5xx (a 503 with Retry-After is retried as a client would, and counted), exactly the stock sold, every 409
/// naming the product.
/// Run: dotnet test tests/Marketplace.IntegrationTests --filter "FullyQualifiedName~BurstBenchmark"
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(nameof(Benchmarks))]
public sealed class BurstBenchmark(ITestOutputHelper output) : MarketplaceTest
{
    private const int Burst = 200;
    private const int Rounds = 5;
    private const int QuietCooperatives = 3;
    private const int QuietCustomersEach = 4;
    private const int ScarceProducts = 4;
    private const int StockEach = 25; // 100 units for 200 checkouts of one: half get 409
    private static readonly TimeSpan QuietPace = TimeSpan.FromMilliseconds(200); // 300 a minute: under a user's 600
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1); // after each burst: its tail is not the next one's
    private static readonly TimeSpan Baseline = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Sustained = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(8);
    private const int SustainedClients = 8; // as many as pgbench's -c
    private static readonly string[] Words = ["galette", "pain", "miel", "fromage", "confiture", "tomates", "cafe", "chocolat"];

    private GatewayFactory _gateway = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _gateway = GatewayFactory.Start(App);
    }

    public override async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Burst_of_checkouts_and_searches_in_one_cooperative_beside_quiet_ones()
    {
        var busy = await App.OnboardAsync();
        var quiet = await Task.WhenAll(Enumerable.Range(0, QuietCooperatives).Select(_ => App.OnboardAsync()));
        var shop = await App.RegisterShopAsync(busy, "Boulangerie du Marché", approve: true);
        // Each round's checkouts empty products of their own.
        var scarce = new List<(Guid Id, string Name)[]>();
        for (var round = 0; round < Rounds; round++)
        {
            var products = new (Guid Id, string Name)[ScarceProducts];
            for (var i = 0; i < ScarceProducts; i++)
            {
                var name = $"Galette des rois n°{round + 1}.{i + 1}";
                products[i] = (await App.ListProductAsync(busy, shop, name, priceMinor: 1800, stock: StockEach, category: "Boulangerie"), name);
            }

            scarce.Add(products);
        }

        var plenty = new List<Guid>();
        for (var i = 0; i < SustainedClients; i++)
        {
            plenty.Add(await App.ListProductAsync(busy, shop, $"Pain de campagne n°{i + 1}", priceMinor: 350, stock: 100_000, category: "Boulangerie"));
        }

        foreach (var (word, i) in Words.Select((w, i) => (w, i)))
        {
            await App.ListProductAsync(busy, shop, $"{word} maison {i}", stock: 50);
        }

        foreach (var coop in quiet)
        {
            var quietShop = await App.RegisterShopAsync(coop, "Épicerie du coin", approve: true);
            foreach (var word in Words.Take(4))
            {
                await App.ListProductAsync(coop, quietShop, $"{word} du coin", stock: 50);
            }
        }

        // Warm-up: a service that has just started runs unoptimised code and compiles it again while it serves (tiered
        // JIT), which is the start-up, not what a burst measures on a running server. Every kind of request the burst
        // sends, through the same paths, for a few seconds first.
        var warmUp = await WarmUpAsync(busy, quiet, plenty);
        Assert.True(warmUp.All(s => s.Final is 200 or 201), $"warm-up answered {Counts(warmUp.Select(s => s.Final))}");

        // The quiet cooperatives' steady searches, timed all along.
        using var stopQuiet = new CancellationTokenSource();
        var quietLoads = quiet.SelectMany(coop => Enumerable.Range(0, QuietCustomersEach).Select(_ => Task.Run(() => QuietLoadAsync(coop, stopQuiet.Token)))).ToList();
        var gcBefore = GcPauses.Now();
        await Task.Delay(Baseline);
        gcBefore = GcPauses.Now() - gcBefore;

        // Rounds of bursts: each customer sends one checkout and one search a round, far under a user's limit.
        var customers = Enumerable.Range(0, Burst).Select(_ => _gateway.Client(MarketplaceApp.Token(Guid.NewGuid(), $"{busy}:customer"))).ToArray();
        var firstBurst = Now;
        var (checkoutRounds, checkoutWindows, searches, searchWindows) = (new List<Sent[]>(), new List<Window>(), new List<Sent>(), new List<Window>());
        var (gcDuringCheckouts, gcDuringSearches) = (default(GcPauses), default(GcPauses));
        foreach (var products in scarce)
        {
            var from = Now;
            var gc = GcPauses.Now();
            checkoutRounds.Add(await AllAtOnceAsync(Burst, i => CheckoutAsync(customers[i], busy, products[i % products.Length].Id)));
            checkoutWindows.Add(new Window(from, Now));
            gcDuringCheckouts += GcPauses.Now() - gc;
            await Task.Delay(Pause);

            from = Now;
            gc = GcPauses.Now();
            searches.AddRange(await AllAtOnceAsync(Burst, i => SearchAsync(customers[i], busy, Words[i % Words.Length])));
            searchWindows.Add(new Window(from, Now));
            gcDuringSearches += GcPauses.Now() - gc;
            await Task.Delay(Pause);
        }

        await stopQuiet.CancelAsync();
        var quietSamples = (await Task.WhenAll(quietLoads)).SelectMany(s => s).ToList();
        foreach (var customer in customers)
        {
            customer.Dispose();
        }

        var (holdsPerSecond, sustainedStatuses) = await SustainedHoldsAsync(busy, plenty);
        var pgbench = await Pgbench.InsertsPerSecondAsync(App, SustainedClients, Sustained, output);

        // Figures: the quiet cooperatives' searches started before the first burst, and those started during one.
        var checkouts = checkoutRounds.SelectMany(r => r).ToList();
        var before = quietSamples.Where(s => s.StartedMs < firstBurst).Select(s => s.Milliseconds).ToList();
        var duringCheckouts = quietSamples.Where(s => checkoutWindows.Any(w => w.Holds(s))).Select(s => s.Milliseconds).ToList();
        var duringSearches = quietSamples.Where(s => searchWindows.Any(w => w.Holds(s))).Select(s => s.Milliseconds).ToList();
        var p95 = (IEnumerable<double> values) => Percentile(values, 0.95);
        var p95Before = p95(before);
        var (checkoutSpan, searchSpan) = (checkoutWindows.Sum(w => w.To - w.From), searchWindows.Sum(w => w.To - w.From));
        var lines = new List<string>
        {
            Invariant($"checkout bursts: {Rounds} × {Burst} at once in 1 cooperative, {ScarceProducts}×{StockEach} units each, through the gateway: {Durations(checkoutWindows)} ms each"),
            $"  {Latencies(checkouts.Select(c => c.Milliseconds))} (each with its retries)",
            $"  first answers {Counts(checkouts.Select(c => c.First))}; every attempt {Counts(checkouts.SelectMany(c => c.Attempts).Select(a => a.Status))}; final {Counts(checkouts.Select(c => c.Final))}",
            Invariant($"search bursts: {Rounds} × {Burst} at once in 1 cooperative: {Durations(searchWindows)} ms each"),
            $"  {Latencies(searches.Select(c => c.Milliseconds))}",
            $"  first answers {Counts(searches.Select(c => c.First))}; every attempt {Counts(searches.SelectMany(c => c.Attempts).Select(a => a.Status))}; final {Counts(searches.Select(c => c.Final))}",
            Invariant($"other cooperatives ({QuietCooperatives}, {QuietCustomersEach} customers each searching every {QuietPace.TotalMilliseconds:F0} ms): before {Latencies(before)} ({before.Count})"),
            $"  during the checkout bursts {Latencies(duringCheckouts)} ({duringCheckouts.Count}); p95 ratio during/before {Ratio(p95(duringCheckouts), p95Before)}",
            $"  during the search bursts {Latencies(duringSearches)} ({duringSearches.Count}); p95 ratio during/before {Ratio(p95(duringSearches), p95Before)}",
            $"  answers {Counts(quietSamples.Select(s => s.Final))}",
            Invariant($"garbage-collection pauses of this process (every service, the gateway and the load generator run in it): {gcBefore.Describe(Baseline.TotalMilliseconds)} before, ") +
                $"{gcDuringCheckouts.Describe(checkoutSpan)} during the checkout bursts, {gcDuringSearches.Describe(searchSpan)} during the search bursts",
            Invariant($"sustained checkout holds, 1 cooperative, {SustainedClients} clients × {Sustained.TotalSeconds:F0} s straight to Catalog: {holdsPerSecond:F1} holds/s ({Counts(sustainedStatuses)})"),
            Invariant($"  pgbench single-row inserts on the same server (-c {SustainedClients} -T {Sustained.TotalSeconds:F0}): {(pgbench is { } tps ? $"{tps:F0} tps" : "not measured (no pgbench)")}; holds/inserts {Ratio(holdsPerSecond, pgbench ?? 0)}"),
        };
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        await AppendResultAsync(Invariant(
            $"{DateTimeOffset.UtcNow:u} burst ({Rounds} rounds): checkouts {Counts(checkouts.Select(c => c.First))} (first answers) p95 {p95(checkouts.Select(c => c.Milliseconds)):F0} ms p99 {Percentile(checkouts.Select(c => c.Milliseconds), 0.99):F0} ms; ") +
            Invariant($"searches {Counts(searches.Select(c => c.First))} p95 {p95(searches.Select(c => c.Milliseconds)):F0} ms; ") +
            Invariant($"others' p95 {p95Before:F1} ms before ({before.Count}), ×{Ratio(p95(duringCheckouts), p95Before)} during checkouts ({duringCheckouts.Count}), ×{Ratio(p95(duringSearches), p95Before)} during searches ({duringSearches.Count}); ") +
            Invariant($"GC pauses {gcBefore.Share(Baseline.TotalMilliseconds):P1} of the time before, {gcDuringCheckouts.Share(checkoutSpan):P1} during checkouts; ") +
            Invariant($"{holdsPerSecond:F0} holds/s vs pgbench {pgbench ?? double.NaN:F0} inserts/s ({Environment.ProcessorCount} cores, load average {LoadAverage()})"));

        // Behaviour: every violation at once, after the figures.
        var violations = new List<string>();
        foreach (var (name, sent) in new[] { ("checkout", checkouts), ("search", searches), ("quiet search", quietSamples) })
        {
            if (sent.Count(s => s.ServerFailed) is > 0 and var failed)
            {
                violations.Add($"{failed} {name} requests met a 5xx without Retry-After, no answer, or a 5xx to the end: {Counts(sent.Where(s => s.ServerFailed).SelectMany(s => s.Attempts).Select(a => a.Status))}");
            }
        }

        violations.AddRange(checkouts.Where(c => c.Final is not (201 or 409) and < 500 and > 0).Select(c => $"checkout answered {c.Final}: {c.Body}").Take(5));
        violations.AddRange(searches.Concat(quietSamples).Where(s => s.Final is not 200 and < 500 and > 0).Select(s => $"search answered {s.Final}: {s.Body}").Take(5));
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{busy}:admin"));
        foreach (var (round, products) in checkoutRounds.Zip(scarce))
        {
            // Checkout i asked for product i % count: its 409 must say that one is short, by name and by id.
            foreach (var (refused, i) in round.Select((c, i) => (c, i)).Where(c => c.c.Final == 409))
            {
                var (product, name) = products[i % products.Length];
                var body = refused.Body ?? default;
                var named = body.ValueKind == JsonValueKind.Object
                    && body.TryGetProperty("title", out var title) && title.GetString() == "Not enough stock"
                    && body.TryGetProperty("detail", out var detail) && detail.GetString()?.Contains(name, StringComparison.Ordinal) == true
                    && body.TryGetProperty("shortages", out var shortages) && shortages.EnumerateArray().Any(s => s.GetProperty("productId").GetGuid() == product);
                if (!named)
                {
                    violations.Add($"a 409 that does not name {name} ({product}): {refused.Body}");
                }
            }

            foreach (var (product, name) in products)
            {
                var held = round.Where(c => c.Final == 201).Sum(c => c.Body!.Value.GetProperty("lines").EnumerateArray()
                    .Where(l => l.GetProperty("productId").GetGuid() == product).Sum(l => l.GetProperty("quantity").GetInt32()));
                var stock = (await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{busy}/products/{product}")).GetProperty("stock");
                var (onHand, reserved) = (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("reserved").GetInt32());
                if (held != StockEach || reserved != StockEach || onHand != StockEach)
                {
                    violations.Add($"{name}: {held} held by 201 answers, {reserved} reserved of {onHand} on hand; expected exactly {StockEach} sold of {StockEach}");
                }
            }
        }

        if (sustainedStatuses.Any(s => s is not 201))
        {
            violations.Add($"sustained checkouts (plenty of stock) answered {Counts(sustainedStatuses)}");
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    /// <summary>A burst's time span, from its first request sent to its last answer.</summary>
    private sealed record Window(double From, double To)
    {
        public bool Holds(Sent sample) => sample.StartedMs >= From && sample.StartedMs <= To;
    }

    /// <summary>This process's garbage-collection pauses and full (gen 2) collections so far, or over a span (a difference).</summary>
    private readonly record struct GcPauses(TimeSpan Paused, int FullCollections)
    {
        public static GcPauses Now() => new(GC.GetTotalPauseDuration(), GC.CollectionCount(2));

        public static GcPauses operator -(GcPauses a, GcPauses b) => new(a.Paused - b.Paused, a.FullCollections - b.FullCollections);

        public static GcPauses operator +(GcPauses a, GcPauses b) => new(a.Paused + b.Paused, a.FullCollections + b.FullCollections);

        public double Share(double spanMilliseconds) => spanMilliseconds > 0 ? Paused.TotalMilliseconds / spanMilliseconds : 0;

        public string Describe(double spanMilliseconds) =>
            Invariant($"{Paused.TotalMilliseconds:F0} ms in {spanMilliseconds:F0} ms ({Share(spanMilliseconds):P1}, {FullCollections} full collections)");
    }

    private static string Durations(IEnumerable<Window> windows) => string.Join(", ", windows.Select(w => Invariant($"{w.To - w.From:F0}")));

    private static Task<Sent> SearchAsync(HttpClient client, TenantId coop, string q) =>
        SendAsync(client, () => new HttpRequestMessage(HttpMethod.Get, $"/api/coops/{coop}/products?q={Uri.EscapeDataString(q)}"));

    /// <summary>One unit of one product, with the reservation id chosen once: a retry finds the hold it already made.</summary>
    private static Task<Sent> CheckoutAsync(HttpClient client, TenantId coop, Guid product)
    {
        var reservation = Guid.NewGuid();
        return SendAsync(client, () => new HttpRequestMessage(HttpMethod.Post, $"/api/coops/{coop}/reservations")
        {
            Content = JsonContent.Create(new { reservationId = reservation, lines = new[] { new { productId = product, quantity = 1 } } }),
        });
    }

    private async Task<List<Sent>> QuietLoadAsync(TenantId coop, CancellationToken stop)
    {
        var samples = new List<Sent>();
        using var client = _gateway.Client(MarketplaceApp.Token(Guid.NewGuid(), $"{coop}:customer"));
        var i = 0;
        while (!stop.IsCancellationRequested)
        {
            samples.Add(await SearchAsync(client, coop, Words[i++ % 4]));
            try
            {
                await Task.Delay(QuietPace, stop);
            }
            catch (TaskCanceledException)
            {
                break;
            }
        }

        return samples;
    }

    /// <summary>Checkouts (plenty of stock) and searches in every cooperative, back to back from a few clients, through the gateway and straight to Catalog.</summary>
    private async Task<List<Sent>> WarmUpAsync(TenantId busy, TenantId[] quiet, List<Guid> products)
    {
        var sent = new List<Sent>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, SustainedClients).Select(worker => Task.Run(async () =>
        {
            var mine = new List<Sent>();
            for (var i = 0; watch.Elapsed < WarmUp; i++)
            {
                var checkout = i % 2 == 0;
                var coop = checkout || i % 4 == 1 ? busy : quiet[i % quiet.Length];
                // A token per request, as in the burst: the gateway's per-customer limit is not what is warmed up.
                var token = MarketplaceApp.Token(Guid.NewGuid(), $"{coop}:customer");
                using var client = i % 3 == 0 ? App.CatalogClient(token) : _gateway.Client(token);
                mine.Add(checkout
                    ? await CheckoutAsync(client, coop, products[worker % products.Count])
                    : await SearchAsync(client, coop, Words[i % Words.Length]));
            }

            lock (sent)
            {
                sent.AddRange(mine);
            }
        })));
        return sent;
    }

    /// <summary>Checkouts back to back from a few clients, each on products with plenty of stock, straight to Catalog (no gateway limit).</summary>
    private async Task<(double PerSecond, List<int> Statuses)> SustainedHoldsAsync(TenantId coop, List<Guid> products)
    {
        var statuses = new List<int>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, SustainedClients).Select(worker => Task.Run(async () =>
        {
            using var client = App.CatalogClient(MarketplaceApp.Token(Guid.NewGuid(), $"{coop}:customer"));
            var mine = new List<int>();
            while (watch.Elapsed < Sustained)
            {
                mine.Add((await CheckoutAsync(client, coop, products[worker % products.Count])).Final);
            }

            lock (statuses)
            {
                statuses.AddRange(mine);
            }
        })));
        return (statuses.Count(s => s == 201) / watch.Elapsed.TotalSeconds, statuses);
    }
}
