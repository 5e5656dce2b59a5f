using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Catalog.Search;

public sealed record FoundText(string? Fr, string? En);

public sealed record FoundPrice(long Minor, string Currency);

public sealed record FoundProduct(
    Guid Id,
    Guid ShopId,
    string ShopName,
    FoundText Name,
    FoundText Description,
    string Category,
    FoundPrice Price,
    int VatRate,
    string? ImageUrl,
    int Available);

public sealed record FoundPage(List<FoundProduct> Items, int Page, int PageSize, long Total);

public sealed record FoundCategory(string Name, long Count);

/// <summary>
/// One cooperative's catalog, seeded once for the search tests that only read it, and a second cooperative
/// whose products must never show up in the first one's results.
/// </summary>
public sealed class SearchCatalogFixture : IAsyncLifetime
{
    public MarketplaceApp App { get; private set; } = null!;

    public TenantId Coop { get; private set; }

    public TenantId OtherCoop { get; private set; }

    public CatalogSeed Seed { get; private set; } = null!;

    public Guid Epicerie { get; private set; }

    public Guid Fromagerie { get; private set; }

    public Guid PendingShop { get; private set; }

    public Guid FreshPasta { get; private set; }

    public Guid CherryTomatoes { get; private set; }

    public Guid TomatoSauce { get; private set; }

    public Guid LavenderHoney { get; private set; }

    public Guid Gingerbread { get; private set; }

    public Guid ArchivedPasta { get; private set; }

    public Guid Comte { get; private set; }

    public Guid Spread { get; private set; }

    public Guid PendingShopPasta { get; private set; }

    public Guid OtherCoopPasta { get; private set; }

    public List<Guid> Preserves { get; } = [];

    public async Task InitializeAsync()
    {
        App = await MarketplaceApp.GetAsync();
        Coop = await App.OnboardAsync();
        OtherCoop = await App.OnboardAsync();
        Seed = new CatalogSeed(App, Coop);

        Epicerie = await Seed.ApprovedShopAsync("Épicerie Martin");
        FreshPasta = await Seed.ListAsync(Epicerie, new("Pâtes fraîches", "Fresh pasta"), "Épicerie", 450, stock: 10,
            description: new("Pâtes aux œufs de la ferme", "Egg pasta from the farm"), "https://images.example.org/pates.jpg", "https://images.example.org/pates-2.jpg");
        CherryTomatoes = await Seed.ListAsync(Epicerie, new("Tomates cerises", "Cherry tomatoes"), "Fruits et légumes", 300, stock: 0,
            description: new("Récoltées le matin au jardin", "Picked in the morning"));
        TomatoSauce = await Seed.ListAsync(Epicerie, new("Sauce tomate", "Tomato sauce"), "Épicerie", 350, stock: 5);
        LavenderHoney = await Seed.ListAsync(Epicerie, new("Miel de lavande", "Lavender honey"), "Épicerie", 900, stock: 3,
            description: new("Récolté en Provence", "From Provence"));
        Gingerbread = await Seed.ListAsync(Epicerie, new("Pain d'épices", "Gingerbread"), "Boulangerie", 650, stock: 2,
            description: new("Au miel de nos ruches", "With our own bees' honey"));
        ArchivedPasta = await Seed.ListAsync(Epicerie, new("Pâtes complètes", null), "Épicerie", 400, stock: 4);
        await Seed.ArchiveAsync(Epicerie, ArchivedPasta);

        Fromagerie = await Seed.ApprovedShopAsync("Fromagerie Durand");
        Comte = await Seed.ListAsync(Fromagerie, new("Comté 18 mois", "18-month Comté"), "Fromages", 1200, stock: 4);
        Spread = await Seed.ListAsync(Fromagerie, new("Pâte à tartiner", null), "Épicerie", 550, stock: 1);
        for (var i = 0; i < 25; i++)
        {
            Preserves.Add(await Seed.ListAsync(Fromagerie, new($"Bocal n° {i:00}", null), "Conserves", 100 + i, stock: 1));
        }

        PendingShop = await Seed.PendingShopAsync("Boucherie en attente");
        PendingShopPasta = await Seed.ListAsync(PendingShop, new("Pâtes de la boucherie", null), "Épicerie", 500, stock: 8);

        var otherSeed = new CatalogSeed(App, OtherCoop);
        var otherShop = await otherSeed.ApprovedShopAsync("Épicerie d'ailleurs");
        OtherCoopPasta = await otherSeed.ListAsync(otherShop, new("Pâtes d'ailleurs", "Pasta from elsewhere"), "Épicerie", 420, stock: 6);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public Task<FoundPage> SearchAsync(string query) => SearchAsync(Coop, query);

    public async Task<FoundPage> SearchAsync(TenantId coop, string query)
    {
        using var client = App.CatalogClient();
        var response = await client.GetAsync($"/api/coops/{coop}/products?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FoundPage>())!;
    }
}
