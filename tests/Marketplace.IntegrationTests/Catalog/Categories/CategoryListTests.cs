using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.IntegrationTests.Catalog.Categories;

/// <summary>The cooperative's category list (ADR 43): admins keep it, shops pick from it, the storefront names it in both languages.</summary>
public sealed class CategoryListTests : MarketplaceTest
{
    private TenantId _coop;
    private TenantId _other;
    private Guid _owner;
    private Guid _shop;

    private string ListPath => $"/api/coops/{_coop}/product-categories";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _other = await App.OnboardAsync();
        _owner = Guid.NewGuid();
        _shop = await App.RegisterShopAsync(_coop, "Boulangerie Martin", _owner, approve: true);
    }

    private HttpClient Admin(TenantId? coop = null) => App.CatalogClient(MarketplaceApp.Token($"{coop ?? _coop}:admin"));

    private HttpClient Owner() => App.CatalogClient(MarketplaceApp.Token(_owner, $"{_coop}:shop_owner"));

    private async Task<string> CreateAsync(string fr, string en)
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync(ListPath, new { name = new { fr, en } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private async Task<List<JsonElement>> ListAsync()
    {
        using var anonymous = App.CatalogClient();
        return [.. (await anonymous.GetFromJsonAsync<JsonElement>(ListPath)).EnumerateArray()];
    }

    private static object Product(string category, string sku = "P-1") => new
    {
        sku,
        name = new { fr = "Baguette tradition", en = "Traditional baguette" },
        category,
        price = new { minor = 130, currency = "EUR" },
        vatRate = 550,
        initialStock = 10,
    };

    [Fact]
    public async Task An_admin_adds_renames_moves_and_removes_categories_and_anyone_reads_them_in_order()
    {
        Assert.Empty(await ListAsync());

        var bakery = await CreateAsync("Boulangerie", "Bakery");
        var produce = await CreateAsync("  Fruits et légumes ", "Fruit & vegetables");
        Assert.Equal(("boulangerie", "fruits-et-legumes"), (bakery, produce));

        using var admin = Admin();
        var renamed = await admin.PutAsJsonAsync($"{ListPath}/{bakery}", new { name = new { fr = "Boulangerie-pâtisserie", en = "Bakery & pastry" } });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var moved = await admin.PutAsJsonAsync($"{ListPath}/{produce}/position", new { position = 0 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var list = await ListAsync();
        Assert.Equal(["fruits-et-legumes", "boulangerie"], list.Select(c => c.GetProperty("key").GetString()));
        Assert.Equal(("Boulangerie-pâtisserie", "Bakery & pastry", 1), (list[1].GetProperty("name").GetProperty("fr").GetString(), list[1].GetProperty("name").GetProperty("en").GetString(), list[1].GetProperty("position").GetInt32()));
        Assert.Equal("Fruits et légumes", list[0].GetProperty("name").GetProperty("fr").GetString()); // trimmed

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{ListPath}/{produce}")).StatusCode);
        Assert.Equal(["boulangerie"], (await ListAsync()).Select(c => c.GetProperty("key").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"{ListPath}/{produce}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"{ListPath}/nothing", new { name = new { fr = "A", en = "B" } })).StatusCode);
    }

    [Theory]
    [InlineData("""{}""", "name", "category.name_required")]
    [InlineData("""{"name":{"fr":"","en":"Bakery"}}""", "name.fr", "category.name_required")]
    [InlineData("""{"name":{"fr":"Boulangerie"}}""", "name.en", "category.name_required")]
    [InlineData("""{"name":{"fr":"Boulangerie","en":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}}""", "name.en", "category.name_length")]
    public async Task Bad_names_are_refused_field_by_field_with_codes(string json, string field, string code)
    {
        using var admin = Admin();
        var response = await admin.PostAsync(ListPath, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task A_name_is_unique_per_language_whatever_its_case_and_accents()
    {
        await CreateAsync("Épicerie", "Grocery");
        await CreateAsync("Boulangerie", "Bakery");
        using var admin = Admin();

        var twice = await admin.PostAsJsonAsync(ListPath, new { name = new { fr = "EPICERIE", en = "bakery" } });
        var renamed = await admin.PutAsJsonAsync($"{ListPath}/boulangerie", new { name = new { fr = "Boulangerie", en = "GROCERY" } });
        var sameOwnNames = await admin.PutAsJsonAsync($"{ListPath}/boulangerie", new { name = new { fr = "boulangerie", en = "Bakery" } });

        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var codes = (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes");
        Assert.Equal("category.name_taken", codes.GetProperty("name.fr")[0].GetString());
        Assert.Equal("category.name_taken", codes.GetProperty("name.en")[0].GetString());
        Assert.Equal(HttpStatusCode.Conflict, renamed.StatusCode);
        Assert.False((await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").TryGetProperty("name.fr", out _));
        Assert.Equal(HttpStatusCode.OK, sameOwnNames.StatusCode);
    }

    [Fact]
    public async Task Only_the_cooperatives_admins_change_the_list()
    {
        var body = new { name = new { fr = "Boulangerie", en = "Bakery" } };
        using var owner = Owner();
        using var customer = App.CatalogClient(MarketplaceApp.Token($"{_coop}:customer"));
        using var otherAdmin = Admin(_other);
        using var anonymous = App.CatalogClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsJsonAsync(ListPath, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync(ListPath, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAdmin.PostAsJsonAsync(ListPath, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(ListPath, body)).StatusCode);
        Assert.Empty(await ListAsync());

        // Another cooperative's list is its own
        using (var admin = Admin(_other))
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/coops/{_other}/product-categories", body)).StatusCode);
        }

        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task With_no_list_any_category_is_accepted_as_typed()
    {
        using var owner = Owner();

        var response = await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products", Product(" Pains spéciaux "));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Pains spéciaux", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("category").GetString());
    }

    [Fact]
    public async Task With_a_list_a_shop_names_a_category_by_key_or_either_name_and_an_unknown_one_is_a_400_naming_the_allowed()
    {
        await CreateAsync("Boulangerie", "Bakery");
        using var owner = Owner();

        var byKey = await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products", Product("boulangerie", "P-1"));
        var byEnglish = await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products", Product(" BAKERY", "P-2"));
        var byFrench = await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products", Product("boulangérie", "P-3"));
        var unknown = await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products", Product("Pains spéciaux", "P-4"));

        var listed = new List<JsonElement>();
        foreach (var response in new[] { byKey, byEnglish, byFrench })
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            listed.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        Assert.All(listed, p => Assert.Equal("boulangerie", p.GetProperty("category").GetString()));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("product.category_unknown", problem.GetProperty("codes").GetProperty("category")[0].GetString());
        Assert.Equal(["boulangerie"], problem.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));

        // Changing the product's details picks from the list too
        var product = listed[0].GetProperty("id").GetGuid();
        var details = new { name = new { fr = "Baguette", en = "Baguette" }, category = "Épicerie", vatRate = 550 };
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PutAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products/{product}", details)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products/{product}", details with { category = "Bakery" })).StatusCode);
    }

    [Fact]
    public async Task Searching_a_listed_categorys_French_or_English_name_finds_its_products_and_its_new_names_after_a_rename()
    {
        // Given a listed category whose key is not its English name, and a product in it whose own text never says it
        var key = await CreateAsync("Épicerie fine", "Delicatessen");
        var tapenade = await App.ListProductAsync(_coop, _shop, "Tapenade noire", category: key, nameEn: "Black olive spread");
        await App.ListProductAsync(_coop, _shop, "Pain de seigle", category: await CreateAsync("Boulangerie", "Bakery"), nameEn: "Rye bread");
        using var anonymous = App.CatalogClient();

        async Task<List<Guid>> SearchAsync(string q) =>
            [.. (await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products?q={Uri.EscapeDataString(q)}"))
                .GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid())];

        // Then the English and the French names both find it (and nothing else)
        Assert.Equal([tapenade], await SearchAsync("delicatessen"));
        Assert.Equal([tapenade], await SearchAsync("épicerie fine"));

        // When an admin renames the category, then its new names find it and the old English one no longer does
        using var admin = Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{ListPath}/{key}", new { name = new { fr = "Produits du terroir", en = "Local specialities" } })).StatusCode);
        Assert.Equal([tapenade], await SearchAsync("specialities"));
        Assert.Equal([tapenade], await SearchAsync("terroir"));
        Assert.Empty(await SearchAsync("delicatessen"));

        // And a product changed after the rename keeps the new names in its search text
        using var owner = Owner();
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products/{tapenade}", new { name = new { fr = "Tapenade verte", en = "Green olive spread" }, category = key, vatRate = 550 })).StatusCode);
        Assert.Equal([tapenade], await SearchAsync("local specialities"));
    }

    [Fact]
    public async Task A_product_typed_before_the_list_keeps_its_category_and_shows_under_the_listed_one()
    {
        var legacy = await App.ListProductAsync(_coop, _shop, "Pain de campagne", category: "boulangerie ");
        var other = await App.ListProductAsync(_coop, _shop, "Confiture", category: "Confitures maison");
        await CreateAsync("Boulangerie", "Bakery");
        await App.ListProductAsync(_coop, _shop, "Baguette", category: "Bakery");
        using var owner = Owner();

        // Its shop changes its name and keeps its typed category, which is not in the list
        var kept = await owner.PutAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products/{other}", new { name = new { fr = "Confiture de fraises" }, category = "Confitures maison", vatRate = 550 });
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);

        // The storefront's categories: the listed one first, named in both languages and counting both products; the typed one as typed
        using var anonymous = App.CatalogClient();
        var categories = (await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/categories")).EnumerateArray().ToList();
        Assert.Equal(["boulangerie", "Confitures maison"], categories.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal((2L, "Bakery"), (categories[0].GetProperty("count").GetInt64(), categories[0].GetProperty("names").GetProperty("en").GetString()));
        Assert.Equal(JsonValueKind.Null, categories[1].GetProperty("names").ValueKind);

        // The search's filter by key or by either name finds both
        foreach (var filter in new[] { "boulangerie", "Bakery", "BOULANGERIE" })
        {
            var found = await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products?category={Uri.EscapeDataString(filter)}");
            Assert.Equal(2, found.GetProperty("total").GetInt64());
        }

        Assert.NotEqual(Guid.Empty, legacy);
    }

    [Fact]
    public async Task A_category_still_used_by_products_is_not_removed()
    {
        var key = await CreateAsync("Boulangerie", "Bakery");
        var product = await App.ListProductAsync(_coop, _shop, "Baguette", category: "Bakery");
        using var admin = Admin();

        var response = await admin.DeleteAsync($"{ListPath}/{key}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("category.in_use", 1L), (problem.GetProperty("code").GetString(), problem.GetProperty("products").GetInt64()));
        Assert.Single(await ListAsync());

        // Once its product is moved to another category, it goes
        await CreateAsync("Épicerie", "Grocery");
        var moved = await admin.PutAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products/{product}", new { name = new { fr = "Baguette" }, category = "epicerie", vatRate = 550 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{ListPath}/{key}")).StatusCode);
    }

    [Fact]
    public async Task A_csv_import_matches_categories_by_name_and_names_an_unknown_one_in_the_rows_error()
    {
        await CreateAsync("Boulangerie", "Bakery");
        var csv = Encoding.UTF8.GetBytes("Référence;Nom;Famille;Prix;TVA;Quantité\nB-1;Baguette;BOULANGERIE;1,30;5,5;10\nB-2;Croissant;Bakery;1,10;5,5;10\nB-3;Savon;Droguerie;3,00;20;4\n");
        using var owner = Owner();
        using var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new("text/csv");

        var response = await owner.PostAsync($"/api/coops/{_coop}/shops/{_shop}/imports", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["boulangerie", "boulangerie"], rows.Take(2).Select(r => r.GetProperty("category").GetString()));
        var error = Assert.Single(rows[2].GetProperty("errors").EnumerateArray());
        Assert.Equal("category", error.GetProperty("field").GetString());
        Assert.Contains("« Droguerie »", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("Boulangerie", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
