using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Ordering;

/// <summary>
/// A customer's basket across the shops of one cooperative, kept by Ordering in the cooperative's own store, with
/// prices and availability from Ordering's copy of the catalog (kept by Catalog's events through the real broker).
/// </summary>
public sealed class BasketTests : MarketplaceTest
{
    private OrderingStandIns _standIns = null!;
    private TenantId _coop;
    private Guid _bakery;
    private Guid _bread;
    private Guid _cheese;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _standIns = await OrderingStandIns.StartAsync(App);
        _bakery = await App.RegisterShopAsync(_coop, "Boulangerie Martin", approve: true);
        var dairy = await App.RegisterShopAsync(_coop, "Fromagerie du Marché", approve: true);
        // Ordering knows a shop by Catalog's profile of it and Payments' word on its transfers (stand-ins here).
        await _standIns.OpenShopAsync(_coop, _bakery, "Boulangerie Martin", Guid.NewGuid());
        await _standIns.OpenShopAsync(_coop, dairy, "Fromagerie du Marché", Guid.NewGuid());
        _bread = await App.ListProductAsync(_coop, _bakery, "Pain de campagne", priceMinor: 450);
        _cheese = await App.ListProductAsync(_coop, dairy, "Saint-Marcellin", priceMinor: 300);
    }

    [Fact]
    public async Task A_basket_holds_products_of_several_shops_at_todays_prices()
    {
        // Given a customer of the cooperative
        using var customer = Customer();

        // When they put two loaves from the bakery and a cheese from the dairy in their basket
        await PutAsync(customer, _bread, 2);
        var basket = await PutAsync(customer, _cheese, 1);

        // Then the basket shows both lines, each with its shop, price and availability, and the total
        var lines = basket.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["Boulangerie Martin", "Fromagerie du Marché"], lines.Select(l => l.GetProperty("shopName").GetString()));
        Assert.Equal([900L, 300L], lines.Select(l => l.GetProperty("lineTotal").GetProperty("minor").GetInt64()));
        Assert.All(lines, l => Assert.True(l.GetProperty("available").GetBoolean()));
        Assert.All(lines, l => Assert.False(l.GetProperty("priceChanged").GetBoolean()));
        Assert.Equal(1200L, basket.GetProperty("total").GetProperty("minor").GetInt64());
        Assert.Equal(3, basket.GetProperty("itemCount").GetInt32());

        // And it is still there when they come back (it lives in the cooperative's store, not in a session)
        Assert.Equal(1200L, (await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/basket")).GetProperty("total").GetProperty("minor").GetInt64());
    }

    [Fact]
    public async Task A_price_changed_since_the_line_was_added_shows_as_changed_until_the_customer_chooses_again()
    {
        // Given a loaf in a customer's basket
        using var customer = Customer();
        await PutAsync(customer, _bread, 1);

        // When the bakery raises its price
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_bakery}/products/{_bread}/price-changes", new { price = new Money(520, "EUR") })).StatusCode);

        // Then the line shows the new price, flagged as changed, beside the price it had when added
        JsonElement line = default;
        await Eventually.TrueAsync(
            async () =>
            {
                line = (await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/basket")).GetProperty("lines")[0];
                return line.GetProperty("priceChanged").GetBoolean();
            },
            "the basket shows the new price");
        Assert.Equal(520L, line.GetProperty("unitPrice").GetProperty("minor").GetInt64());
        Assert.Equal(450L, line.GetProperty("priceWhenAdded").GetProperty("minor").GetInt64());

        // And choosing the quantity again accepts the new price
        var again = await PutAsync(customer, _bread, 1);
        Assert.False(again.GetProperty("lines")[0].GetProperty("priceChanged").GetBoolean());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(-1)]
    public async Task A_quantity_out_of_bounds_is_a_field_error_and_changes_nothing(int quantity)
    {
        using var customer = Customer();
        await PutAsync(customer, _bread, 2);

        var response = await customer.PutAsJsonAsync($"/api/coops/{_coop}/basket/lines/{_bread}", new { quantity });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("quantity", out _));
        Assert.Equal(2, (await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/basket")).GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public async Task A_product_the_cooperative_does_not_sell_is_not_found_by_its_code()
    {
        using var customer = Customer();

        var response = await customer.PutAsJsonAsync($"/api/coops/{_coop}/basket/lines/{Guid.NewGuid()}", new { quantity = 1 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("basket.product_unknown", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Removing_and_emptying_are_harmless_to_repeat_and_touch_only_the_customers_own_basket()
    {
        // Given two customers with a basket each
        using var first = Customer();
        using var second = Customer();
        await PutAsync(first, _bread, 1);
        await PutAsync(first, _cheese, 3);
        await PutAsync(second, _cheese, 1);

        // When the first removes the loaf twice, then empties their basket twice
        var removed = await first.DeleteAsync($"/api/coops/{_coop}/basket/lines/{_bread}");
        var removedAgain = await first.DeleteAsync($"/api/coops/{_coop}/basket/lines/{_bread}");
        var afterRemoval = await removedAgain.Content.ReadFromJsonAsync<JsonElement>();
        var emptied = await first.DeleteAsync($"/api/coops/{_coop}/basket");
        var emptiedAgain = await first.DeleteAsync($"/api/coops/{_coop}/basket");

        // Then each answer says what the basket now holds, and the other customer's basket is untouched
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(3, afterRemoval.GetProperty("itemCount").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, emptied.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, emptiedAgain.StatusCode);
        Assert.Equal(0, (await first.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/basket")).GetProperty("lines").GetArrayLength());
        Assert.Equal(1, (await second.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/basket")).GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public async Task A_product_out_of_stock_shows_unavailable_and_cannot_be_added_more_of()
    {
        // Given a cheese in a customer's basket
        using var customer = Customer();
        await PutAsync(customer, _cheese, 1);

        // When the dairy's stock of it goes to zero
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        var dairy = (await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/basket")).GetProperty("lines")[0].GetProperty("shopId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{dairy}/products/{_cheese}/stock-adjustments", new { quantity = -10, reason = "sale-in-shop" })).StatusCode);

        // Then the line shows it unavailable, and asking for more is refused
        await Eventually.TrueAsync(
            async () => !(await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/basket")).GetProperty("lines")[0].GetProperty("available").GetBoolean(),
            "the basket shows the cheese out of stock");
        var more = await customer.PutAsJsonAsync($"/api/coops/{_coop}/basket/lines/{_cheese}", new { quantity = 2 });
        Assert.Equal(HttpStatusCode.Conflict, more.StatusCode);
        Assert.Equal("basket.out_of_stock", (await more.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    public override async Task DisposeAsync() => await _standIns.DisposeAsync();

    private HttpClient Customer() => App.OrderingClient(MarketplaceApp.Token(Guid.NewGuid(), $"{_coop}:customer"));

    /// <summary>Sets a line, once Ordering's copy of the catalog has the product (it arrives by message).</summary>
    private async Task<JsonElement> PutAsync(HttpClient customer, Guid product, int quantity)
    {
        HttpResponseMessage? response = null;
        await Eventually.TrueAsync(
            async () =>
            {
                response = await customer.PutAsJsonAsync($"/api/coops/{_coop}/basket/lines/{product}", new { quantity });
                return response.StatusCode != HttpStatusCode.NotFound;
            },
            $"Ordering knows product {product}");
        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
