using Marketplace.IntegrationTests.Gateway;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Web;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests.Infrastructure;

/// <summary>
/// The web app on a real loopback socket, its API client going through the gateway to the shared app's
/// in-process services (real PostgreSQL and RabbitMQ), and one headless Debian Chromium. Started once
/// for every browser test (one collection: the tests share the browser and run one at a time).
/// </summary>
public sealed class WebApp : IAsyncLifetime
{
    private GatewayFactory? _gateway;
    private WebFactory? _web;
    private IPlaywright? _playwright;

    public MarketplaceApp App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The web app's address, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The public API as a client calls it (through the gateway).</summary>
    public HttpClient Api(string? token = null) => _gateway!.Client(token);

    public async Task InitializeAsync()
    {
        App = await MarketplaceApp.GetAsync();
        _gateway = GatewayFactory.Start(App);
        _web = new WebFactory(_gateway);
        _web.UseKestrel(0);
        _web.StartServer();
        var address = _web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // As root and in containers: no user-namespace sandbox, and /dev/shm may be tiny.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    /// <summary>A fresh browser context (no cookies): a new visitor, desktop-sized.</summary>
    public async Task<IPage> NewVisitorAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = Screens.Desktop,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    private sealed class WebFactory(GatewayFactory gateway) : WebApplicationFactory<WebService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            // The web app's API client reaches the gateway's TestServer instead of port 5100.
            builder.ConfigureTestServices(services => services.AddHttpClient<MarketplaceApi>()
                .ConfigurePrimaryHttpMessageHandler(() => gateway.Server.CreateHandler()));
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
