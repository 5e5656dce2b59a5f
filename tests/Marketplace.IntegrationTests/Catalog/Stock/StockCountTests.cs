using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using CatalogContracts = Marketplace.Contracts.Catalog;

namespace Marketplace.IntegrationTests.Catalog.Stock;

/// <summary>A shop sets its stock to what it counted on the shelf; the difference is recorded as a "count" adjustment.</summary>
public sealed class StockCountTests : MarketplaceTest
{
    private TenantId _coop;
    private TenantId _other;
    private Guid _owner;
    private Guid _shop;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _other = await App.OnboardAsync();
        _owner = Guid.NewGuid();
        _shop = await App.RegisterShopAsync(_coop, "Boulangerie du marché", _owner, approve: true);
    }

    private HttpClient Owner() => App.CatalogClient(MarketplaceApp.Token(_owner, $"{_coop}:shop_owner"));

    private string CountPath(Guid product, TenantId? coop = null) => $"/api/coops/{coop ?? _coop}/shops/{_shop}/products/{product}/stock-counts";

    private string AdjustPath(Guid product, TenantId? coop = null) => $"/api/coops/{coop ?? _coop}/shops/{_shop}/products/{product}/stock-adjustments";

    [Fact]
    public async Task A_count_sets_the_units_on_hand_and_records_the_difference_as_a_count()
    {
        // Given 40 croissants on hand
        var product = await App.ListProductAsync(_coop, _shop, "Croissant", stock: 40);
        using var owner = Owner();

        // When the baker counts 28
        var counted = await owner.PostAsJsonAsync(CountPath(product), new { onHand = 28, note = " inventaire " });

        // Then 28 are on hand, and the stream says -12 for a count, with the note and who counted
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        var stock = (await counted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stock");
        Assert.Equal((28, 0, 28), (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("reserved").GetInt32(), stock.GetProperty("available").GetInt32()));
        var adjusted = (await AdjustmentsAsync(product)).Last();
        Assert.Equal((-12, StockAdjustmentReason.Count, "inventaire", (Guid?)_owner), (adjusted.Quantity, adjusted.Reason, adjusted.Note, adjusted.By));

        // And counting more than on hand adds the difference
        var more = await owner.PostAsJsonAsync(CountPath(product), new { onHand = 31 });
        Assert.Equal(31, (await more.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stock").GetProperty("onHand").GetInt32());
        Assert.Equal(3, (await AdjustmentsAsync(product)).Last().Quantity);
    }

    [Fact]
    public async Task Counting_what_is_on_hand_changes_nothing()
    {
        var product = await App.ListProductAsync(_coop, _shop, "Baguette", stock: 12);
        using var owner = Owner();
        var before = await StreamLengthAsync(product);

        var same = await owner.PostAsJsonAsync(CountPath(product), new { onHand = 12, note = "rien à signaler" });

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(12, (await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stock").GetProperty("onHand").GetInt32());
        Assert.Equal(before, await StreamLengthAsync(product));
    }

    [Fact]
    public async Task A_count_below_the_units_held_for_checkouts_is_refused_and_changes_nothing()
    {
        // Given 10 on hand, 7 of them held for a customer's checkout
        var product = await App.ListProductAsync(_coop, _shop, "Pain aux noix", stock: 10);
        using var customer = App.CatalogClient(MarketplaceApp.Token($"{_coop}:customer"));
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync($"/api/coops/{_coop}/reservations", new { reservationId = Guid.NewGuid(), lines = new[] { new { productId = product, quantity = 7 } } })).StatusCode);
        using var owner = Owner();
        var before = await StreamLengthAsync(product);

        // When the baker counts 5
        var refused = await owner.PostAsJsonAsync(CountPath(product), new { onHand = 5 });

        // Then it is refused like an adjustment into the held units, and nothing changed
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("stock.below_reserved", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(before, await StreamLengthAsync(product));
        var stock = (await owner.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{_shop}/products/{product}")).GetProperty("stock");
        Assert.Equal((10, 7), (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("reserved").GetInt32()));

        // And counting exactly the held units is accepted: the product is out of stock, as after an adjustment
        var exactly = await owner.PostAsJsonAsync(CountPath(product), new { onHand = 7 });
        Assert.Equal(HttpStatusCode.OK, exactly.StatusCode);
        Assert.Equal(0, (await exactly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stock").GetProperty("available").GetInt32());
        await App.Probe.WaitForAsync<CatalogContracts.ProductOutOfStock>(e => e.ProductId == product);

        // And counting more brings it back in stock
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync(CountPath(product), new { onHand = 9 })).StatusCode);
        await App.Probe.WaitForAsync<CatalogContracts.ProductBackInStock>(e => e.ProductId == product);
    }

    [Fact]
    public async Task A_bad_count_is_refused_field_by_field()
    {
        var product = await App.ListProductAsync(_coop, _shop, "Brioche", stock: 3);
        using var owner = Owner();

        foreach (var body in new object[] { new { onHand = -1 }, new { note = "sans nombre" }, new { onHand = 100_001 } })
        {
            var response = await owner.PostAsJsonAsync(CountPath(product), body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Equal(["onHand"], errors.EnumerateObject().Select(e => e.Name));
        }

        var longNote = await owner.PostAsJsonAsync(CountPath(product), new { onHand = 2, note = new string('x', 201) });
        Assert.Equal(HttpStatusCode.BadRequest, longNote.StatusCode);
        Assert.Equal(["note"], (await longNote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(3, (await owner.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{_shop}/products/{product}")).GetProperty("stock").GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task Only_the_shops_managers_count_and_another_cooperative_gets_what_it_gets_for_adjustments()
    {
        var product = await App.ListProductAsync(_coop, _shop, "Pain d'épices", stock: 6);
        using var member = App.CatalogClient(MarketplaceApp.Token($"{_coop}:member"));
        using var otherShopOwner = App.CatalogClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:shop_owner"));
        using var otherAdmin = App.CatalogClient(MarketplaceApp.Token($"{_other}:admin"));
        using var anonymous = App.CatalogClient();
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(CountPath(product), new { onHand = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync(CountPath(product), new { onHand = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherShopOwner.PostAsJsonAsync(CountPath(product), new { onHand = 1 })).StatusCode);

        // Another cooperative's admin, on this cooperative's route and on its own: the answers the adjustments give
        foreach (var coop in new[] { _coop, _other })
        {
            var count = await otherAdmin.PostAsJsonAsync(CountPath(product, coop), new { onHand = 1 });
            var adjust = await otherAdmin.PostAsJsonAsync(AdjustPath(product, coop), new { quantity = -5, reason = "correction" });
            Assert.Equal(adjust.StatusCode, count.StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, count.StatusCode);
        }

        Assert.Equal(6, (await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products/{product}")).GetProperty("stock").GetProperty("onHand").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(CountPath(product), new { onHand = 4 })).StatusCode);
    }

    [Fact]
    public async Task Concurrent_counts_of_one_product_apply_once()
    {
        var product = await App.ListProductAsync(_coop, _shop, "Chouquettes", stock: 50);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var owner = Owner();
            return (await owner.PostAsJsonAsync(CountPath(product), new { onHand = 20 })).StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        var counts = (await AdjustmentsAsync(product)).Where(a => a.Reason == StockAdjustmentReason.Count).ToList();
        Assert.Equal(-30, Assert.Single(counts).Quantity);
    }

    private async Task<List<StockAdjusted>> AdjustmentsAsync(Guid product)
    {
        await using var session = App.Catalog.Services.GetRequiredService<CooperativeSessions>().QuerySession(_coop);
        return [.. (await session.Events.FetchStreamAsync(product)).Select(e => e.Data).OfType<StockAdjusted>()];
    }

    private async Task<int> StreamLengthAsync(Guid product)
    {
        await using var session = App.Catalog.Services.GetRequiredService<CooperativeSessions>().QuerySession(_coop);
        return (await session.Events.FetchStreamAsync(product)).Count;
    }
}
