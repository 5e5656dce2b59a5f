using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Catalog.Common;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Catalog.Stock;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Catalog.Search;

/// <summary>
/// Puts shops and products in a cooperative's catalog through Catalog's HTTP API, as a shop's back office
/// and the cooperative's admin do: what the search shows is what the inline projection made of those requests.
/// </summary>
public sealed class CatalogSeed(MarketplaceApp app, TenantId coop)
{
    private static readonly object Address = new { line1 = "3 place du Marché", postcode = "69001", city = "Lyon" };

    public Task<Guid> ApprovedShopAsync(string name) => app.RegisterShopAsync(coop, name, approve: true);

    public Task<Guid> PendingShopAsync(string name) => app.RegisterShopAsync(coop, name);

    public Task ApproveAsync(Guid shop) => AsAdminAsync(HttpMethod.Post, $"shops/{shop}/approve", null);

    public Task RenameShopAsync(Guid shop, string name) => AsAdminAsync(HttpMethod.Put, $"shops/{shop}", new
    {
        name,
        address = Address,
        fulfilment = new { pickup = true, delivery = false },
        contact = new { email = "shop@example.org" },
    });

    public async Task<Guid> ListAsync(
        Guid shop,
        LocalizedText name,
        string category,
        long price,
        int stock = 5,
        LocalizedText? description = null,
        params string[] imageUrls)
    {
        var created = await AsAdminAsync(HttpMethod.Post, $"shops/{shop}/products", new
        {
            name,
            description,
            category,
            imageUrls,
            price = new Money(price, "EUR"),
            vatRate = 550,
            initialStock = stock,
        });
        return created.GetProperty("id").GetGuid();
    }

    public Task ArchiveAsync(Guid shop, Guid product) => AsAdminAsync(HttpMethod.Post, $"shops/{shop}/products/{product}/archive", null);

    public Task ReactivateAsync(Guid shop, Guid product) => AsAdminAsync(HttpMethod.Post, $"shops/{shop}/products/{product}/reactivate", null);

    public Task ChangePriceAsync(Guid shop, Guid product, long price) =>
        AsAdminAsync(HttpMethod.Post, $"shops/{shop}/products/{product}/price-changes", new { price = new Money(price, "EUR") });

    public Task ChangeDetailsAsync(Guid shop, Guid product, LocalizedText name, string category, LocalizedText? description = null) =>
        AsAdminAsync(HttpMethod.Put, $"shops/{shop}/products/{product}", new { name, description, category, imageUrls = Array.Empty<string>(), vatRate = 550 });

    public Task AdjustStockAsync(Guid shop, Guid product, int quantity, string reason) =>
        AsAdminAsync(HttpMethod.Post, $"shops/{shop}/products/{product}/stock-adjustments", new { quantity, reason });

    /// <summary>A customer's checkout holds <paramref name="quantity"/> units; returns the reservation's id.</summary>
    public async Task<Guid> ReserveAsync(Guid product, int quantity)
    {
        var reservation = Guid.NewGuid();
        using var client = app.CatalogClient(MarketplaceApp.Token($"{coop}:customer"));
        var response = await client.PostAsJsonAsync($"/api/coops/{coop}/reservations", new { reservationId = reservation, lines = new[] { new { productId = product, quantity } } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return reservation;
    }

    public Task ReleaseAsync(Guid reservation) => AsAdminAsync(HttpMethod.Post, $"reservations/{reservation}/release", new { reason = "cancelled" });

    /// <summary>The reservation's shops accept their lines (SubOrderAccepted, as Ordering sends it): the units are sold.</summary>
    public Task CommitAsync(Guid reservation) => OrderMessages.AcceptWholeAsync(app, coop, reservation);

    private async Task<JsonElement> AsAdminAsync(HttpMethod method, string path, object? body)
    {
        using var client = app.CatalogClient(MarketplaceApp.Token($"{coop}:admin"));
        using var request = new HttpRequestMessage(method, $"/api/coops/{coop}/{path}") { Content = body is null ? null : JsonContent.Create(body) };
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
