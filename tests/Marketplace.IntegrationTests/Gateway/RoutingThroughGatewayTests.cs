using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Gateway;

public sealed class RoutingThroughGatewayTests : GatewayTest
{
    private static readonly string[] Languages = ["fr", "en"];
    private static readonly string[] ServiceNames = ["platform", "catalog", "ordering", "payments", "governance"];

    public static TheoryData<string> Services => [.. ServiceNames];

    [Fact]
    public async Task Cooperative_created_through_the_gateway_is_readable_through_it()
    {
        // Given a signed-in caller of the gateway
        var slug = MarketplaceApp.NewSlug();
        using var client = Gateway.Client(MarketplaceApp.Token());

        // When it creates a cooperative and reads it back, both through the gateway
        var created = await client.PostAsJsonAsync("/api/cooperatives", new
        {
            slug = slug.Value,
            name = "Coop " + slug.Value,
            country = "FR",
            currency = "EUR",
            languages = Languages,
        });
        var read = await client.GetAsync($"/api/cooperatives/{slug}");

        // Then Platform created it and answers it
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(slug.Value, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString());
        // And the listing (the route without a trailing path) goes through too
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cooperatives")).StatusCode);
    }

    [Fact]
    public async Task Shop_registered_through_the_gateway_with_a_token_is_readable_through_it()
    {
        // Given a cooperative and a member's token
        var tenant = await App.OnboardAsync();
        using var client = Gateway.Client(MarketplaceApp.Token($"{tenant}:member"));

        // When the member registers a shop through the gateway and reads it there (its owner sees it before approval)
        var registered = await client.PostAsJsonAsync($"/api/coops/{tenant}/shops", new { name = "Épicerie du Marché" });
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var read = await client.GetAsync($"/api/coops/{tenant}/shops/{id}");

        // Then Catalog registered it and serves it
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Épicerie du Marché", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/api/coops/{coop}/products/00000000-0000-0000-0000-000000000001", "No such product in this shop.")]
    [InlineData("/api/coops/{coop}/reservations/00000000-0000-0000-0000-000000000001", "No such reservation in this cooperative.")]
    public async Task Catalog_routes_reach_Catalog(string path, string catalogTitle)
    {
        var tenant = await App.OnboardAsync();
        using var client = Gateway.Client(MarketplaceApp.Token($"{tenant}:customer"));

        var response = await client.GetAsync(path.Replace("{coop}", tenant.Value, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(catalogTitle, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Invalid_token_is_not_refused_by_the_gateway_but_by_the_service_with_401()
    {
        // Given a token signed with another key
        var forged = MarketplaceApp.Token(MarketplaceApp.OtherRsaCredentials(), MarketplaceApp.Issuer, ["demo:admin"]);
        using var client = Gateway.Client(forged);

        // When it is used through the gateway
        var response = await client.PostAsJsonAsync($"/api/coops/{MarketplaceApp.NewSlug()}/shops", new { name = "Faux" });

        // Then the request reached Catalog, which refused it
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
    }

    [Fact]
    public async Task Caller_trace_continues_in_the_service_behind_the_gateway()
    {
        // Given a caller that starts a trace
        var traceId = ActivityTraceId.CreateRandom();
        using var client = Gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/coops/{MarketplaceApp.NewSlug()}/shops/{Guid.NewGuid()}");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        // When Catalog answers with a problem (an unknown cooperative)
        var response = await client.SendAsync(request);

        // Then the problem carries the caller's trace id: the gateway forwarded the trace context
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(traceId.ToString(), (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("traceId").GetString());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Each_service_OpenAPI_document_is_reachable_through_the_gateway(string service)
    {
        using var client = Gateway.Client();

        var document = await client.GetFromJsonAsync<JsonElement>($"/openapi/{service}/v1.json");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Contains(service, document.GetProperty("info").GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Scalar_reference_of_the_gateway_answers_HTML_listing_the_three_documents()
    {
        using var client = Gateway.Client();

        var response = await client.GetAsync("/scalar");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.All(ServiceNames, service => Assert.Contains($"openapi/{service}/v1.json", html, StringComparison.Ordinal));
    }
    [Fact]
    public async Task Every_GET_route_of_the_authorization_matrix_reaches_its_service_through_the_gateway()
    {
        // The same call, straight to the service and through the gateway, gets the same status and problem code: a
        // route the gateway sends to another service (or nowhere) answers that service's plain 404 instead
        var coop = await App.OnboardAsync();
        var token = MarketplaceApp.Token(Guid.NewGuid(), $"{coop}:admin");
        using var gateway = Gateway.Client(token);
        var (shop, product, reservation) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var differences = new List<string>();
        foreach (var row in Authorization.Matrix.Load().Where(r => r.Key.Method == "GET" && r.Key.Route.StartsWith("/api/coops/{coop}/", StringComparison.Ordinal)))
        {
            var route = Authorization.Matrix.Concrete(row.Key.Route, coop, shop, product, reservation);
            using var direct = row.Key.Service switch
            {
                "platform" => App.PlatformClient(token),
                "catalog" => App.CatalogClient(token),
                "ordering" => App.OrderingClient(token),
                "governance" => App.GovernanceClient(token),
                "payments" => App.PaymentsClient(token),
                var other => throw new InvalidOperationException($"No service {other}."),
            };
            var expected = await AnswerAsync(direct, route);
            var through = await AnswerAsync(gateway, route);
            if (expected != through)
            {
                differences.Add($"{row.Key}: {row.Key.Service} answers {expected}, the gateway {through}");
            }
        }

        Assert.True(differences.Count == 0, string.Join('\n', differences));

        static async Task<(HttpStatusCode, string?)> AnswerAsync(HttpClient client, string route)
        {
            using var response = await client.GetAsync(route);
            var body = await response.Content.ReadAsStringAsync();
            var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json" && JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            return (response.StatusCode, code);
        }
    }
}
