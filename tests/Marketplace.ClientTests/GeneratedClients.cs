using Marketplace.ClientTests.Catalog;
using Marketplace.ClientTests.Payments;
using Marketplace.ClientTests.Platform;
using Marketplace.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Marketplace.ClientTests;

/// <summary>
/// The clients Kiota generated from docs/openapi/ at build (obj/kiota/), each talking to its in-process service the way
/// any Kiota client does: Kiota's own HTTP adapter, and the access token through Kiota's bearer provider.
/// </summary>
internal static class GeneratedClients
{
    public static PlatformClient Platform(MarketplaceApp app, string? token = null) => new(Adapter(app.Platform, token));

    public static CatalogClient Catalog(MarketplaceApp app, string? token = null) => new(Adapter(app.Catalog, token));

    public static PaymentsClient Payments(MarketplaceApp app, string? token = null) => new(Adapter(app.Payments, token));

    private static HttpClientRequestAdapter Adapter<TService>(WebApplicationFactory<TService> service, string? token)
        where TService : class
    {
        var http = service.CreateClient();
        IAuthenticationProvider authentication = token is null
            ? new AnonymousAuthenticationProvider()
            : new BaseBearerTokenAuthenticationProvider(new StaticToken(token));
        return new HttpClientRequestAdapter(authentication, httpClient: http) { BaseUrl = http.BaseAddress!.AbsoluteUri.TrimEnd('/') };
    }

    /// <summary>A token already in hand (from /connect/token through the generated client).</summary>
    private sealed class StaticToken(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new(["localhost"]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(token);
    }
}
