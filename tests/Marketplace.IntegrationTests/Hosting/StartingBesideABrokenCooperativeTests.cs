using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.IntegrationTests.Ordering;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.IntegrationTests.Infrastructure.MarketplaceApp;

namespace Marketplace.IntegrationTests.Hosting;

/// <summary>
/// A service starts whatever state one cooperative's database is in: that cooperative answers 503 with Retry-After
/// until its database can be prepared, every other one is served (it restarts a shared host, so it runs with the
/// other restart tests, alone).
/// </summary>
[Collection(nameof(ServiceRestarts))]
public sealed class StartingBesideABrokenCooperativeTests : MarketplaceTest
{
    [Fact]
    public async Task A_service_starts_beside_a_cooperative_whose_database_is_missing_and_prepares_it_once_it_exists()
    {
        // Given a cooperative in use, and another registered whose database does not exist
        var healthy = await App.OnboardAsync();
        await App.RegisterShopAsync(healthy, "Toujours ouverte", approve: true);
        var broken = NewSlug();
        var database = TenantRegistry.DatabaseNameFor(broken);
        var settings = App.Platform.Services.GetRequiredService<MarketplaceSettings>();
        var registry = App.Platform.Services.GetRequiredService<TenantRegistry>();
        await registry.RegisterAsync(broken, settings.DatabaseConnectionString(database, settings.MaxPoolSizePerCooperative), CancellationToken.None);
        try
        {
            // When Catalog starts again
            await App.RestartAsync(Service.Catalog);

            // Then it serves the cooperative in use, and answers 503 with Retry-After for the broken one, never 500
            using var client = App.CatalogClient(Token($"{broken}:admin"));
            using var shops = await App.CatalogClient().GetAsync($"/api/coops/{healthy}/shops");
            Assert.Equal(HttpStatusCode.OK, shops.StatusCode);
            Assert.Contains("Toujours ouverte", await shops.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            foreach (var path in new[] { $"/health/cooperatives/{broken}", $"/api/coops/{broken}/shops", $"/api/coops/{broken}/categories" })
            {
                using var answer = await client.GetAsync(path);
                Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                Assert.NotNull(answer.Headers.RetryAfter);
                Assert.Equal("cooperative-not-ready", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            }

            // And once its database exists, a retry prepares it and it is served
            await App.DatabaseDdlAsync($"create database \"{database}\"");
            await Eventually.TrueAsync(
                async () => (await client.GetAsync($"/health/cooperatives/{broken}")).StatusCode == HttpStatusCode.OK,
                "the broken cooperative prepared by a retry",
                TimeSpan.FromMinutes(2));
            using var empty = await client.GetAsync($"/api/coops/{broken}/shops");
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        }
        finally
        {
            await registry.RemoveAsync(broken, CancellationToken.None);
            await App.DatabaseDdlAsync($"drop database if exists \"{database}\" with (force)");
        }
    }
}
