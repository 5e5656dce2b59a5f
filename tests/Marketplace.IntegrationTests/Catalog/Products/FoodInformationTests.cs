using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.IntegrationTests.Catalog.Products;

/// <summary>Food information (ADR 41): how a product is sold, its price per kg or l, allergens, labels, origin; and the storefront's filters on them.</summary>
public sealed class FoodInformationTests : MarketplaceTest
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
        _shop = await App.RegisterShopAsync(_coop, "Fromagerie du marché", _owner, approve: true);
    }

    private HttpClient Owner() => App.CatalogClient(MarketplaceApp.Token(_owner, $"{_coop}:shop_owner"));

    private string FoodPath(Guid product, TenantId? coop = null, Guid? shop = null) => $"/api/coops/{coop ?? _coop}/shops/{shop ?? _shop}/products/{product}/food-information";

    [Fact]
    public async Task A_shop_sets_its_products_food_information_and_the_storefront_shows_the_price_per_kilogram()
    {
        var comte = await App.ListProductAsync(_coop, _shop, "Comté 18 mois", priceMinor: 823);
        using var owner = Owner();

        var response = await owner.PutAsJsonAsync(FoodPath(comte), new
        {
            soldBy = "weight",
            netQuantity = new { amount = 250, unit = "g" },
            allergens = new[] { "milk", "milk" },
            labels = new[] { "aop", "bio" },
            origin = "  Jura, France ",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var anonymous = App.CatalogClient();
        var food = (await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products/{comte}")).GetProperty("food");
        Assert.Equal("weight", food.GetProperty("soldBy").GetString());
        Assert.Equal((3292L, "kg"), (food.GetProperty("unitPrice").GetProperty("price").GetProperty("minor").GetInt64(), food.GetProperty("unitPrice").GetProperty("per").GetString()));
        Assert.Equal(["milk"], food.GetProperty("allergens").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["bio", "aop"], food.GetProperty("labels").EnumerateArray().Select(a => a.GetString())); // in the list's order
        Assert.Equal("Jura, France", food.GetProperty("origin").GetString());
    }

    [Fact]
    public async Task The_same_information_again_appends_nothing_and_a_product_without_it_has_none()
    {
        var wine = await App.ListProductAsync(_coop, _shop, "Vin jaune", priceMinor: 2990);
        var soap = await App.ListProductAsync(_coop, _shop, "Savon");
        using var owner = Owner();
        var body = new { soldBy = "piece", netQuantity = new { amount = 62, unit = "cl" }, allergens = new[] { "sulphites" }, labels = Array.Empty<string>() };

        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync(FoodPath(wine), body)).StatusCode);
        var again = await owner.PutAsJsonAsync(FoodPath(wine), body);

        var unitPrice = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("food").GetProperty("unitPrice");
        Assert.Equal((4823L, "l"), (unitPrice.GetProperty("price").GetProperty("minor").GetInt64(), unitPrice.GetProperty("per").GetString()));
        Assert.Equal(1L, await App.ScalarAsync<long>(TenantRegistry.DatabaseNameFor(_coop), "select count(*) from catalog.mt_events where stream_id = $1 and type = 'product_food_information_set'", wine));
        Assert.Equal(JsonValueKind.Null, (await owner.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products/{soap}")).GetProperty("food").ValueKind);
    }

    [Fact]
    public async Task Bad_food_information_is_refused_field_by_field_with_codes()
    {
        var product = await App.ListProductAsync(_coop, _shop, "Tomme");
        using var owner = Owner();

        var response = await owner.PutAsJsonAsync(FoodPath(product), new
        {
            soldBy = "weight",
            netQuantity = new { amount = 0, unit = "oz" },
            allergens = new[] { "gluten", "cacahuète" },
            labels = new[] { "bio", "organic" },
            origin = new string('x', 81),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var codes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes");
        Assert.Equal("food.unit", codes.GetProperty("netQuantity.unit")[0].GetString());
        Assert.Equal("food.quantity", codes.GetProperty("netQuantity.amount")[0].GetString());
        Assert.Equal("food.allergen", codes.GetProperty("allergens[1]")[0].GetString());
        Assert.Equal("food.label", codes.GetProperty("labels[1]")[0].GetString());
        Assert.Equal("food.origin_length", codes.GetProperty("origin")[0].GetString());
        Assert.Equal(JsonValueKind.Null, (await owner.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products/{product}")).GetProperty("food").ValueKind);
    }

    [Theory]
    [InlineData("""{"soldBy":"weight"}""", "netQuantity", "food.weight_required")]
    [InlineData("""{"soldBy":"weight","netQuantity":{"amount":75,"unit":"cl"}}""", "netQuantity.unit", "food.weight_unit")]
    [InlineData("""{"soldBy":"piece","netQuantity":{"amount":100001,"unit":"g"}}""", "netQuantity.amount", "food.quantity")]
    [InlineData("""{"soldBy":"piece","netQuantity":{"amount":79228162514264337593543950335,"unit":"kg"}}""", "netQuantity.amount", "food.quantity")]
    [InlineData("""{"soldBy":"piece","netQuantity":{"amount":0.5,"unit":"g"}}""", "netQuantity.amount", "food.quantity")]
    [InlineData("""{"soldBy":"piece","netQuantity":{"amount":3,"unit":"oz"}}""", "netQuantity.unit", "food.unit")]
    [InlineData("""{"soldBy":"kilo"}""", "soldBy", "food.sold_by")]
    [InlineData("""{"allergens":["gluten"]}""", "soldBy", "required")]
    [InlineData("""{"soldBy":"piece","allergens":[null]}""", "allergens[0]", "food.allergen")]
    [InlineData("""{"soldBy":"piece","origin":"Jura\nFrance"}""", "origin", "food.origin_length")]
    public async Task Hostile_or_absurd_information_is_a_400_never_a_500(string json, string field, string code)
    {
        var product = await App.ListProductAsync(_coop, _shop, "Beurre");
        using var owner = Owner();

        var response = await owner.PutAsync(FoodPath(product), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").GetProperty(field)[0].GetString());
    }

    [Theory]
    [InlineData("""{"soldBy":"piece","unknown":1}""")]
    [InlineData("""{"soldBy":"piece","netQuantity":{"amount":"lots","unit":"g"}}""")]
    [InlineData("""{"soldBy":"piece","netQuantity":{"amount":1e400,"unit":"g"}}""")]
    [InlineData("""{"soldBy":["piece"]}""")]
    [InlineData("""not json""")]
    public async Task Malformed_bodies_are_a_400(string json)
    {
        var product = await App.ListProductAsync(_coop, _shop, "Crème");
        using var owner = Owner();

        var response = await owner.PutAsync(FoodPath(product), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Only_the_shops_owners_and_the_cooperatives_admins_set_it_and_never_across_cooperatives()
    {
        var product = await App.ListProductAsync(_coop, _shop, "Morbier");
        var otherShop = await App.RegisterShopAsync(_coop, "Boucherie", Guid.NewGuid(), approve: true);
        var body = new { soldBy = "piece" };
        using var anonymous = App.CatalogClient();
        using var member = App.CatalogClient(MarketplaceApp.Token($"{_coop}:member"));
        using var otherAdmin = App.CatalogClient(MarketplaceApp.Token($"{_other}:admin"));
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        using var owner = Owner();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync(FoodPath(product), body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PutAsJsonAsync(FoodPath(product), body)).StatusCode);
        // Another cooperative's admin: refused on this cooperative's route, and nothing of ours on her own
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAdmin.PutAsJsonAsync(FoodPath(product), body)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await otherAdmin.PutAsJsonAsync(FoodPath(product, _other), body)).StatusCode);
        // Through another shop's route: no such product
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync(FoodPath(product, shop: otherShop), body)).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products/{product}")).GetProperty("food").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(FoodPath(product), body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync(FoodPath(product), new { soldBy = "piece", labels = new[] { "fait-maison" } })).StatusCode);
    }

    [Fact]
    public async Task The_storefront_filters_by_label_and_without_an_allergen_an_undeclared_product_is_never_without()
    {
        var bioBread = await App.ListProductAsync(_coop, _shop, "Pain bio");
        var brioche = await App.ListProductAsync(_coop, _shop, "Brioche fait maison");
        var honey = await App.ListProductAsync(_coop, _shop, "Miel bio");
        var undeclared = await App.ListProductAsync(_coop, _shop, "Confiture");
        using var owner = Owner();
        await SetAsync(owner, bioBread, ["gluten"], ["bio"]);
        await SetAsync(owner, brioche, ["gluten", "eggs", "milk"], ["fait-maison"]);
        await SetAsync(owner, honey, [], ["bio", "commerce-equitable"]);
        using var anonymous = App.CatalogClient();

        async Task<List<Guid>> SearchAsync(string query) =>
            [.. (await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products?shop={_shop}&{query}")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Order()];

        Assert.Equal(new[] { bioBread, honey }.Order(), await SearchAsync("label=bio"));
        Assert.Equal([honey], await SearchAsync("label=bio&label=commerce-equitable"));
        Assert.Equal([honey], await SearchAsync("without=gluten"));
        Assert.Equal(new[] { bioBread, honey }.Order(), await SearchAsync("without=milk&without=eggs"));
        Assert.Equal([], await SearchAsync("label=bio&without=gluten&q=pain"));
        Assert.DoesNotContain(undeclared, await SearchAsync("without=mustard"));
        var item = (await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products?shop={_shop}&label=commerce-equitable")).GetProperty("items")[0];
        Assert.Equal(["bio", "commerce-equitable"], item.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));

        var unknown = await anonymous.GetAsync($"/api/coops/{_coop}/products?label=organic&without=chocolate");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var codes = (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes");
        Assert.Equal(("food.label", "food.allergen"), (codes.GetProperty("label")[0].GetString(), codes.GetProperty("without")[0].GetString()));
    }

    private async Task SetAsync(HttpClient owner, Guid product, string[] allergens, string[] labels) =>
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync(FoodPath(product), new { soldBy = "piece", allergens, labels })).StatusCode);
}
