using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;
using CatalogContracts = Marketplace.Contracts.Catalog;

namespace Marketplace.IntegrationTests.Catalog.Products;

public sealed class ProductsTests : MarketplaceTest
{
    private TenantId _coop;
    private Guid _owner;
    private Guid _shop;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _owner = Guid.NewGuid();
        _shop = await App.RegisterShopAsync(_coop, "Épicerie fine", _owner, approve: true);
    }

    private HttpClient Owner() => App.CatalogClient(MarketplaceApp.Token(_owner, $"{_coop}:shop_owner"));

    [Fact]
    public async Task A_listed_product_has_its_price_vat_and_stock_and_is_announced()
    {
        using var owner = Owner();
        var response = await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products", new
        {
            sku = "HUILE-50",
            name = new { fr = "Huile d'olive", en = "Olive oil" },
            description = new { fr = "Première pression à froid." },
            category = "Épicerie",
            imageUrls = new[] { "https://images.example.org/huile.jpg" },
            price = new { minor = 1290, currency = "EUR" },
            vatRate = 550,
            initialStock = 12,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var product = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1290, product.GetProperty("price").GetProperty("minor").GetInt64());
        Assert.Equal(550, product.GetProperty("vatRate").GetInt32());
        Assert.Equal(12, product.GetProperty("stock").GetProperty("available").GetInt32());
        Assert.Equal("active", product.GetProperty("status").GetString());
        var id = product.GetProperty("id").GetGuid();
        var listed = await App.Probe.WaitForAsync<CatalogContracts.ProductListed>(e => e.ProductId == id);
        Assert.Equal(("Huile d'olive", "Olive oil", _shop), (listed.Message as CatalogContracts.ProductListed) is { } e ? (e.NameFr, e.NameEn, e.ShopId) : default);
    }

    [Fact]
    public async Task A_bad_product_is_refused_field_by_field_and_nothing_is_listed()
    {
        using var owner = Owner();
        var response = await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products", new
        {
            name = new { fr = " ", en = (string?)null },
            category = "",
            imageUrls = new[] { "https://images.example.org/ok.jpg", "http://127.0.0.1/x.jpg" },
            price = new { minor = -1, currency = "EUR" },
            vatRate = 1960,
            initialStock = -3,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Equal(
            ["category", "imageUrls", "initialStock", "name", "price", "vatRate"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        // Each error with its code, in the same order, for clients to translate
        var codes = problem.GetProperty("codes");
        Assert.Equal(errors.EnumerateObject().Select(e => (e.Name, e.Value.GetArrayLength())), codes.EnumerateObject().Select(c => (c.Name, c.Value.GetArrayLength())));
        Assert.Equal(
            ("product.name_required", "product.category_required", "product.image_address", "product.price_range", "product.vat_rate", "range"),
            (codes.GetProperty("name")[0].GetString(), codes.GetProperty("category")[0].GetString(), codes.GetProperty("imageUrls")[0].GetString(),
             codes.GetProperty("price")[0].GetString(), codes.GetProperty("vatRate")[0].GetString(), codes.GetProperty("initialStock")[0].GetString()));
        Assert.Empty((await owner.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{_shop}/products?status=all")).EnumerateArray());
    }

    [Fact]
    public async Task The_back_office_reads_one_of_its_products_whatever_its_state_but_not_another_shops()
    {
        var product = await App.ListProductAsync(_coop, _shop, "Moutarde", stock: 4);
        var otherShop = await App.RegisterShopAsync(_coop, "Fromagerie", Guid.NewGuid(), approve: true);
        var othersProduct = await App.ListProductAsync(_coop, otherShop, "Comté", stock: 2);
        using var owner = Owner();
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync($"/api/coops/{_coop}/shops/{_shop}/products/{product}/archive", null)).StatusCode);

        var archived = await owner.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{_shop}/products/{product}");
        var notOurs = await owner.GetAsync($"/api/coops/{_coop}/shops/{_shop}/products/{othersProduct}");

        Assert.Equal(("Moutarde", "archived", 4), (archived.GetProperty("name").GetProperty("fr").GetString(), archived.GetProperty("status").GetString(), archived.GetProperty("stock").GetProperty("onHand").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, notOurs.StatusCode);
        Assert.Equal("product.not_in_shop", (await notOurs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("http://localhost/a.jpg")]
    [InlineData("http://10.1.2.3/a.jpg")]
    [InlineData("http://192.168.1.10/a.jpg")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/a.jpg")]
    [InlineData("http://printer.local/a.jpg")]
    [InlineData("ftp://images.example.org/a.jpg")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/images/a.jpg")]
    public async Task Image_addresses_must_be_public_web_addresses(string url)
    {
        using var owner = Owner();
        var response = await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products", new
        {
            name = new { fr = "Savon" },
            category = "Maison",
            imageUrls = new[] { url },
            price = new { minor = 500, currency = "EUR" },
            vatRate = 2000,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("imageUrls", out _));
    }

    [Fact]
    public async Task A_reference_names_one_product_of_the_shop()
    {
        await App.ListProductAsync(_coop, _shop, "Miel de lavande", sku: "MIEL-1");

        using var owner = Owner();
        var again = await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products", new
        {
            sku = "MIEL-1",
            name = new { fr = "Miel de châtaignier" },
            category = "Épicerie",
            price = new { minor = 900, currency = "EUR" },
            vatRate = 550,
        });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("sku", out _));
    }

    [Fact]
    public async Task Price_changes_keep_their_history_and_the_same_price_again_changes_nothing()
    {
        var product = await App.ListProductAsync(_coop, _shop, "Confiture d'abricot", priceMinor: 450);
        using var owner = Owner();

        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products/{product}/price-changes", new { price = new { minor = 520, currency = "EUR" } })).StatusCode);
        var same = await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products/{product}/price-changes", new { price = new { minor = 520, currency = "EUR" } });

        var history = (await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("priceHistory").EnumerateArray()
            .Select(p => p.GetProperty("price").GetProperty("minor").GetInt64()).ToList();
        Assert.Equal([450L, 520L], history);
        var changed = await App.Probe.WaitForAsync<CatalogContracts.ProductPriceChanged>(e => e.ProductId == product);
        Assert.Equal((450L, 520L), changed.Message is CatalogContracts.ProductPriceChanged e ? (e.Previous.Minor, e.Price.Minor) : default);
        Assert.Equal(1L, await App.ScalarAsync<long>(TenantRegistry.DatabaseNameFor(_coop), "select count(*) from catalog.mt_events where stream_id = $1 and type = 'product_price_changed'", product));
    }

    [Fact]
    public async Task An_archived_product_leaves_the_storefront_but_not_the_back_office()
    {
        var product = await App.ListProductAsync(_coop, _shop, "Thé vert");
        using var owner = Owner();
        using var anonymous = App.CatalogClient();

        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync($"/api/coops/{_coop}/shops/{_shop}/products/{product}/archive", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/coops/{_coop}/products/{product}")).StatusCode);
        Assert.Equal("archived", (await owner.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products/{product}")).GetProperty("status").GetString());
        Assert.Contains(product, await IdsAsync(owner, $"/api/coops/{_coop}/shops/{_shop}/products?status=archived"));

        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync($"/api/coops/{_coop}/shops/{_shop}/products/{product}/reactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/coops/{_coop}/products/{product}")).StatusCode);
    }

    [Fact]
    public async Task Products_of_a_shop_not_yet_approved_are_not_public()
    {
        var pendingOwner = Guid.NewGuid();
        var pending = await App.RegisterShopAsync(_coop, "Nouvelle boutique", pendingOwner);
        var product = await App.ListProductAsync(_coop, pending, "Bougie");
        using var anonymous = App.CatalogClient();
        using var owner = App.CatalogClient(MarketplaceApp.Token(pendingOwner, $"{_coop}:member"));

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/coops/{_coop}/products/{product}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/coops/{_coop}/products/{product}")).StatusCode);
    }

    [Fact]
    public async Task Stock_adjustments_follow_their_reason_and_never_take_away_held_units()
    {
        var product = await App.ListProductAsync(_coop, _shop, "Farine T65", stock: 4);
        using var owner = Owner();
        var path = $"/api/coops/{_coop}/shops/{_shop}/products/{product}/stock-adjustments";

        var restocked = await owner.PostAsJsonAsync(path, new { quantity = 6, reason = "restock", note = "livraison du moulin" });
        Assert.Equal(10, (await restocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stock").GetProperty("onHand").GetInt32());
        var wrongSign = await owner.PostAsJsonAsync(path, new { quantity = 2, reason = "sale-in-shop" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongSign.StatusCode);
        Assert.True((await wrongSign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("quantity", out _));

        using var customer = App.CatalogClient(MarketplaceApp.Token($"{_coop}:customer"));
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync($"/api/coops/{_coop}/reservations", new { reservationId = Guid.NewGuid(), lines = new[] { new { productId = product, quantity = 7 } } })).StatusCode);

        var intoHeld = await owner.PostAsJsonAsync(path, new { quantity = -4, reason = "correction" });
        Assert.Equal(HttpStatusCode.Conflict, intoHeld.StatusCode);
        Assert.Equal("stock.below_reserved", (await intoHeld.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var sold = await owner.PostAsJsonAsync(path, new { quantity = -3, reason = "sale-in-shop" });
        var stock = (await sold.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stock");
        Assert.Equal((7, 7, 0), (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("reserved").GetInt32(), stock.GetProperty("available").GetInt32()));

        // Selling more than is on hand gives that reason, not the checkouts'
        var tooMany = await owner.PostAsJsonAsync(path, new { quantity = -8, reason = "sale-in-shop" });
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.Equal("stock.not_enough", (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Contains(product, await IdsAsync(owner, $"/api/coops/{_coop}/shops/{_shop}/products?outOfStock=true"));
        await App.Probe.WaitForAsync<CatalogContracts.ProductOutOfStock>(e => e.ProductId == product);
    }

    [Fact]
    public async Task Concurrent_restocks_of_one_product_all_count_none_is_refused_as_a_conflict()
    {
        var product = await App.ListProductAsync(_coop, _shop, "Œufs fermiers", stock: 5);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var owner = Owner();
            return (await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products/{product}/stock-adjustments", new { quantity = 2, reason = "restock" })).StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        using var owner = Owner();
        Assert.Equal(25, (await owner.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products/{product}")).GetProperty("stock").GetProperty("onHand").GetInt32());
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string path) =>
        [.. (await client.GetFromJsonAsync<JsonElement>(path)).EnumerateArray().Select(p => p.GetProperty("id").GetGuid())];
}
