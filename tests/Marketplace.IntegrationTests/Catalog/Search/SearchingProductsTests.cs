using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Catalog.Search;

/// <summary>The storefront's search over one seeded cooperative, through Catalog's HTTP API, anonymously.</summary>
public sealed class SearchingProductsTests(SearchCatalogFixture catalog) : IClassFixture<SearchCatalogFixture>
{
    [Theory]
    [InlineData("pates")]
    [InlineData("PÂTES")]
    [InlineData("pâte")]
    public async Task Search_ignores_accents_and_case(string q)
    {
        var found = await catalog.SearchAsync($"q={Uri.EscapeDataString(q)}");

        Assert.Equal(Ids(catalog.FreshPasta, catalog.Spread), Ids(found));
    }

    [Fact]
    public async Task Search_stems_french_words_singular_finds_plural_and_back()
    {
        var singular = await catalog.SearchAsync("q=tomate");
        var plural = await catalog.SearchAsync("q=tomates");

        Assert.Equal(Ids(catalog.CherryTomatoes, catalog.TomatoSauce), Ids(singular));
        Assert.Equal(Ids(singular), Ids(plural));
    }

    [Fact]
    public async Task Search_understands_english_names_and_descriptions()
    {
        Assert.Equal(Ids(catalog.CherryTomatoes, catalog.TomatoSauce), Ids(await catalog.SearchAsync("q=tomatoes")));
        Assert.Equal(Ids(catalog.LavenderHoney, catalog.Gingerbread), Ids(await catalog.SearchAsync("q=honey")));
        Assert.Equal(Ids(catalog.FreshPasta), Ids(await catalog.SearchAsync("q=egg")));
    }

    [Fact]
    public async Task Search_covers_french_descriptions_and_the_category()
    {
        Assert.Equal(Ids(catalog.LavenderHoney), Ids(await catalog.SearchAsync("q=provence")));
        Assert.Equal(Ids(catalog.Comte), Ids(await catalog.SearchAsync("q=fromage")));
    }

    [Fact]
    public async Task Every_word_must_match()
    {
        Assert.Equal(Ids(catalog.FreshPasta), Ids(await catalog.SearchAsync("q=" + Uri.EscapeDataString("pâtes fraîches"))));
        Assert.Empty((await catalog.SearchAsync("q=" + Uri.EscapeDataString("pâtes lavande"))).Items);
    }

    [Fact]
    public async Task A_name_match_ranks_above_a_description_match()
    {
        var found = await catalog.SearchAsync("q=miel");

        Assert.Equal([catalog.LavenderHoney, catalog.Gingerbread], found.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task Result_carries_the_product_its_shop_price_first_image_and_availability()
    {
        var pasta = Assert.Single((await catalog.SearchAsync("q=fraiches")).Items);

        Assert.Equal(new FoundProduct(
            catalog.FreshPasta,
            catalog.Epicerie,
            "Épicerie Martin",
            new("Pâtes fraîches", "Fresh pasta"),
            new("Pâtes aux œufs de la ferme", "Egg pasta from the farm"),
            "Épicerie",
            new(450, "EUR"),
            550,
            "https://images.example.org/pates.jpg",
            10), pasta);
    }

    [Fact]
    public async Task Archived_products_and_products_of_shops_not_approved_are_never_found()
    {
        var found = await catalog.SearchAsync("q=pates&pageSize=50");
        var all = await AllAsync("");

        Assert.DoesNotContain(catalog.ArchivedPasta, Ids(found));
        Assert.DoesNotContain(catalog.PendingShopPasta, Ids(found));
        Assert.DoesNotContain(catalog.ArchivedPasta, all);
        Assert.DoesNotContain(catalog.PendingShopPasta, all);
        Assert.Empty((await catalog.SearchAsync($"shop={catalog.PendingShop}")).Items);
    }

    [Fact]
    public async Task Products_of_another_cooperative_are_never_returned()
    {
        var here = await AllAsync("q=pates");
        var there = await catalog.SearchAsync(catalog.OtherCoop, "q=pates");

        Assert.DoesNotContain(catalog.OtherCoopPasta, here);
        Assert.Equal(Ids(catalog.OtherCoopPasta), Ids(there));
        Assert.Equal(1, (await catalog.SearchAsync(catalog.OtherCoop, "")).Total);
    }

    [Fact]
    public async Task Filters_by_category_whatever_its_accents_and_case()
    {
        var expected = Ids(catalog.FreshPasta, catalog.TomatoSauce, catalog.LavenderHoney, catalog.Spread);

        Assert.Equal(expected, Ids(await catalog.SearchAsync("category=" + Uri.EscapeDataString("Épicerie"))));
        Assert.Equal(expected, Ids(await catalog.SearchAsync("category=epicerie")));
        Assert.Equal(Ids(catalog.TomatoSauce), Ids(await catalog.SearchAsync("q=tomate&category=epicerie")));
    }

    [Fact]
    public async Task Filters_by_shop()
    {
        var found = await catalog.SearchAsync($"q=pates&shop={catalog.Fromagerie}");

        Assert.Equal(Ids(catalog.Spread), Ids(found));
        Assert.All((await catalog.SearchAsync($"shop={catalog.Epicerie}&pageSize=50")).Items, p => Assert.Equal(catalog.Epicerie, p.ShopId));
    }

    [Fact]
    public async Task In_stock_filter_leaves_out_what_cannot_be_bought()
    {
        Assert.Equal(Ids(catalog.CherryTomatoes, catalog.TomatoSauce), Ids(await catalog.SearchAsync("q=tomate")));
        Assert.Equal(Ids(catalog.TomatoSauce), Ids(await catalog.SearchAsync("q=tomate&inStock=true")));
        Assert.Equal(0, (await catalog.SearchAsync("q=cerises")).Items.Single().Available);
    }

    [Fact]
    public async Task Sorts_by_price_both_ways()
    {
        var ascending = await catalog.SearchAsync("category=epicerie&sort=price");
        var descending = await catalog.SearchAsync("category=epicerie&sort=-price");

        Assert.Equal([350L, 450, 550, 900], ascending.Items.Select(p => p.Price.Minor));
        Assert.Equal([900L, 550, 450, 350], descending.Items.Select(p => p.Price.Minor));
    }

    [Fact]
    public async Task Sorts_the_most_recently_listed_first()
    {
        var newest = await catalog.SearchAsync("category=epicerie&sort=newest");

        // listed in this order by the fixture: pasta, sauce, honey (then a pasta since archived), the spread of another shop
        Assert.Equal(["Pâte à tartiner", "Miel de lavande", "Sauce tomate", "Pâtes fraîches"], newest.Items.Select(p => p.Name.Fr));
    }

    [Fact]
    public async Task Without_words_relevance_falls_back_to_name_order()
    {
        var found = await catalog.SearchAsync("category=epicerie&sort=relevance");

        Assert.Equal(["Miel de lavande", "Pâte à tartiner", "Pâtes fraîches", "Sauce tomate"], found.Items.Select(p => p.Name.Fr));
    }

    [Fact]
    public async Task Pages_cover_every_result_once_in_a_stable_order()
    {
        var pages = new List<FoundPage>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await catalog.SearchAsync($"category=conserves&pageSize=10&page={page}"));
        }

        Assert.Equal([10, 10, 5, 0], pages.Select(p => p.Items.Count));
        Assert.All(pages, p => Assert.Equal(25, p.Total));
        Assert.All(pages, p => Assert.Equal(10, p.PageSize));
        Assert.Equal(catalog.Preserves, pages.SelectMany(p => p.Items).Select(p => p.Id));
    }

    [Fact]
    public async Task Page_size_defaults_to_20_and_goes_up_to_50()
    {
        var first = await catalog.SearchAsync("");
        var largest = await catalog.SearchAsync("pageSize=50");

        Assert.Equal(20, first.PageSize);
        Assert.Equal(20, first.Items.Count);
        Assert.Equal(1, first.Page);
        Assert.Equal(32, first.Total); // 7 visible products of the two approved shops, and 25 jars
        Assert.Equal(32, largest.Items.Count);
    }

    [Theory]
    [InlineData("pageSize=51", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("sort=name", "sort")]
    public async Task Invalid_search_is_a_400_naming_the_field(string query, string field)
    {
        using var client = catalog.App.CatalogClient();
        var response = await client.GetAsync($"/api/coops/{catalog.Coop}/products?{query}");

        await AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task Words_longer_than_200_characters_are_a_400()
    {
        using var client = catalog.App.CatalogClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/coops/{catalog.Coop}/products?q={new string('a', 200)}")).StatusCode);
        await AssertFieldErrorAsync(await client.GetAsync($"/api/coops/{catalog.Coop}/products?q={new string('a', 201)}"), "q");
    }

    [Fact]
    public async Task Unknown_cooperative_is_a_404()
    {
        using var client = catalog.App.CatalogClient();

        var response = await client.GetAsync("/api/coops/no-such-coop-here/products?q=pates");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Categories_count_visible_products_only()
    {
        using var client = catalog.App.CatalogClient();

        var categories = await client.GetFromJsonAsync<List<FoundCategory>>($"/api/coops/{catalog.Coop}/categories");

        Assert.Equal(
            [new("Boulangerie", 1), new("Conserves", 25), new("Épicerie", 4), new("Fromages", 1), new("Fruits et légumes", 1)],
            categories);
    }

    private async Task<List<Guid>> AllAsync(string query)
    {
        var found = await catalog.SearchAsync($"{query}&pageSize=50");
        Assert.True(found.Total <= 50, "the test catalog fits on one page");
        return Ids(found);
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors name {field}: {problem}");
    }

    private static List<Guid> Ids(params Guid[] ids) => [.. ids.Order()];

    private static List<Guid> Ids(FoundPage page) => [.. page.Items.Select(p => p.Id).Order()];
}
