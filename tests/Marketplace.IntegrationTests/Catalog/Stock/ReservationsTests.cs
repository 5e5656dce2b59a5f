using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Catalog.Reservations;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using CatalogContracts = Marketplace.Contracts.Catalog;

namespace Marketplace.IntegrationTests.Catalog.Stock;

public sealed class ReservationsTests : MarketplaceTest
{
    private TenantId _coop;
    private Guid _shop;
    private Guid _customer;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _shop = await App.RegisterShopAsync(_coop, "Cave", approve: true);
        _customer = Guid.NewGuid();
    }

    private HttpClient Customer() => App.CatalogClient(MarketplaceApp.Token(_customer, $"{_coop}:customer"));

    [Fact]
    public async Task Released_units_go_back_on_sale_once_however_often_the_release_is_sent()
    {
        var wine = await App.ListProductAsync(_coop, _shop, "Côtes du Rhône", stock: 2);
        using var customer = Customer();
        var reservation = await ReserveAsync(customer, wine, 2);

        var first = await customer.PostAsJsonAsync($"/api/coops/{_coop}/reservations/{reservation}/release", new { reason = "cancelled" });
        var second = await customer.PostAsync($"/api/coops/{_coop}/reservations/{reservation}/release", null);

        Assert.Equal("released", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((2, 0, 2), await StockOfAsync(wine));
        var released = await App.Probe.WaitForAsync<CatalogContracts.StockReleased>(e => e.ReservationId == reservation);
        Assert.Equal("cancelled", ((CatalogContracts.StockReleased)released.Message).Reason);
        await App.Probe.WaitForAsync<CatalogContracts.ProductBackInStock>(e => e.ProductId == wine);
    }

    [Fact]
    public async Task A_committed_reservation_takes_the_units_off_the_shelf_once()
    {
        var wine = await App.ListProductAsync(_coop, _shop, "Muscadet", stock: 5);
        using var customer = Customer();
        var reservation = await ReserveAsync(customer, wine, 2);

        await OrderMessages.AcceptWholeAsync(App, _coop, reservation);
        await OrderMessages.AcceptWholeAsync(App, _coop, reservation);
        var release = await customer.PostAsync($"/api/coops/{_coop}/reservations/{reservation}/release", null);

        Assert.Equal("committed", (await release.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal((3, 0, 3), await StockOfAsync(wine));
        await App.Probe.WaitForAsync<CatalogContracts.StockCommitted>(e => e.ReservationId == reservation);
        Assert.Single(App.Probe.Of<CatalogContracts.StockCommitted>(e => e.ReservationId == reservation));
    }

    [Fact]
    public async Task A_hold_expires_after_its_time_frees_its_units_and_can_no_longer_be_paid()
    {
        var wine = await App.ListProductAsync(_coop, _shop, "Chablis", stock: 3);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var desk = new ReservationDesk(App.Catalog.Services.GetRequiredService<CooperativeSessions>(), new CooperativeDeadlines(), clock, new ReservationSettings());
        var first = Guid.NewGuid();

        Assert.IsType<ReserveOutcome.Placed>(await desk.ReserveAsync(_coop, first, _customer, [new(wine, 3)], CancellationToken.None));
        Assert.IsType<ReserveOutcome.NotEnough>(await desk.ReserveAsync(_coop, Guid.NewGuid(), Guid.NewGuid(), [new(wine, 1)], CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(0, await desk.ExpireDueAsync(_coop, CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1)); // 15 minutes, the default hold

        // Not swept yet: another customer still gets the units, and the late payment is refused.
        Assert.IsType<ReserveOutcome.Placed>(await desk.ReserveAsync(_coop, Guid.NewGuid(), Guid.NewGuid(), [new(wine, 2)], CancellationToken.None));
        var (outcome, late) = await desk.CommitAsync(_coop, first, null, CancellationToken.None);
        Assert.Equal(CloseOutcome.NotHeld, outcome);
        Assert.Equal("expired", late!.Status);
        Assert.Equal((3, 2, 1), await StockOfAsync(wine));
        var expired = await App.Probe.WaitForAsync<CatalogContracts.StockReleased>(e => e.ReservationId == first);
        Assert.Equal("expired", ((CatalogContracts.StockReleased)expired.Message).Reason);
    }

    [Fact]
    public async Task The_sweeper_expires_holds_nobody_touches()
    {
        var wine = await App.ListProductAsync(_coop, _shop, "Sancerre", stock: 4);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var desk = new ReservationDesk(App.Catalog.Services.GetRequiredService<CooperativeSessions>(), new CooperativeDeadlines(), clock, new ReservationSettings());
        var held = Guid.NewGuid();
        await desk.ReserveAsync(_coop, held, _customer, [new(wine, 4)], CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(1, await desk.ExpireDueAsync(_coop, CancellationToken.None));
        Assert.Equal(0, await desk.ExpireDueAsync(_coop, CancellationToken.None));

        Assert.Equal((4, 0, 4), await StockOfAsync(wine));
        using var customer = Customer();
        Assert.Equal("expired", (await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/reservations/{held}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_archived_product_cannot_be_held_and_nothing_of_the_basket_is()
    {
        var wine = await App.ListProductAsync(_coop, _shop, "Vouvray", stock: 5);
        var archived = await App.ListProductAsync(_coop, _shop, "Vieux millésime", stock: 5);
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        await admin.PostAsync($"/api/coops/{_coop}/shops/{_shop}/products/{archived}/archive", null);
        using var customer = Customer();

        var response = await customer.PostAsJsonAsync($"/api/coops/{_coop}/reservations", new
        {
            reservationId = Guid.NewGuid(),
            lines = new[] { new { productId = wine, quantity = 1 }, new { productId = archived, quantity = 1 } },
        });

        // An archived product is known but no longer on sale: short, with none available (an unknown id is bad input, below).
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var shortage = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shortages").EnumerateArray());
        Assert.Equal(archived, shortage.GetProperty("productId").GetGuid());
        Assert.Equal(0, shortage.GetProperty("available").GetInt32());
        Assert.Equal((5, 0, 5), await StockOfAsync(wine));
    }

    [Fact]
    public async Task Bad_checkouts_are_refused_field_by_field_and_a_reservation_is_its_customers_only()
    {
        var wine = await App.ListProductAsync(_coop, _shop, "Saumur", stock: 5);
        using var customer = Customer();
        using var someoneElse = App.CatalogClient(MarketplaceApp.Token($"{_coop}:customer"));

        var bad = await customer.PostAsJsonAsync($"/api/coops/{_coop}/reservations", new { reservationId = Guid.Empty, lines = new[] { new { productId = wine, quantity = 0 } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(
            ["lines[0].quantity", "reservationId"],
            (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        var reservation = await ReserveAsync(customer, wine, 1);
        Assert.Equal(HttpStatusCode.Forbidden, (await someoneElse.GetAsync($"/api/coops/{_coop}/reservations/{reservation}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await someoneElse.PostAsync($"/api/coops/{_coop}/reservations/{reservation}/release", null)).StatusCode);
        var taken = await someoneElse.PostAsJsonAsync($"/api/coops/{_coop}/reservations", new { reservationId = reservation, lines = new[] { new { productId = wine, quantity = 1 } } });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal((5, 1, 4), await StockOfAsync(wine));
    }

    [Fact]
    public async Task A_checkout_sent_again_after_its_units_were_sold_answers_its_reservation_not_a_shortage()
    {
        var wine = await App.ListProductAsync(_coop, _shop, "Gigondas", stock: 2);
        using var customer = Customer();
        var reservation = await ReserveAsync(customer, wine, 2);
        await OrderMessages.AcceptWholeAsync(App, _coop, reservation);

        var again = await customer.PostAsJsonAsync($"/api/coops/{_coop}/reservations", new { reservationId = reservation, lines = new[] { new { productId = wine, quantity = 2 } } });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("committed", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        using var stranger = App.CatalogClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:customer"));
        var taken = await stranger.PostAsJsonAsync($"/api/coops/{_coop}/reservations", new { reservationId = reservation, lines = new[] { new { productId = wine, quantity = 1 } } });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("This reservation id belongs to another checkout.", (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal((0, 0, 0), await StockOfAsync(wine));
    }

    [Fact]
    public async Task A_product_costs_the_same_to_read_and_write_however_many_checkouts_hold_it()
    {
        var bread = await App.ListProductAsync(_coop, _shop, "Pain au levain", stock: 1000);
        using var customer = Customer();
        var first = await ReserveAsync(customer, bread, 1);
        var oneHold = await SnapshotBytesAsync(bread);
        var reservations = new List<Guid> { first };
        for (var i = 0; i < 60; i++)
        {
            reservations.Add(await ReserveAsync(customer, bread, 2));
        }

        // Each hold is a row of its own; the snapshot keeps the totals, whose digits are all that may grow.
        Assert.InRange(await SnapshotBytesAsync(bread), oneHold - 8, oneHold + 8);
        Assert.Equal((1000, 121, 879), await StockOfAsync(bread));
        await using (var connection = await App.OpenAsync(TenantRegistry.DatabaseNameFor(_coop)))
        {
            await using var holds = new NpgsqlCommand("select count(*), sum(quantity) from catalog.stock_holds where product_id = $1", connection) { Parameters = { new() { Value = bread } } };
            await using var reader = await holds.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((61L, 121L), (reader.GetInt64(0), reader.GetInt64(1)));
        }

        // The holds are found again to release, commit and expire them.
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync($"/api/coops/{_coop}/reservations/{reservations[1]}/release", null)).StatusCode);
        await OrderMessages.AcceptWholeAsync(App, _coop, first);
        Assert.Equal((999, 118, 881), await StockOfAsync(bread));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(16));
        var desk = new ReservationDesk(App.Catalog.Services.GetRequiredService<CooperativeSessions>(), new CooperativeDeadlines(), clock, new ReservationSettings());
        Assert.Equal(59, await desk.ExpireDueAsync(_coop, CancellationToken.None));
        Assert.Equal((999, 0, 999), await StockOfAsync(bread));
    }

    [Fact]
    public async Task A_checkout_naming_an_unknown_product_or_another_cooperatives_is_refused_line_by_line_and_holds_nothing()
    {
        // Given a product here, and one of another cooperative
        var wine = await App.ListProductAsync(_coop, _shop, "Bandol", stock: 4);
        var other = await App.OnboardAsync();
        var theirs = await App.ListProductAsync(other, await App.RegisterShopAsync(other, "Cave voisine", approve: true), "Cassis", stock: 4);
        var unknown = Guid.NewGuid();
        using var customer = Customer();

        // When a checkout asks for ours, theirs and one that does not exist
        var reservation = Guid.NewGuid();
        var response = await customer.PostAsJsonAsync($"/api/coops/{_coop}/reservations", new
        {
            reservationId = reservation,
            lines = new[] { new { productId = wine, quantity = 1 }, new { productId = theirs, quantity = 1 }, new { productId = unknown, quantity = 2 } },
        });

        // Then it is bad input naming the two lines (not "not enough stock"), and nothing is held anywhere
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("reservation.product_unknown", problem.GetProperty("code").GetString());
        Assert.Equal(["lines[1].productId", "lines[2].productId"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("reservation.product_unknown", problem.GetProperty("codes").GetProperty("lines[2].productId")[0].GetString());
        Assert.Contains(unknown.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((4, 0, 4), await StockOfAsync(wine));
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/api/coops/{_coop}/reservations/{reservation}")).StatusCode);
    }

    private async Task<int> SnapshotBytesAsync(Guid product)
    {
        await using var connection = await App.OpenAsync(TenantRegistry.DatabaseNameFor(_coop));
        await using var command = new NpgsqlCommand("select octet_length(data::text) from catalog.mt_doc_product where id = $1", connection) { Parameters = { new() { Value = product } } };
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Guid> ReserveAsync(HttpClient customer, Guid product, int quantity)
    {
        var id = Guid.NewGuid();
        var response = await customer.PostAsJsonAsync($"/api/coops/{_coop}/reservations", new { reservationId = id, lines = new[] { new { productId = product, quantity } } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    private async Task<(int OnHand, int Reserved, int Available)> StockOfAsync(Guid product)
    {
        using var client = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        var stock = (await client.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products/{product}")).GetProperty("stock");
        return (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("reserved").GetInt32(), stock.GetProperty("available").GetInt32());
    }
}
