using System.Collections.Concurrent;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.StripeSandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stripe;

namespace Marketplace.IntegrationTests.StripeSandbox;

/// <summary>
/// The local Stripe sandbox on a free loopback port, as deploy/run.sh runs it, with a small webhook endpoint beside
/// it that records what it receives (and can refuse the first attempt of each event, to see retries).
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    public const string ApiKey = "sk_test_marketplace_tests";
    public const string WebhookSecret = "whsec_marketplace_tests";

    private readonly WebApplication _sandbox;
    private readonly WebApplication _listener;

    private SandboxServer(WebApplication sandbox, WebApplication listener, Webhooks received)
    {
        _sandbox = sandbox;
        _listener = listener;
        Received = received;
    }

    public string Url => Address(_sandbox);

    public Webhooks Received { get; }

    /// <summary>Stripe.net's own client, pointed at the sandbox (Stripe.net's network retries left as they are by default).</summary>
    public StripeClient Client(string apiKey = ApiKey) => new(apiKey: apiKey, apiBase: Url);

    /// <summary>A client for the hosted pages and the /sandbox controls, as a browser or a test would use them (redirects not followed).</summary>
    public HttpClient Http()
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Url) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        return http;
    }

    /// <summary>
    /// Starts a sandbox of its own. <paramref name="configure"/> changes its services, e.g. for a product test:
    /// <c>services.Configure&lt;SandboxOptions&gt;(o => o.WebhookUrls.Add(url))</c> and the named HttpClient
    /// <c>Webhooks.HttpClientName</c>'s primary handler set to an in-process service's TestServer handler.
    /// </summary>
    public static async Task<SandboxServer> StartAsync(TimeProvider? clock = null, string? stateFile = null, bool refuseFirstAttempt = false, Action<IServiceCollection>? configure = null)
    {
        var received = new Webhooks(refuseFirstAttempt);
        WebApplication listener;
        lock (MarketplaceApp.HostStarting)
        {
            var builder = WebApplication.CreateBuilder(["--urls=http://127.0.0.1:0"]);
            builder.Logging.ClearProviders();
            listener = builder.Build();
            listener.MapPost("/webhooks/stripe", (Delegate)received.HandleAsync);
        }

        await listener.StartAsync();
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--StripeSandbox:WebhookUrls:0={Address(listener)}/webhooks/stripe",
            $"--StripeSandbox:WebhookSecret={WebhookSecret}",
            .. stateFile is null ? Array.Empty<string>() : [$"--StripeSandbox:StateFile={stateFile}"],
        ];
        WebApplication sandbox;
        lock (MarketplaceApp.HostStarting)
        {
            sandbox = SandboxHost.Build(args, services =>
            {
                if (clock is not null)
                {
                    services.AddSingleton(clock);
                }

                configure?.Invoke(services);
            });
        }

        await sandbox.StartAsync();
        return new SandboxServer(sandbox, listener, received);
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public async ValueTask DisposeAsync()
    {
        await _sandbox.StopAsync();
        await _sandbox.DisposeAsync();
        await _listener.StopAsync();
        await _listener.DisposeAsync();
    }

    /// <summary>What the webhook endpoint received: the raw body and its Stripe-Signature header, in order.</summary>
    public sealed class Webhooks(bool refuseFirstAttempt)
    {
        private readonly ConcurrentQueue<(string Body, string Signature)> _received = new();
        private readonly ConcurrentDictionary<string, int> _attempts = new();

        public IReadOnlyList<(string Body, string Signature)> All => [.. _received];

        public int AttemptsOf(string eventId) => _attempts.GetValueOrDefault(eventId);

        public async Task<IResult> HandleAsync(HttpContext http)
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
            if (_attempts.AddOrUpdate(id, 1, (_, count) => count + 1) == 1 && refuseFirstAttempt)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            _received.Enqueue((body, http.Request.Headers["Stripe-Signature"].ToString()));
            return Results.Ok();
        }

        /// <summary>The delivered event of that type about that object, verified as Payments verifies it, once it came.</summary>
        public async Task<(Event Event, string Body, string Signature)> WaitForAsync(string type, string objectId, TimeSpan? within = null)
        {
            var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
            while (DateTime.UtcNow < deadline)
            {
                foreach (var (body, signature) in _received)
                {
                    var stripeEvent = EventUtility.ConstructEvent(body, signature, WebhookSecret);
                    if (stripeEvent.Type == type && (stripeEvent.Data.Object as IHasId)?.Id == objectId)
                    {
                        return (stripeEvent, body, signature);
                    }
                }

                await Task.Delay(50);
            }

            throw new TimeoutException($"No {type} webhook about {objectId} came; received: {string.Join(", ", _received.Select(pair => pair.Body[..Math.Min(120, pair.Body.Length)]))}");
        }
    }
}
