using Marketplace.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests.Infrastructure;

/// <summary>
/// The web app on a real loopback socket and one headless Debian Chromium. The fixtures differ only in what the
/// web app's API client reaches (<paramref name="configure"/>): the gateway in front of the real services, or a
/// stand-in that answers what a test needs.
/// </summary>
public sealed class BrowserHost : IAsyncDisposable
{
    private readonly WebFactory _web;
    private readonly IPlaywright _playwright;

    private BrowserHost(WebFactory web, Uri baseAddress, IPlaywright playwright, IBrowser browser)
    {
        _web = web;
        BaseAddress = baseAddress;
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>The web app's address, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; }

    public static async Task<BrowserHost> StartAsync(Action<IWebHostBuilder> configure)
    {
        var web = new WebFactory(configure);
        web.UseKestrel(0); // never one of deploy/run.sh's ports
        web.StartServer();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // As root and in containers: no user-namespace sandbox, and /dev/shm may be tiny.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        return new BrowserHost(web, baseAddress, playwright, browser);
    }

    /// <summary>
    /// A fresh browser context (no cookies): a new visitor, desktop-sized, whose browser asks for French unless told
    /// otherwise (its Accept-Language: the web app answers an English browser in English).
    /// </summary>
    public async Task<IPage> NewVisitorAsync(string locale = "fr-FR")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = Screens.Desktop,
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        await _web.DisposeAsync();
    }

    private sealed class WebFactory(Action<IWebHostBuilder> configure) : WebApplicationFactory<WebService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            configure(builder);
        }
    }
}
