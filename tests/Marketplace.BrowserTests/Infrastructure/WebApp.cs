using Marketplace.IntegrationTests.Gateway;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests.Infrastructure;

/// <summary>
/// The web app on a real loopback socket (<see cref="BrowserHost"/>), its API client going through the gateway to
/// the shared app's in-process services (real PostgreSQL and RabbitMQ), and one headless Debian Chromium. Started once
/// for every browser test (one collection: the tests share the browser and run one at a time).
/// </summary>
public sealed class WebApp : IAsyncLifetime
{
    private GatewayFactory? _gateway;
    private BrowserHost? _host;

    public MarketplaceApp App { get; private set; } = null!;

    public IBrowser Browser => _host!.Browser;

    /// <summary>The web app's address, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress => _host!.BaseAddress;

    /// <summary>The public API as a client calls it (through the gateway).</summary>
    public HttpClient Api(string? token = null) => _gateway!.Client(token);

    public async Task InitializeAsync()
    {
        App = await MarketplaceApp.GetAsync();
        // Every browser test is one visitor to the gateway (the web app on loopback, for a browser on loopback): the
        // per-address limit on sign-ins would otherwise count the whole suite's sign-ins as one person's guesses.
        var gateway = _gateway = GatewayFactory.Start(App, new Dictionary<string, string> { ["Gateway:RateLimits:TokenRequestsPerAddress:PermitsPerMinute"] = "100000" });
        // The web app's API client reaches the gateway's TestServer instead of port 5100.
        _host = await BrowserHost.StartAsync(builder => builder.ConfigureTestServices(services => services.AddHttpClient<MarketplaceApi>()
            .ConfigurePrimaryHttpMessageHandler(() => gateway.Server.CreateHandler())));
    }

    /// <summary>A fresh browser context (no cookies): a new visitor, desktop-sized.</summary>
    public Task<IPage> NewVisitorAsync(string locale = "fr-FR") => _host!.NewVisitorAsync(locale);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<WebApp>
{
    public const string Name = "browser";
}

public static class Screens
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
}
