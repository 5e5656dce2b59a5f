using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Ordering.Shops;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using CatalogContracts = Marketplace.Contracts.Catalog;

namespace Marketplace.IntegrationTests.Ordering;

/// <summary>
/// A shop's closures (ADR 42, amended) reach Ordering with its profile: Catalog publishes them when they are set,
/// Ordering copies them and refuses a pickup on a closed day, through the real services and broker.
/// </summary>
public sealed class ShopClosuresAtCheckoutTests : MarketplaceTest
{
    private static readonly TimeZoneInfo Paris = CooperativeTime.Zone;
    private OrderingStandIns _standIns = null!;
    private TenantId _coop;
    private Guid _owner;
    private Guid _shop;
    private Guid _bread;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _standIns = await OrderingStandIns.StartAsync(App);
        _coop = await App.OnboardAsync();
        _owner = Guid.NewGuid();
        _shop = await RegisterOpenEveryDayAsync("Boulangerie des congés");
        await App.PayoutsPossibleAsync(_coop, _shop);
        await Eventually.TrueAsync(async () => (await _standIns.ShopAsync(_coop, _shop))?.TakesOrders == true, "Ordering takes the shop's orders");
        _bread = await App.ListProductAsync(_coop, _shop, "Pain de campagne", priceMinor: 450);
    }

    public override async Task DisposeAsync() => await _standIns.DisposeAsync();

    [Fact]
    public async Task A_pickup_on_a_day_the_shop_is_closed_is_refused_on_its_field_and_another_day_is_accepted()
    {
        // Given the shop closed the day after tomorrow and the day after, within its weekly hours
        using var owner = App.CatalogClient(MarketplaceApp.Token(_owner, $"{_coop}:member"));
        var set = await owner.PutAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/closures", new
        {
            closures = new[] { new { from = Day(2), to = Day(3), reason = new { fr = "Inventaire", en = "Stocktaking" } } },
        });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        await Eventually.TrueAsync(async () => (await _standIns.ShopAsync(_coop, _shop))?.Closures is [_], "Ordering copied the closure");
        var copied = (await _standIns.ShopAsync(_coop, _shop))!.Closures!.Single();
        Assert.Equal((Today.AddDays(2), Today.AddDays(3)), (copied.From, copied.To));

        // When a customer picks up at 10:00 on the first closed day
        using var customer = App.OrderingClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:customer"));
        await PutAsync(customer, _bread);
        var refused = await customer.PostAsJsonAsync($"/api/coops/{_coop}/orders", Request(Slot(days: 2, hour: 10)));

        // Then the checkout is refused on the pickup, with its own code, and nothing is placed
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var codes = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes");
        Assert.Equal("order.slot_in_closure", codes.GetProperty("shops[0].pickup")[0].GetString());
        Assert.Equal(1, (await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/basket")).GetProperty("itemCount").GetInt32());

        // And the last closed day is refused too, the next day is accepted
        var lastDay = await customer.PostAsJsonAsync($"/api/coops/{_coop}/orders", Request(Slot(days: 3, hour: 19)));
        Assert.Equal("order.slot_in_closure", (await lastDay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").GetProperty("shops[0].pickup")[0].GetString());
        var accepted = await customer.PostAsJsonAsync($"/api/coops/{_coop}/orders", Request(Slot(days: 4, hour: 10)));
        Assert.True(accepted.StatusCode == HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_profile_told_twice_changes_the_copy_once_and_an_older_one_changes_nothing()
    {
        // Given the copy of the shop as Catalog told it
        var before = (await _standIns.ShopAsync(_coop, _shop))!;
        var version = before.ProfileVersion + 10;
        var closed = new CatalogContracts.ShopClosedDays(Today.AddDays(5), Today.AddDays(5));
        var profile = OrderingStandIns.Profile(_coop, _shop, before.Name, _owner, version: version) with { Closures = [closed] };

        // When the same profile with a closure is delivered twice, then an older one without closures
        var messageId = Guid.NewGuid();
        await _standIns.PublishAsync(profile, messageId);
        await _standIns.PublishAsync(profile, messageId);
        await _standIns.PublishAsync(profile with { Version = version - 1, Closures = [] });
        await Eventually.TrueAsync(async () => (await _standIns.ShopAsync(_coop, _shop))?.ProfileVersion == version, "the newer profile copied");
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Then the copy holds the closure, recorded once
        var after = (await _standIns.ShopAsync(_coop, _shop))!;
        Assert.Equal([new ClosedDays(closed.From, closed.To)], after.Closures);
        await using var session = App.Ordering.Services.GetRequiredService<CooperativeSessions>().QuerySession(_coop);
        var copies = (await session.Events.FetchStreamAsync(_shop)).Select(e => e.Data).OfType<ShopProfileCopied>().Where(c => c.Version >= version - 1).ToList();
        Assert.Equal([version], copies.Select(c => c.Version));

        // And a profile that does not tell closures (a Catalog older than them) keeps the copy's
        await _standIns.PublishAsync(profile with { Version = version + 1, Closures = null, Name = "Boulangerie renommée" });
        await Eventually.TrueAsync(async () => (await _standIns.ShopAsync(_coop, _shop))?.Name == "Boulangerie renommée", "the renamed profile copied");
        Assert.Equal([new ClosedDays(closed.From, closed.To)], (await _standIns.ShopAsync(_coop, _shop))!.Closures);
    }

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);

    private static string Day(int fromToday) => Today.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A time <paramref name="days"/> from today at <paramref name="hour"/>:00 in Paris.</summary>
    private static DateTimeOffset Slot(int days, int hour)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).Date.AddDays(days).AddHours(hour);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    private object Request(DateTimeOffset start) =>
        new { orderId = Guid.NewGuid(), language = "fr", shops = new[] { new { shopId = _shop, pickup = new { start, end = start.AddMinutes(30) } } } };

    /// <summary>Registers an approved shop through Catalog, open 08:00–20:00 every day, owned by <see cref="_owner"/>.</summary>
    private async Task<Guid> RegisterOpenEveryDayAsync(string name)
    {
        using var client = App.CatalogClient(MarketplaceApp.Token(_owner, $"{_coop}:member"));
        var response = await client.PostAsJsonAsync($"/api/coops/{_coop}/shops", new
        {
            name,
            address = new { line1 = "12 rue de la Paix", postcode = "75002", city = "Paris" },
            openingHours = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(day => new { day, opens = "08:00", closes = "20:00" }),
            fulfilment = new { pickup = true, delivery = false },
            contact = new { email = "shop@example.org" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var shop = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{_coop}/shops/{shop}/approve", null)).StatusCode);
        return shop;
    }

    private async Task PutAsync(HttpClient customer, Guid product)
    {
        HttpResponseMessage? response = null;
        await Eventually.TrueAsync(
            async () =>
            {
                response = await customer.PutAsJsonAsync($"/api/coops/{_coop}/basket/lines/{product}", new { quantity = 1 });
                return response.StatusCode != HttpStatusCode.NotFound;
            },
            $"Ordering knows product {product}");
        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
    }
}
