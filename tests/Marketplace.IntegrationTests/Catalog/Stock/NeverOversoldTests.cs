using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;
using CatalogContracts = Marketplace.Contracts.Catalog;

namespace Marketplace.IntegrationTests.Catalog.Stock;

/// <summary>Many customers check out the last units at the same moment, over the real PostgreSQL the service uses.</summary>
public sealed class NeverOversoldTests : MarketplaceTest
{
    private TenantId _coop;
    private Guid _shop;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _shop = await App.RegisterShopAsync(_coop, "Fromagerie", approve: true);
    }

    [Fact]
    public async Task Sixty_concurrent_checkouts_for_five_units_five_succeed_and_the_others_get_409_naming_the_product()
    {
        var product = await App.ListProductAsync(_coop, _shop, "Comté 24 mois", stock: 5);

        var answers = await InParallelAsync(60, _ => Reserve((product, 1)));

        Assert.Equal(5, answers.Count(a => a.Status == HttpStatusCode.Created));
        var refused = answers.Where(a => a.Status != HttpStatusCode.Created).ToList();
        Assert.Equal(55, refused.Count);
        Assert.All(refused, answer =>
        {
            Assert.Equal(HttpStatusCode.Conflict, answer.Status);
            Assert.Equal("Not enough stock", answer.Body.GetProperty("title").GetString());
            Assert.Contains("Comté 24 mois", answer.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var shortage = Assert.Single(answer.Body.GetProperty("shortages").EnumerateArray());
            Assert.Equal(product, shortage.GetProperty("productId").GetGuid());
            Assert.Equal(1, shortage.GetProperty("requested").GetInt32());
            Assert.Equal(0, shortage.GetProperty("available").GetInt32());
        });
        var stock = await StockOfAsync(product);
        Assert.Equal((5, 5, 0), stock);
        Assert.Equal(5L, await CountEventsAsync(product, "stock_reserved"));
        Assert.Equal(1L, await CountEventsAsync(product, "product_out_of_stock"));
        await App.Probe.WaitForAsync<CatalogContracts.ProductOutOfStock>(e => e.ProductId == product);
    }

    [Fact]
    public async Task Baskets_over_two_products_in_either_order_hold_all_their_lines_or_none_and_never_deadlock()
    {
        var bread = await App.ListProductAsync(_coop, _shop, "Pain de campagne", stock: 20); // enough for 7 baskets of 2
        var butter = await App.ListProductAsync(_coop, _shop, "Beurre demi-sel", stock: 7);

        // Half the baskets name butter first: the desk must lock in one order whatever the basket's order.
        var answers = await InParallelAsync(50, i => i % 2 == 0 ? Reserve((bread, 1), (butter, 1)) : Reserve((butter, 1), (bread, 2)));

        var held = answers.Where(a => a.Status == HttpStatusCode.Created).ToList();
        Assert.All(answers.Except(held), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        var breadHeld = held.Sum(a => QuantityOf(a.Body, bread));
        var butterHeld = held.Sum(a => QuantityOf(a.Body, butter));
        Assert.All(held, a => Assert.Equal(2, a.Body.GetProperty("lines").GetArrayLength()));
        Assert.Equal(7, held.Count); // butter runs out first: one unit per basket
        Assert.Equal(7, butterHeld);
        Assert.InRange(breadHeld, 7, 14);
        Assert.Equal((20, breadHeld, 20 - breadHeld), await StockOfAsync(bread));
        Assert.Equal((7, 7, 0), await StockOfAsync(butter));
    }

    [Fact]
    public async Task The_same_checkout_sent_many_times_at_once_holds_its_units_once()
    {
        var product = await App.ListProductAsync(_coop, _shop, "Tomme de Savoie", stock: 10);
        var reservation = Guid.NewGuid();
        var customer = Guid.NewGuid();

        var answers = await InParallelAsync(20, _ => Reserve(reservation, customer, (product, 3)));

        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict, a.Status.ToString()));
        Assert.Equal(1, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.Equal((10, 3, 7), await StockOfAsync(product));
        Assert.Equal(1L, await CountEventsAsync(product, "stock_reserved"));
    }

    private Func<Task<Answer>> Reserve(params (Guid Product, int Quantity)[] lines) => Reserve(Guid.NewGuid(), Guid.NewGuid(), lines);

    /// <summary>
    /// One customer's checkout, as a real client sends it: a 503 with Retry-After (the cooperative's queue is full on a
    /// busy machine) is sent again, with the same reservation id, after the delay it names; any other answer is final.
    /// </summary>
    private Func<Task<Answer>> Reserve(Guid reservation, Guid customer, params (Guid Product, int Quantity)[] lines) => async () =>
    {
        using var client = App.CatalogClient(MarketplaceApp.Token(customer, $"{_coop}:customer"));
        for (var attempt = 1; ; attempt++)
        {
            using var response = await client.PostAsJsonAsync($"/api/coops/{_coop}/reservations", new
            {
                reservationId = reservation,
                lines = lines.Select(l => new { productId = l.Product, quantity = l.Quantity }),
            });
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter?.Delta is not { } delay || attempt == 10)
            {
                return new Answer(response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
            }

            await Task.Delay(delay);
        }
    };

    /// <summary>Starts every request at the same moment (a gate), and waits for all.</summary>
    private static async Task<Answer[]> InParallelAsync(int count, Func<int, Func<Task<Answer>>> request)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await request(i)();
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(calls);
    }

    private async Task<(int OnHand, int Reserved, int Available)> StockOfAsync(Guid product)
    {
        using var client = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        var stock = (await client.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products/{product}")).GetProperty("stock");
        return (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("reserved").GetInt32(), stock.GetProperty("available").GetInt32());
    }

    private Task<long> CountEventsAsync(Guid stream, string type) =>
        App.ScalarAsync<long>(TenantRegistry.DatabaseNameFor(_coop), "select count(*) from catalog.mt_events where stream_id = $1 and type = $2", stream, type);

    private static int QuantityOf(JsonElement reservation, Guid product) =>
        reservation.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("productId").GetGuid() == product).Sum(l => l.GetProperty("quantity").GetInt32());

    private sealed record Answer(HttpStatusCode Status, JsonElement Body);
}
