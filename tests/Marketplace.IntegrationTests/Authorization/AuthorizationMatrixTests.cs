using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests.Authorization;

/// <summary>
/// authorization-matrix.csv lists every endpoint of every service and who may call it. These tests
/// hold the running services to it, with real signed tokens, own cooperative and another one.
/// </summary>
public sealed class AuthorizationMatrixTests : MarketplaceTest
{
    private const string OtherShopOwner = "owner-of-another-shop";
    private static readonly string[] Callers = ["anonymous", "customer", "shop_owner", "member", "admin", "other-admin"];
    // Each caller is one account (sub) for the whole run: the shop_owner caller owns {shop}, the customer holds {reservation}.
    private readonly Dictionary<string, Guid> _subjects = Callers.ToDictionary(caller => caller, _ => Guid.NewGuid());
    private readonly Guid _otherShopOwner = Guid.NewGuid();
    private TenantId _own;
    private TenantId _other;
    private Guid _shop;
    private Guid _product;
    private Guid _reservation;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _own = await App.OnboardAsync();
        _other = await App.OnboardAsync();
        _shop = await App.RegisterShopAsync(_own, "Matrix", owner: _subjects["shop_owner"], approve: true);
        await App.MemberAsync(_own, _subjects["shop_owner"]); // naming the owner again is a 200: only members are named (ADR 51)
        await App.RegisterShopAsync(_own, "Another shop", owner: _otherShopOwner, approve: true);
        // Payments and Ordering learn the shop's owners from Catalog's ShopProfileChanged (ADR 27): wait until both know it.
        using (var admin = App.PaymentsClient(MarketplaceApp.Token(_subjects["admin"], $"{_own}:admin")))
        {
            await Eventually.TrueAsync(async () => (await admin.GetAsync($"/api/coops/{_own}/shops/{_shop}/payouts")).StatusCode == HttpStatusCode.OK, "the shop's profile in Payments");
        }

        using (var admin = App.OrderingClient(MarketplaceApp.Token($"{_own}:admin")))
        {
            await Eventually.TrueAsync(async () => (await admin.GetAsync($"/api/coops/{_own}/shops/{_shop}/orders")).StatusCode == HttpStatusCode.OK, "Ordering knows the matrix's shop");
        }

        // The member caller is also a member of the cooperative's governance (the others are not): it alone may vote.
        using (var admin = App.GovernanceClient(MarketplaceApp.Token($"{_own}:admin")))
        {
            var admitted = await admin.PostAsJsonAsync($"/api/coops/{_own}/governance/members", new { accountId = _subjects["member"], name = "Matrix member", college = "members" });
            Assert.Equal(HttpStatusCode.Created, admitted.StatusCode);
        }

        _product = await App.ListProductAsync(_own, _shop, "Confiture de fraises", stock: 100);
        _reservation = Guid.NewGuid();
        using var customer = App.CatalogClient(MarketplaceApp.Token(_subjects["customer"], $"{_own}:customer"));
        var reserved = await customer.PostAsJsonAsync($"/api/coops/{_own}/reservations", new { reservationId = _reservation, lines = new[] { new { productId = _product, quantity = 1 } } });
        Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
    }

    [Fact]
    public void Every_endpoint_of_every_service_is_in_the_matrix()
    {
        var listed = Matrix.Load().Select(row => row.Key.Template).ToHashSet();

        var unlisted = Services().SelectMany(EndpointsOf)
            .Where(key => !listed.Contains(key) && !listed.Contains(key with { Service = "*" }))
            .ToList();

        Assert.True(unlisted.Count == 0, "Endpoints missing from authorization-matrix.csv:\n" + string.Join('\n', unlisted));
    }

    [Fact]
    public void Every_matrix_row_names_an_endpoint_that_exists()
    {
        var existing = Services().SelectMany(EndpointsOf).ToHashSet();

        var stale = Matrix.Load()
            .Where(row => row.Key.Service == "*"
                ? Services().Any(service => !existing.Contains(row.Key.Template with { Service = service.Name }))
                : !existing.Contains(row.Key.Template))
            .ToList();

        Assert.True(stale.Count == 0, "Rows of authorization-matrix.csv without an endpoint:\n" + string.Join('\n', stale.Select(r => r.Key)));
    }

    [Fact]
    public async Task Every_endpoint_answers_every_caller_as_the_matrix_says()
    {
        var failures = new List<string>();
        foreach (var row in Matrix.Load())
        {
            foreach (var service in Services().Where(s => row.Key.Service == "*" || row.Key.Service == s.Name))
            {
                var callers = row.Key.Route.Contains("{shop:guid}", StringComparison.Ordinal) ? [.. Callers, OtherShopOwner] : Callers;
                for (var i = 0; i < callers.Length; i++)
                {
                    var status = await CallAsync(service, row, callers[i]);
                    var expected = callers[i] == OtherShopOwner ? row.Allowed[Array.IndexOf(Callers, "member")] : row.Allowed[i];
                    var ok = expected
                        ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)status < 500
                        : status == (callers[i] == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden);
                    if (!ok)
                    {
                        failures.Add($"{service.Name} {row.Key.Method} {row.Key.Route} as {callers[i]}: {(int)status}, expected {(expected ? "allowed" : "refused")}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private async Task<HttpStatusCode> CallAsync(Service service, Matrix.Row row, string caller)
    {
        using var client = service.CreateClient();
        var token = caller switch
        {
            "anonymous" => null,
            "other-admin" => MarketplaceApp.Token(_subjects[caller], $"{_other}:admin"),
            OtherShopOwner => MarketplaceApp.Token(_otherShopOwner, $"{_own}:shop_owner"),
            _ => MarketplaceApp.Token(_subjects[caller], $"{_own}:{caller}"),
        };
        using var request = new HttpRequestMessage(row.Key.HttpMethod, Concrete(row.Key.Route));
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        request.Content = Matrix.Body(row, _own, _product, _subjects["shop_owner"]);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private string Concrete(string route) => Matrix.Concrete(route, _own, _shop, _product, _reservation);

    internal static IEnumerable<Service> Services(MarketplaceApp app)
    {
        yield return new("platform", app.Platform.Services, app.Platform.CreateClient);
        yield return new("catalog", app.Catalog.Services, app.Catalog.CreateClient);
        yield return new("ordering", app.Ordering.Services, app.Ordering.CreateClient);
        yield return new("payments", app.Payments.Services, app.Payments.CreateClient);
        yield return new("governance", app.Governance.Services, app.Governance.CreateClient);
    }

    private IEnumerable<Service> Services() => Services(App);

    private static IEnumerable<Matrix.Endpoint> EndpointsOf(Service service) =>
        service.Provider.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => new Matrix.Endpoint(service.Name, method, "/" + endpoint.RoutePattern.RawText!.Trim('/'))))
            .Distinct();

    internal sealed record Service(string Name, IServiceProvider Provider, Func<HttpClient> CreateClient);
}

internal static partial class Matrix
{
    public sealed record Endpoint(string Service, string Method, string Route)
    {
        /// <summary>
        /// The endpoint a row names. A row's route may end in a query string: a filter that one endpoint authorizes
        /// differently from its plain form (<c>shops?status=pending</c>: admins only), called as written.
        /// </summary>
        public Endpoint Template => Route.IndexOf('?', Route.LastIndexOf('}') + 1) is var query and >= 0
            ? this with { Route = Route[..query] }
            : this;

        /// <summary>A method of * (any) is called with GET.</summary>
        public HttpMethod HttpMethod => new(Method == "*" ? "GET" : Method);

        public override string ToString() => $"{Service};{Method};{Route}";
    }

    /// <summary>The route with its parameters filled in (an import, kept file, question or member of no one: owners and admins get 404, the others 403).</summary>
    public static string Concrete(string route, TenantId coop, Guid shop, Guid product, Guid reservation) => OptionalParameter().Replace(route, "")
        .Replace("{coop}", coop.Value, StringComparison.Ordinal)
        .Replace("{shop:guid}", shop.ToString(), StringComparison.Ordinal)
        .Replace("{product:guid}", product.ToString(), StringComparison.Ordinal)
        .Replace("{reservation:guid}", reservation.ToString(), StringComparison.Ordinal)
        .Replace("{import:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{file:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{order:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{question:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{document:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{proposal:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{accountId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{documentName}", "v1", StringComparison.Ordinal)
        .Replace("{version}", "0123456789abcdef", StringComparison.Ordinal)
        .Replace("{width}", "160", StringComparison.Ordinal)
        .Replace("{key}", "matrice", StringComparison.Ordinal)
        .Replace("{page}", "notice", StringComparison.Ordinal);

    /// <summary>The row's example body, if any, with its placeholders filled in.</summary>
    public static StringContent? Body(Row row, TenantId coop, Guid product, Guid owner) => row.Body is { Length: > 0 } body
        ? new StringContent(
            body.Replace("{newSlug}", MarketplaceApp.NewSlug().Value, StringComparison.Ordinal)
                .Replace("{coop}", coop.Value, StringComparison.Ordinal)
                .Replace("{newId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{product}", product.ToString(), StringComparison.Ordinal)
                .Replace("{ownerId}", owner.ToString(), StringComparison.Ordinal),
            Encoding.UTF8, "application/json")
        : null;

    [GeneratedRegex(@"/?\{[^}]*\?\}")]
    private static partial Regex OptionalParameter();

    public sealed record Row(Endpoint Key, bool[] Allowed, string Body);

    public static IReadOnlyList<Row> Load() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Authorization", "authorization-matrix.csv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("service;", StringComparison.Ordinal))
            .Select(line => line.Split(';', 10))
            .Select(cells => new Row(
                new Endpoint(cells[0], cells[1], cells[2]),
                cells[3..9].Select(cell => cell switch
                {
                    "Y" => true,
                    "N" => false,
                    _ => throw new FormatException($"'{cell}' is not Y or N in {string.Join(';', cells)}"),
                }).ToArray(),
                cells[9]))
            .ToList();
}
