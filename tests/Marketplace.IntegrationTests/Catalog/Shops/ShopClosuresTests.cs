using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Catalog.Shops;

/// <summary>A shop's holidays and exceptional closures (PUT .../closures, the whole upcoming list) and its opening periods of a day (ADR 42).</summary>
public sealed class ShopClosuresTests : MarketplaceTest
{
    private TenantId _coop;
    private TenantId _other;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _other = await App.OnboardAsync();
    }

    /// <summary>Today in Paris, the day the Catalog reads closures against.</summary>
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, CooperativeTime.Zone).DateTime);

    private static string Day(int fromToday) => Today.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_owner_records_closures_customers_see_the_upcoming_ones_and_removing_one_is_sending_the_list_without_it()
    {
        // Given an approved shop and its owner
        var owner = Guid.NewGuid();
        var shop = await App.RegisterShopAsync(_coop, "Boulangerie des congés", owner, approve: true);
        using var ownerClient = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:member"));
        using var anonymous = App.CatalogClient();

        // When the owner records two closures, the later one first
        var set = await ownerClient.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/closures", new
        {
            closures = new object[]
            {
                new { from = Day(40), to = Day(49), reason = new { fr = "  Congés annuels ", en = "Annual holidays" } },
                new { from = Day(0), to = Day(0), reason = (object?)null },
            },
        });

        // Then they are the shop's, first first, the reason trimmed, shown to anyone
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var seen = await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}");
        var closures = seen.GetProperty("closures").EnumerateArray().ToList();
        Assert.Equal(2, closures.Count);
        Assert.Equal((Day(0), Day(0)), (closures[0].GetProperty("from").GetString(), closures[0].GetProperty("to").GetString()));
        Assert.Equal(Day(40), closures[1].GetProperty("from").GetString());
        Assert.Equal("Congés annuels", closures[1].GetProperty("reason").GetProperty("fr").GetString());
        var listed = (await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops")).EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == shop);
        Assert.Equal(2, listed.GetProperty("closures").GetArrayLength());

        // And the same list again is fine; sending it without one removes that one
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/closures", new
        {
            closures = new object[] { new { from = Day(0), to = Day(0) }, new { from = Day(40), to = Day(49), reason = new { fr = "Congés annuels", en = "Annual holidays" } } },
        })).StatusCode);
        var removed = await ownerClient.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/closures", new { closures = new[] { new { from = Day(0), to = Day(0) } } });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var after = await removed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Day(0), Assert.Single(after.GetProperty("closures").EnumerateArray()).GetProperty("from").GetString());

        // And an empty list removes them all
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/closures", new { closures = Array.Empty<object>() })).StatusCode);
        Assert.Equal(0, (await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}")).GetProperty("closures").GetArrayLength());
    }

    [Fact]
    public async Task Only_the_shops_owners_and_the_cooperatives_admins_record_its_closures()
    {
        // Given a shop, the owner of another shop of the cooperative, a customer, a member, and admins of both cooperatives
        var owner = Guid.NewGuid();
        var neighbour = Guid.NewGuid();
        var shop = await App.RegisterShopAsync(_coop, "Fromagerie fermée", owner, approve: true);
        await App.RegisterShopAsync(_coop, "Épicerie voisine", neighbour, approve: true);
        var body = new { closures = new[] { new { from = Day(3), to = Day(5) } } };
        async Task<HttpStatusCode> PutAs(string? token)
        {
            using var client = App.CatalogClient(token);
            return (await client.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/closures", body)).StatusCode;
        }

        // Then the owner and the admin may; everyone else is refused, the admin of another cooperative too
        Assert.Equal(HttpStatusCode.OK, await PutAs(MarketplaceApp.Token(owner, $"{_coop}:member")));
        Assert.Equal(HttpStatusCode.OK, await PutAs(MarketplaceApp.Token($"{_coop}:admin")));
        Assert.Equal(HttpStatusCode.Forbidden, await PutAs(MarketplaceApp.Token(neighbour, $"{_coop}:member")));
        Assert.Equal(HttpStatusCode.Forbidden, await PutAs(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:customer")));
        Assert.Equal(HttpStatusCode.Forbidden, await PutAs(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:member")));
        Assert.Equal(HttpStatusCode.Forbidden, await PutAs(MarketplaceApp.Token($"{_other}:admin")));
        Assert.Equal(HttpStatusCode.Forbidden, await PutAs(MarketplaceApp.Token(owner, $"{_other}:member")));
        Assert.Equal(HttpStatusCode.Unauthorized, await PutAs(null));

        // And a shop of another cooperative is not found from this one
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_other}:admin"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/coops/{_other}/shops/{shop}/closures", body)).StatusCode);
    }

    [Fact]
    public async Task Bad_closures_are_refused_field_by_field_with_their_codes_and_nothing_changes()
    {
        var owner = Guid.NewGuid();
        var shop = await App.RegisterShopAsync(_coop, "Caviste", owner, approve: true);
        using var client = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:member"));

        var response = await client.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/closures", new
        {
            closures = new object[]
            {
                new { from = Day(10), to = Day(9) },
                new { from = Day(-5), to = Day(-1) },
                new { from = Day(1), to = Day(2), reason = new { fr = new string('x', 201), en = "ok" } },
                new { to = Day(2) },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var codes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes");
        Assert.Equal("shop.closure_ends_before_start", codes.GetProperty("closures[0].to")[0].GetString());
        Assert.Equal("shop.closure_in_past", codes.GetProperty("closures[1].to")[0].GetString());
        Assert.Equal("length", codes.GetProperty("closures[2].reason.fr")[0].GetString());
        Assert.Equal("required", codes.GetProperty("closures[3].from")[0].GetString());

        var tooMany = await client.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/closures", new
        {
            closures = Enumerable.Range(1, 51).Select(i => new { from = Day(i), to = Day(i) }),
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("shop.closures_count", (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").GetProperty("closures")[0].GetString());

        var missing = await client.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/closures", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}")).GetProperty("closures").GetArrayLength());
    }

    [Fact]
    public async Task A_day_may_have_a_lunch_closing_but_not_two_periods_that_overlap()
    {
        var owner = Guid.NewGuid();
        var shop = await App.RegisterShopAsync(_coop, "Boulangerie du midi", owner);
        using var client = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:member"));
        object Details(params (string Day, string Opens, string Closes)[] hours) => new
        {
            name = "Boulangerie du midi",
            address = new { line1 = "1 rue Haute", postcode = "75001", city = "Paris" },
            openingHours = hours.Select(h => new { day = h.Day, opens = h.Opens, closes = h.Closes }),
            fulfilment = new { pickup = true, delivery = false },
            contact = new { email = "midi@example.org" },
        };

        var lunch = await client.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}", Details(("monday", "08:00", "12:30"), ("monday", "15:00", "19:30"), ("tuesday", "12:30", "19:30")));
        Assert.Equal(HttpStatusCode.OK, lunch.StatusCode);
        Assert.Equal(3, (await lunch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("openingHours").GetArrayLength());

        var overlapping = await client.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}", Details(("monday", "08:00", "12:30"), ("tuesday", "08:00", "12:30"), ("monday", "12:00", "19:30")));
        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        var codes = (await overlapping.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes");
        Assert.Equal("shop.opening_overlap", Assert.Single(codes.EnumerateObject(), field => field.Name == "openingHours[2]").Value[0].GetString());
        Assert.Single(codes.EnumerateObject());
    }
}
