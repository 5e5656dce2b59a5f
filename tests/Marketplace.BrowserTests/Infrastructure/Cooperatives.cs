using System.Net;
using System.Net.Http.Json;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.BrowserTests.Infrastructure;

public static class Cooperatives
{
    /// <summary>Creates a cooperative through the public API (as any signed-in caller may); returns its slug.</summary>
    public static async Task<string> CreateAsync(this WebApp web, string name, params string[] languages)
    {
        var slug = MarketplaceApp.NewSlug().Value;
        using var api = web.Api(MarketplaceApp.Token());
        var response = await api.PostAsJsonAsync("/api/cooperatives", new
        {
            slug,
            name,
            country = "FR",
            currency = "EUR",
            languages = languages.Length > 0 ? languages : ["fr", "en"],
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return slug;
    }
}
