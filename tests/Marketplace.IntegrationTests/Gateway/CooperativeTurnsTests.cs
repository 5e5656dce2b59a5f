using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Gateway;

/// <summary>
/// One cooperative's requests are forwarded a few at a time; the rest wait at the gateway while other cooperatives' go
/// straight through. A stand-in answers for Catalog and holds each request until the test lets it go, so what is in
/// flight behind the gateway is known exactly.
/// </summary>
public sealed class CooperativeTurnsTests : MarketplaceTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Requests_past_a_cooperatives_turns_wait_at_the_gateway_while_another_cooperative_goes_straight_through()
    {
        // Given a gateway forwarding two requests of a cooperative at a time, in front of a service that holds them
        var catalog = new HeldService();
        await using var gateway = Gateway(turns: 2, queueTimeout: TimeSpan.FromMinutes(1), catalog);
        var (busy, quiet) = (Slug("busy"), Slug("quiet"));
        using var client = gateway.Client(MarketplaceApp.Token(Guid.NewGuid(), $"{busy}:customer", $"{quiet}:customer"));

        // When the busy cooperative sends three at once
        var sent = Enumerable.Range(0, 3).Select(_ => client.GetAsync($"/api/coops/{busy}/products")).ToList();

        // Then two reach the service, and the third waits at the gateway
        var first = await catalog.NextAsync();
        var second = await catalog.NextAsync();
        Assert.All([first, second], held => Assert.Contains(busy, held.Path, StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(0, catalog.Waiting);

        // And another cooperative's request goes straight through meanwhile
        var other = client.GetAsync($"/api/coops/{quiet}/products");
        var otherHeld = await catalog.NextAsync();
        Assert.Contains(quiet, otherHeld.Path, StringComparison.Ordinal);

        // When one of the busy cooperative's requests is answered, the waiting one gets its turn
        first.Release();
        var third = await catalog.NextAsync();
        Assert.Contains(busy, third.Path, StringComparison.Ordinal);
        second.Release();
        third.Release();
        otherHeld.Release();

        // And every request is answered by the service
        foreach (var response in await Task.WhenAll([.. sent, other]))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_request_that_waits_past_the_queue_timeout_gets_503_with_Retry_After_and_a_problem_and_never_reaches_the_service()
    {
        // Given a gateway forwarding one request of a cooperative at a time, waiting one second at most for a turn
        var catalog = new HeldService();
        await using var gateway = Gateway(turns: 1, queueTimeout: TimeSpan.FromSeconds(1), catalog);
        var coop = Slug("rush");
        using var client = gateway.Client(MarketplaceApp.Token(Guid.NewGuid(), $"{coop}:customer"));
        client.Timeout = Patience; // without turns, the second request would hang on the held service
        var holding = client.GetAsync($"/api/coops/{coop}/products");
        var held = await catalog.NextAsync();

        // When a second request cannot get its turn in time
        using var refused = await client.GetAsync($"/api/coops/{coop}/products?q=pain");

        // Then it is answered 503 with Retry-After and a ProblemDetails saying the marketplace is busy
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("service-busy", problem.GetProperty("code").GetString());

        // And the service never saw it; the request holding the turn is answered as usual
        Assert.Equal(0, catalog.Waiting);
        held.Release();
        using var answered = await holding;
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(0, catalog.Waiting);
    }

    private GatewayFactory Gateway(int turns, TimeSpan queueTimeout, HeldService catalog) => GatewayFactory.Start(
        App,
        new Dictionary<string, string>
        {
            ["Gateway:MaxConcurrentRequestsPerCooperative"] = turns.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:RequestQueueTimeout"] = queueTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        },
        standIn: cluster => cluster == "catalog" ? catalog : null);

    private static string Slug(string name) => $"{name}-{Guid.NewGuid():N}"[..30];

    /// <summary>A request the stand-in holds: its path, and the way to let it be answered.</summary>
    private sealed record Held(string Path, TaskCompletionSource Answer)
    {
        public void Release() => Answer.TrySetResult();
    }

    /// <summary>Answers 200 to each request once the test releases it; tells which have arrived, in order.</summary>
    private sealed class HeldService : HttpMessageHandler
    {
        private readonly Channel<Held> _arrived = Channel.CreateUnbounded<Held>();

        /// <summary>Requests that have arrived and that the test has not taken yet.</summary>
        public int Waiting => _arrived.Reader.Count;

        public async Task<Held> NextAsync() => await _arrived.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var held = new Held(request.RequestUri!.AbsolutePath, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            await _arrived.Writer.WriteAsync(held, cancellationToken);
            await held.Answer.Task.WaitAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new { items = Array.Empty<object>() }) };
        }
    }
}
