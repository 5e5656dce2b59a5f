using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.BrowserTests.Journeys;

namespace Marketplace.BrowserTests.Infrastructure;

/// <summary>What the governance tests set up through the public API: accounts admitted as voting members, proposals opened.</summary>
public static class Governance
{
    /// <summary>The account's id, as the Platform's member list gives it (the id Governance admits).</summary>
    public static async Task<Guid> AccountIdAsync(this WebApp web, string email)
    {
        using var api = web.Api(await web.TokenAsync(email));
        return Guid.Parse((await api.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetString()!);
    }

    /// <summary>The admin admits the account into a college (of the default statutes: "members").</summary>
    public static async Task<Guid> AdmitAsync(this WebApp web, string adminEmail, string slug, string email, string name, string college = "members")
    {
        var account = await web.AccountIdAsync(email);
        using var api = web.Api(await web.TokenAsync(adminEmail));
        var response = await api.PostAsJsonAsync($"/api/coops/{slug}/governance/members", new { accountId = account, name, college });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Admitting {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return account;
    }

    /// <summary>The admin opens a motion; returns its id.</summary>
    public static async Task<Guid> OpenMotionAsync(this WebApp web, string adminEmail, string slug, string title, string text)
    {
        using var api = web.Api(await web.TokenAsync(adminEmail));
        var response = await api.PostAsJsonAsync($"/api/coops/{slug}/governance/proposals", new { id = Guid.NewGuid(), kind = "motion", title, text });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Opening a motion: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The member gives their proxy on the proposal to the holder.</summary>
    public static async Task GiveProxyAsync(this WebApp web, string memberEmail, string slug, Guid proposal, Guid holder)
    {
        using var api = web.Api(await web.TokenAsync(memberEmail));
        var response = await api.PutAsJsonAsync($"/api/coops/{slug}/governance/proposals/{proposal}/proxy", new { holder });
        Assert.True(response.IsSuccessStatusCode, $"Giving a proxy: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
