using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Catalog.Shops;

/// <summary>A shop's place on the map (ADR 49): optional coordinates given with its details, both or neither.</summary>
public sealed class ShopLocationTests : MarketplaceTest
{
    private TenantId _coop;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
    }

    private static object Details(object? latitude, object? longitude) => new
    {
        name = "Fromagerie du marché",
        address = new { line1 = "12 rue de la Paix", postcode = "75002", city = "Paris" },
        openingHours = new[] { new { day = "tuesday", opens = "08:00", closes = "12:30" } },
        fulfilment = new { pickup = true, delivery = false },
        contact = new { email = "fromages@example.org" },
        latitude,
        longitude,
    };

    [Fact]
    public async Task A_shop_given_coordinates_answers_them_rounded_to_six_decimals_on_its_page_and_in_the_list()
    {
        // Given an approved shop without coordinates (as every shop before ADR 49)
        var shop = await App.RegisterShopAsync(_coop, "Fromagerie", Guid.NewGuid());
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        using var anonymous = App.CatalogClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{_coop}/shops/{shop}/approve", null)).StatusCode);
        var before = await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}");
        Assert.Equal(JsonValueKind.Null, before.GetProperty("latitude").ValueKind);

        // When an admin gives its coordinates with its details (a pasted value with more decimals than useful)
        var changed = await admin.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}", Details(48.8689251234m, 2.3311119m));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        // Then its page and the list answer them, to 6 decimals
        var seen = await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}");
        Assert.Equal((48.868925m, 2.331112m), (seen.GetProperty("latitude").GetDecimal(), seen.GetProperty("longitude").GetDecimal()));
        var listed = (await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops")).EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == shop);
        Assert.Equal(48.868925m, listed.GetProperty("latitude").GetDecimal());
        Assert.Equal(2.331112m, listed.GetProperty("longitude").GetDecimal());

        // And saving the details without them takes the shop off the map
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}", Details(null, null))).StatusCode);
        var after = await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("latitude").ValueKind);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("longitude").ValueKind);
    }

    [Fact]
    public async Task A_shop_registered_with_coordinates_has_them()
    {
        var owner = Guid.NewGuid();
        using var client = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:member"));

        var response = await client.PostAsJsonAsync($"/api/coops/{_coop}/shops", Details(-33.8567844m, 151.213108m));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((-33.856784m, 151.213108m), (created.GetProperty("latitude").GetDecimal(), created.GetProperty("longitude").GetDecimal()));
        var mine = Assert.Single((await client.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops?owner=me")).EnumerateArray());
        Assert.Equal(-33.856784m, mine.GetProperty("latitude").GetDecimal());
    }

    [Theory]
    [InlineData(90.000001, 2.3, "latitude", "shop.latitude_range")]
    [InlineData(-91.0, 2.3, "latitude", "shop.latitude_range")]
    [InlineData(48.8, 180.5, "longitude", "shop.longitude_range")]
    [InlineData(48.8, -181.0, "longitude", "shop.longitude_range")]
    [InlineData(48.8, null, "longitude", "shop.coordinates_pair")]
    [InlineData(null, 2.3, "latitude", "shop.coordinates_pair")]
    public async Task Bad_coordinates_are_refused_field_by_field_with_their_code_and_change_nothing(double? latitude, double? longitude, string field, string code)
    {
        var shop = await App.RegisterShopAsync(_coop, "Fromagerie", Guid.NewGuid());
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));

        var response = await admin.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}", Details((decimal?)latitude, (decimal?)longitude));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal(field, error.Name);
        Assert.Equal(code, problem.GetProperty("codes").GetProperty(field)[0].GetString());
        var unchanged = await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}");
        Assert.Equal("Fromagerie", unchanged.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("latitude").ValueKind);
    }
}
