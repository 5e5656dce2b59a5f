using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.BrowserTests.Infrastructure;

public static class Cooperatives
{
    /// <summary>
    /// Creates a cooperative through the public API (as any signed-in caller may) and has a platform admin approve it for
    /// the public list; returns its slug once every service has prepared it.
    /// </summary>
    public static Task<string> CreateAsync(this WebApp web, string name, params string[] languages) =>
        web.CreateAsync(MarketplaceApp.Token(), name, languages);

    /// <summary>The same, as the account the token names (who becomes its admin).</summary>
    public static async Task<string> CreateAsync(this WebApp web, string token, string name, string[] languages, bool approve = true)
    {
        var slug = MarketplaceApp.NewSlug().Value;
        using var api = web.Api(token);
        var response = await api.PostAsJsonAsync("/api/cooperatives", new
        {
            slug,
            name,
            country = "FR",
            currency = "EUR",
            languages = languages.Length > 0 ? languages : ["fr", "en"],
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await web.App.WaitUntilPreparedAsync(TenantId.Parse(slug)); // as the web app's own "create" page does
        if (approve)
        {
            await web.ApproveAsync(slug);
        }

        return slug;
    }

    /// <summary>A platform admin puts the cooperative on the platform's public list.</summary>
    public static async Task ApproveAsync(this WebApp web, string slug)
    {
        using var admin = web.Api(MarketplaceApp.PlatformAdminToken());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/cooperatives/{slug}/approval", null)).StatusCode);
    }
}
