using System.Net.Http.Headers;
using Marketplace.Gateway;
using Marketplace.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace Marketplace.IntegrationTests.Gateway;

/// <summary>
/// The gateway as its own host, forwarding to the shared app's in-process services instead of their
/// ports: requests really go gateway → service → PostgreSQL / RabbitMQ. Settings (e.g. small rate
/// limits) are given per factory, so each test class gets limiters of its own; the services named
/// <c>unreachable</c> refuse every connection, as a stopped service would; <c>standIn</c> may answer for a cluster instead
/// of its service (the gateway's own behaviour under test, e.g. a service that takes its time).
/// </summary>
public sealed class GatewayFactory(
    MarketplaceApp app,
    IReadOnlyDictionary<string, string>? settings = null,
    IReadOnlySet<string>? unreachable = null,
    Func<string, HttpMessageHandler?>? standIn = null) : WebApplicationFactory<GatewayService>
{
    /// <summary>Starts the host now, one at a time (WebApplicationFactory intercepts the next host that starts).</summary>
    public static GatewayFactory Start(
        MarketplaceApp app, IReadOnlyDictionary<string, string>? settings = null, IReadOnlySet<string>? unreachable = null, Func<string, HttpMessageHandler?>? standIn = null)
    {
        var factory = new GatewayFactory(app, settings, unreachable, standIn);
        lock (MarketplaceApp.HostStarting)
        {
            _ = factory.Server;
        }

        return factory;
    }

    public HttpClient Client(string? token = null)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IForwarderHttpClientFactory>(new InProcessForwarding(app, unreachable ?? new HashSet<string>(), standIn)));
    }

    /// <summary>Each cluster's requests go to that service's TestServer, or nowhere when it is unreachable.</summary>
    private sealed class InProcessForwarding(MarketplaceApp app, IReadOnlySet<string> unreachable, Func<string, HttpMessageHandler?>? standIn) : IForwarderHttpClientFactory
    {
        public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(unreachable.Contains(context.ClusterId) ? new RefusingHandler() : standIn?.Invoke(context.ClusterId) ?? context.ClusterId switch
        {
            "platform" => app.Platform.Server.CreateHandler(),
            "catalog" => app.Catalog.Server.CreateHandler(),
            "ordering" => app.Ordering.Server.CreateHandler(),
            "governance" => app.Governance.Server.CreateHandler(),
            "payments" => app.Payments.Server.CreateHandler(),
            var other => throw new InvalidOperationException($"No in-process service for cluster '{other}'."),
        });
    }
}

/// <summary>What a stopped service's port gives: every connection refused.</summary>
internal sealed class RefusingHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:5103)");
}
