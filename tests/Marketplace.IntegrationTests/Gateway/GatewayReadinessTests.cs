using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Gateway;

/// <summary>The gateway is ready only when every service it routes to is, and says which one is not.</summary>
public sealed class GatewayReadinessTests : MarketplaceTest
{
    private static readonly string[] ServiceNames = ["platform", "catalog", "ordering", "payments", "governance"];

    [Fact]
    public async Task Ready_reports_each_service_it_routes_to()
    {
        // Given the gateway in front of the running services
        await using var gateway = GatewayFactory.Start(App);

        // When a probe asks whether it is ready
        var (status, checks) = await ReadyAsync(gateway);

        // Then it is, and it names each service as healthy
        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var service in ServiceNames)
        {
            Assert.Equal("Healthy", checks.GetProperty(service).GetProperty("status").GetString());
        }
    }

    [Theory]
    [InlineData("catalog")]
    [InlineData("ordering")]
    [InlineData("governance")]
    [InlineData("payments")]
    public async Task A_service_that_refuses_connections_makes_the_gateway_unready_and_is_named(string stopped)
    {
        // Given the gateway in front of services of which one refuses every connection
        await using var gateway = GatewayFactory.Start(App, unreachable: new HashSet<string> { stopped });

        // When a probe asks whether it is ready
        using var client = gateway.Client();
        using var response = await client.GetAsync("/health/ready");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var (status, checks) = (response.StatusCode, body.GetProperty("checks"));

        // Then it is not (503, a ProblemDetails with Retry-After), the stopped service is unhealthy with the reason, and
        // the others are healthy
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("service-not-ready", body.GetProperty("code").GetString());
        var check = checks.GetProperty(stopped);
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Contains("cannot be reached", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        foreach (var service in ServiceNames.Where(service => service != stopped))
        {
            Assert.Equal("Healthy", checks.GetProperty(service).GetProperty("status").GetString());
        }

        // And liveness still answers: the gateway's own process is fine
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client().GetAsync("/health/live")).StatusCode);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Checks)> ReadyAsync(GatewayFactory gateway)
    {
        using var client = gateway.Client();
        using var response = await client.GetAsync("/health/ready");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("checks"));
    }
}
