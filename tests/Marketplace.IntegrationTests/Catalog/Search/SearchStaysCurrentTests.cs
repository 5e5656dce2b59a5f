using Marketplace.Catalog;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests.Catalog.Search;

/// <summary>
/// The search read model is written in the same transaction as the events: whatever a shop changes through
/// Catalog's API is what the very next search shows, with no waiting.
/// </summary>
public sealed class SearchStaysCurrentTests(SearchStaysCurrentTests.Cooperative cooperative) : IClassFixture<SearchStaysCurrentTests.Cooperative>
{
    private readonly MarketplaceApp _app = cooperative.App;
    private readonly TenantId _tenant = cooperative.Coop;
    private readonly CatalogSeed _seed = new(cooperative.App, cooperative.Coop);

    /// <summary>One cooperative for the class; every test works in shops of its own.</summary>
    public sealed class Cooperative : IAsyncLifetime
    {
        public MarketplaceApp App { get; private set; } = null!;

        public TenantId Coop { get; private set; }

        public async Task InitializeAsync()
        {
            App = await MarketplaceApp.GetAsync();
            Coop = await App.OnboardAsync();
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public async Task Available_follows_every_reservation_release_commit_and_adjustment()
    {
        var shop = await _seed.ApprovedShopAsync("Cave " + Guid.NewGuid());
        var wine = await _seed.ListAsync(shop, new("Vin de Loire", "Loire wine"), "Cave", 1500, stock: 5);

        var first = await _seed.ReserveAsync(wine, 3);
        Assert.Equal(2, await AvailableAsync(shop, wine));

        var second = await _seed.ReserveAsync(wine, 2);
        Assert.Equal(0, await AvailableAsync(shop, wine));
        Assert.Empty((await SearchAsync($"shop={shop}&inStock=true")).Items);

        await _seed.ReleaseAsync(second);
        Assert.Equal(2, await AvailableAsync(shop, wine));

        await _seed.CommitAsync(first);
        Assert.Equal(2, await AvailableAsync(shop, wine));

        await _seed.AdjustStockAsync(shop, wine, -2, StockAdjustmentReason.SaleInShop);
        Assert.Equal(0, await AvailableAsync(shop, wine));

        await _seed.AdjustStockAsync(shop, wine, 7, StockAdjustmentReason.Restock);
        Assert.Equal(7, await AvailableAsync(shop, wine));
        Assert.Equal([wine], (await SearchAsync($"shop={shop}&inStock=true")).Items.Select(p => p.Id));
    }

    [Fact]
    public async Task A_new_price_is_shown_and_sorted_on_at_once()
    {
        var shop = await _seed.ApprovedShopAsync("Primeur " + Guid.NewGuid());
        var apples = await _seed.ListAsync(shop, new("Pommes", "Apples"), "Fruits", 300);
        var pears = await _seed.ListAsync(shop, new("Poires", "Pears"), "Fruits", 400);

        await _seed.ChangePriceAsync(shop, apples, 520);

        var found = await SearchAsync($"shop={shop}&sort=price");
        Assert.Equal([pears, apples], found.Items.Select(p => p.Id));
        Assert.Equal(520, found.Items[1].Price.Minor);
    }

    [Fact]
    public async Task New_name_and_category_replace_the_old_ones_in_the_search()
    {
        var shop = await _seed.ApprovedShopAsync("Boulangerie " + Guid.NewGuid());
        var bread = await _seed.ListAsync(shop, new("Baguette tradition", null), "Pains", 130);

        await _seed.ChangeDetailsAsync(shop, bread, new("Pain de campagne", "Country bread"), "Boulangerie", new("Au levain", "Sourdough"));

        Assert.Empty((await SearchAsync($"shop={shop}&q=baguette")).Items);
        var found = Assert.Single((await SearchAsync($"shop={shop}&q=levain")).Items);
        Assert.Equal(new FoundText("Pain de campagne", "Country bread"), found.Name);
        Assert.Equal("Boulangerie", found.Category);
        Assert.Single((await SearchAsync($"shop={shop}&q=sourdough")).Items);
        Assert.Empty((await SearchAsync($"shop={shop}&category=pains")).Items);
    }

    [Fact]
    public async Task Archived_product_disappears_and_comes_back_when_reactivated()
    {
        var shop = await _seed.ApprovedShopAsync("Quincaillerie " + Guid.NewGuid());
        var hammer = await _seed.ListAsync(shop, new("Marteau", "Hammer"), "Outils", 1900);

        await _seed.ArchiveAsync(shop, hammer);
        Assert.Empty((await SearchAsync($"shop={shop}")).Items);

        await _seed.ReactivateAsync(shop, hammer);
        Assert.Equal([hammer], (await SearchAsync($"shop={shop}")).Items.Select(p => p.Id));
    }

    [Fact]
    public async Task A_shop_products_appear_when_it_is_approved_and_carry_its_new_name()
    {
        var shop = await _seed.PendingShopAsync("Fleuriste " + Guid.NewGuid());
        var roses = await _seed.ListAsync(shop, new("Roses rouges", "Red roses"), "Fleurs", 2500);
        Assert.Empty((await SearchAsync($"shop={shop}")).Items);

        await _seed.ApproveAsync(shop);
        Assert.StartsWith("Fleuriste ", Assert.Single((await SearchAsync($"shop={shop}")).Items).ShopName, StringComparison.Ordinal);

        await _seed.RenameShopAsync(shop, "Les Fleurs de Lise");
        var found = Assert.Single((await SearchAsync("q=roses")).Items, p => p.Id == roses);
        Assert.Equal("Les Fleurs de Lise", found.ShopName);
    }

    [Fact]
    public async Task Search_schema_applied_to_a_cooperative_matches_the_configuration()
    {
        // Nothing left to migrate: the next start (or onboarding message) finds the schema as configured.
        var store = _app.Catalog.Services.GetRequiredService<IDocumentStore>();
        var database = (await store.Options.Tenancy.GetTenantAsync(_tenant.Value)).Database;

        await database.AssertDatabaseMatchesConfigurationAsync();
        Assert.Equal("'pat':1", await _app.ScalarAsync<string>(
            Marketplace.ServiceDefaults.Tenancy.TenantRegistry.DatabaseNameFor(_tenant), $"select to_tsvector('{CatalogModule.Schema}.french_unaccent', 'Pâtes')::text"));
    }

    private async Task<int> AvailableAsync(Guid shop, Guid product) =>
        Assert.Single((await SearchAsync($"shop={shop}")).Items, p => p.Id == product).Available;

    private async Task<FoundPage> SearchAsync(string query)
    {
        using var client = _app.CatalogClient();
        var response = await client.GetAsync($"/api/coops/{_tenant}/products?{query}");
        response.EnsureSuccessStatusCode();
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<FoundPage>(response.Content))!;
    }
}
