using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Marketplace.IntegrationTests.Gateway;

/// <summary>A gateway of its own with small limits; each test uses users, cooperatives and addresses of its own.</summary>
public sealed class RateLimitingTests : MarketplaceTest
{
    private const int PerUser = 5;
    private const int PerCooperative = 8;
    private const int TokenRequestsPerAddress = 3;
    private GatewayFactory _gateway = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _gateway = GatewayFactory.Start(App, new Dictionary<string, string>
        {
            ["Gateway:RateLimits:PerUser:PermitsPerMinute"] = PerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:RateLimits:PerCooperative:PermitsPerMinute"] = PerCooperative.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:RateLimits:TokenRequestsPerAddress:PermitsPerMinute"] = TokenRequestsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public override async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task User_over_the_per_user_limit_gets_429_with_Retry_After_and_problem_details_while_another_user_passes()
    {
        // Given a user who has used their permits
        using var user = _gateway.Client(MarketplaceApp.Token());
        for (var i = 0; i < PerUser; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/cooperatives")).StatusCode);
        }

        // When they make one more request, and another user makes one
        var rejected = await user.GetAsync("/api/cooperatives");
        using var other = _gateway.Client(MarketplaceApp.Token());
        var passed = await other.GetAsync("/api/cooperatives");

        // Then the first gets 429 with when to retry and a problem, the other goes through
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.InRange(rejected.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        var problem = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("Too many requests.", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
    }

    [Fact]
    public async Task Cooperative_over_its_limit_gets_429_while_another_cooperatives_requests_pass()
    {
        // Given two cooperatives, and many users (each under their own limit) reading shops of the first
        var busy = MarketplaceApp.NewSlug();
        var quiet = MarketplaceApp.NewSlug();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < PerCooperative + 2; i++)
        {
            using var someone = _gateway.Client(MarketplaceApp.Token());
            answers.Add((await someone.GetAsync($"/api/coops/{busy}/shops/{Guid.NewGuid()}")).StatusCode);
        }

        // When one of those users reads a shop of the other cooperative
        using var client = _gateway.Client(MarketplaceApp.Token());
        var other = await client.GetAsync($"/api/coops/{quiet}/shops/{Guid.NewGuid()}");

        // Then the first cooperative's requests past its limit got 429; the other's reached Catalog (404: no such cooperative)
        Assert.All(answers.Take(PerCooperative), status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.All(answers.Skip(PerCooperative), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_limited_by_their_IP_address()
    {
        // Given an anonymous caller who has used their permits
        var first = IPAddress.Parse("192.0.2.10");
        for (var i = 0; i < PerUser; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await GetAsync("/api/cooperatives", first)).Response.StatusCode);
        }

        // When they call again, and a caller from another address calls
        var rejected = await GetAsync("/api/cooperatives", first);
        var passed = await GetAsync("/api/cooperatives", IPAddress.Parse("192.0.2.11"));

        // Then only the first is refused
        Assert.Equal(StatusCodes.Status429TooManyRequests, rejected.Response.StatusCode);
        Assert.True(rejected.Response.Headers.ContainsKey("Retry-After"));
        Assert.Equal(StatusCodes.Status200OK, passed.Response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_of_the_web_app_each_have_their_own_limit_but_no_one_else_can_name_an_address()
    {
        // Given the web app (a trusted proxy, on loopback) calling for a visitor who has used their permits
        var webApp = IPAddress.Loopback;
        for (var i = 0; i < PerUser; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await GetAsync("/api/cooperatives", webApp, forwardedFor: "198.51.100.7")).Response.StatusCode);
        }

        // When it calls again for that visitor, and for another visitor
        var rejected = await GetAsync("/api/cooperatives", webApp, forwardedFor: "198.51.100.7");
        var passed = await GetAsync("/api/cooperatives", webApp, forwardedFor: "198.51.100.8");

        // Then only the first visitor is refused
        Assert.Equal(StatusCodes.Status429TooManyRequests, rejected.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, passed.Response.StatusCode);

        // And a caller that is not a trusted proxy cannot escape its own limit by naming other addresses
        var stranger = IPAddress.Parse("192.0.2.30");
        var answers = new List<int>();
        for (var i = 0; i <= PerUser; i++)
        {
            answers.Add((await GetAsync("/api/cooperatives", stranger, forwardedFor: $"203.0.113.{i}")).Response.StatusCode);
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, answers[^1]);
    }

    [Fact]
    public async Task Health_and_API_documents_are_never_limited()
    {
        var address = IPAddress.Parse("192.0.2.20");
        // Ready first (the first test of a run may ask while a service's bus is still starting: 503 then, rightly);
        // what is checked here is that no number of calls is ever limited.
        await Eventually.TrueAsync(async () => (await GetAsync("/health/ready", IPAddress.Parse("192.0.2.21"))).Response.StatusCode == StatusCodes.Status200OK, "every service ready");

        for (var i = 0; i < PerUser * 3; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await GetAsync("/health/live", address)).Response.StatusCode);
            Assert.Equal(StatusCodes.Status200OK, (await GetAsync("/health/ready", address)).Response.StatusCode);
            Assert.Equal(StatusCodes.Status200OK, (await GetAsync("/openapi/catalog/v1.json", address)).Response.StatusCode);
        }
    }

    [Fact]
    public async Task Token_requests_over_the_per_address_limit_get_429_with_Retry_After_while_another_address_and_other_requests_pass()
    {
        // Given an address that has used its token requests (guessing passwords: the Platform answers 400 each time)
        var guesser = IPAddress.Parse("192.0.2.40");
        for (var i = 0; i < TokenRequestsPerAddress; i++)
        {
            Assert.Equal(StatusCodes.Status400BadRequest, (await PostTokenAsync(guesser)).Response.StatusCode);
        }

        // When it asks for a token again, reads something else, and another address asks for a token
        var rejected = await PostTokenAsync(guesser);
        var otherRequest = await GetAsync("/api/cooperatives", guesser);
        var otherAddress = await PostTokenAsync(IPAddress.Parse("192.0.2.41"));

        // Then only its token request is refused, with when to retry and a problem
        Assert.Equal(StatusCodes.Status429TooManyRequests, rejected.Response.StatusCode);
        Assert.InRange(int.Parse(rejected.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("application/problem+json", rejected.Response.ContentType);
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(rejected.Response.Body);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("Too many sign-in requests from this address", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status200OK, otherRequest.Response.StatusCode);
        Assert.Equal(StatusCodes.Status400BadRequest, otherAddress.Response.StatusCode);
    }

    [Fact]
    public async Task Web_app_sign_ins_count_per_visitor_and_no_one_else_can_name_an_address()
    {
        // Given the web app (a trusted proxy) signing in for a visitor who has used their token requests
        var webApp = IPAddress.Loopback;
        for (var i = 0; i < TokenRequestsPerAddress; i++)
        {
            Assert.Equal(StatusCodes.Status400BadRequest, (await PostTokenAsync(webApp, forwardedFor: "198.51.100.40")).Response.StatusCode);
        }

        // When it signs in again for that visitor and for another one
        var rejected = await PostTokenAsync(webApp, forwardedFor: "198.51.100.40");
        var passed = await PostTokenAsync(webApp, forwardedFor: "198.51.100.41");

        // Then only the first visitor is refused
        Assert.Equal(StatusCodes.Status429TooManyRequests, rejected.Response.StatusCode);
        Assert.Equal(StatusCodes.Status400BadRequest, passed.Response.StatusCode);

        // And a caller that is no trusted proxy cannot spread its guesses over addresses it names
        var stranger = IPAddress.Parse("192.0.2.42");
        var answers = new List<int>();
        for (var i = 0; i <= TokenRequestsPerAddress; i++)
        {
            answers.Add((await PostTokenAsync(stranger, forwardedFor: $"203.0.113.{100 + i}")).Response.StatusCode);
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, answers[^1]);
    }

    /// <summary>A password grant with a wrong password, as if from the given client address.</summary>
    private Task<HttpContext> PostTokenAsync(IPAddress from, string? forwardedFor = null) =>
        _gateway.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Post;
            context.Request.Path = "/connect/token";
            context.Request.ContentType = "application/x-www-form-urlencoded";
            var body = System.Text.Encoding.UTF8.GetBytes($"grant_type=password&username={Guid.NewGuid():N}%40example.org&password=not-the-password");
            context.Request.Body = new MemoryStream(body);
            context.Request.ContentLength = body.Length;
            context.Connection.RemoteIpAddress = from;
            if (forwardedFor is not null)
            {
                context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });

    /// <summary>A request as if from the given client address (TestServer has none of its own).</summary>
    private Task<HttpContext> GetAsync(string path, IPAddress from, string? forwardedFor = null) =>
        _gateway.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = from;
            if (forwardedFor is not null)
            {
                context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });
}
