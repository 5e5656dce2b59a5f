using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests.Hosting;

/// <summary>What every service gets from AddServiceDefaults, checked on each running service.</summary>
public sealed class ServiceConventionsTests : MarketplaceTest
{
    public static TheoryData<string> Services => ["platform", "catalog", "ordering", "payments", "governance"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Service_is_live_and_ready_with_its_database_broker_and_relay_checked(string service)
    {
        using var client = Client(service);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        // Not ready while starting is what readiness is for (the bus connects after the host starts): wait for it, bounded.
        HttpResponseMessage? ready = null;
        await Eventually.TrueAsync(async () =>
        {
            ready?.Dispose();
            ready = await client.GetAsync("/health/ready");
            return ready.StatusCode == HttpStatusCode.OK;
        }, $"{service} ready", TimeSpan.FromSeconds(30));

        var checks = (await ready!.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("relay").GetProperty("status").GetString());
        Assert.Contains(checks.EnumerateObject(), check => check.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase)
            && check.Value.GetProperty("status").GetString() == "Healthy");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Service_publishes_its_OpenAPI_document_and_a_browsable_reference(string service)
    {
        using var client = Client(service);

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var reference = await client.GetAsync("/scalar");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Contains(service, document.GetProperty("info").GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Each_store_keeps_its_connections_to_a_cooperative_database_within_its_pool_cap()
    {
        var tenant = await App.OnboardAsync();
        var cap = App.Catalog.Services.GetRequiredService<MarketplaceSettings>().MaxPoolSizePerCooperative;
        using var client = App.CatalogClient(MarketplaceApp.Token($"{tenant}:member"));

        var writes = Enumerable.Range(0, 40).Select(i => client.PostAsJsonAsync($"/api/coops/{tenant}/shops", new { name = $"Shop {i}" }));
        var peak = 0L;
        var sampling = Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                peak = Math.Max(peak, await CountConnectionsAsync(TenantRegistry.DatabaseNameFor(tenant), "catalog"));
                await Task.Delay(50);
            }
        });
        var responses = await Task.WhenAll(writes);
        await sampling;

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.InRange(peak, 1, cap);
    }

    [Fact]
    public async Task Route_naming_an_unknown_cooperative_gets_404_problem_details()
    {
        using var client = App.CatalogClient();

        var response = await client.GetAsync($"/api/coops/{MarketplaceApp.NewSlug()}/shops/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private HttpClient Client(string service) => service switch
    {
        "platform" => App.Platform.CreateClient(),
        "catalog" => App.Catalog.CreateClient(),
        "ordering" => App.Ordering.CreateClient(),
        "governance" => App.Governance.CreateClient(),
        _ => App.Payments.CreateClient(),
    };

    private Task<long> CountConnectionsAsync(string database, string applicationName) =>
        App.ScalarAsync<long>("postgres", "select count(*) from pg_stat_activity where datname = $1 and application_name = $2", database, applicationName);
}
