using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using CatalogContracts = Marketplace.Contracts.Catalog;

namespace Marketplace.IntegrationTests.Relay;

[CollectionDefinition(nameof(BrokerOutage), DisableParallelization = true)]
public sealed class BrokerOutage;

/// <summary>Stops the shared broker, so it runs alone, after the parallel tests.</summary>
[Collection(nameof(BrokerOutage))]
public sealed class BrokerOutageTests : MarketplaceTest
{
    [Fact]
    public async Task Broker_stopped_mid_stream_loses_nothing_and_the_relay_resumes_by_itself()
    {
        var tenant = await App.OnboardAsync();
        using var client = App.CatalogClient(MarketplaceApp.Token($"{tenant}:admin")); // sees shops before their approval
        var shops = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            shops.Add(await App.RegisterShopAsync(tenant, $"Before {i}", approve: true));
        }

        await App.Infrastructure.Broker.StopAsync();
        try
        {
            // Writes do not depend on the broker: the event store is the outbox.
            for (var i = 0; i < 5; i++)
            {
                shops.Add(await App.RegisterShopAsync(tenant, $"During {i}", approve: true));
            }

            await Task.Delay(TimeSpan.FromSeconds(3)); // the relay meets the outage
        }
        finally
        {
            await App.Infrastructure.Broker.StartAsync();
        }

        for (var i = 0; i < 5; i++)
        {
            shops.Add(await App.RegisterShopAsync(tenant, $"After {i}", approve: true));
        }

        // Every shop makes the full round trip: Catalog relay → Ordering (approved, and payable as Payments says) → Ordering relay → Catalog.
        var ordering = App.Ordering.Services.GetRequiredService<CooperativeSessions>();
        foreach (var shop in shops)
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    await using var session = ordering.QuerySession(tenant);
                    return await session.LoadAsync<Marketplace.Ordering.Shops.OrderingShop>(shop) is { Approved: true };
                },
                $"Ordering's copy of shop {shop}, approved",
                TimeSpan.FromSeconds(90));
            await App.PayoutsPossibleAsync(tenant, shop);
        }

        foreach (var shop in shops)
        {
            await Eventually.TrueAsync(
                async () => (await client.GetFromJsonAsync<JsonElement>($"/api/coops/{tenant}/shops/{shop}")).GetProperty("acceptsOrders").GetBoolean(),
                $"shop {shop} open for orders", TimeSpan.FromSeconds(90));
        }

        // The probe (one more subscriber, with its own reconnection timing) gets every event, in commit order.
        List<Guid> relayed = [];
        await Eventually.TrueAsync(() =>
        {
            relayed = App.Probe.Of<CatalogContracts.ShopRegistered>(e => e.Tenant == tenant)
                .Select(r => ((CatalogContracts.ShopRegistered)r.Message).ShopId).Distinct().ToList();
            return Task.FromResult(relayed.Count >= shops.Count);
        }, "the probe to receive every shop", TimeSpan.FromSeconds(90));
        Assert.Equal(shops, relayed);
    }
}
