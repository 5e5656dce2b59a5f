using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Cooperatives;

/// <summary>
/// Issue 14 point 7: the platform's public list shows the cooperatives a platform admin approved, not every trial;
/// a cooperative works at its address from the start; only platform admins see what waits and decide.
/// </summary>
public sealed class ApprovingCooperativesTests : MarketplaceTest
{
    [Fact]
    public async Task A_platform_admin_sees_a_new_cooperative_waiting_approves_it_onto_the_public_list_and_can_withdraw_it()
    {
        // Given a cooperative someone just created
        var slug = await App.OnboardAsync();
        using var anyone = App.PlatformClient();
        using var admin = App.PlatformClient(MarketplaceApp.PlatformAdminToken());
        Assert.Empty(await SlugsAsync(anyone, $"/api/cooperatives?q={slug}"));
        Assert.Equal([slug.Value], await SlugsAsync(admin, $"/api/cooperatives?approved=false&q={slug}"));

        // When a platform admin approves it, twice (a double click)
        var first = await admin.PostAsync($"/api/cooperatives/{slug}/approval", null);
        var again = await admin.PostAsync($"/api/cooperatives/{slug}/approval", null);

        // Then it is on the public list, no longer waiting, approved once (the first date kept)
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var approvedAt = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("approvedAt").GetDateTimeOffset();
        Assert.Equal(approvedAt, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("approvedAt").GetDateTimeOffset());
        Assert.Equal([slug.Value], await SlugsAsync(anyone, $"/api/cooperatives?q={slug}"));
        Assert.Empty(await SlugsAsync(admin, $"/api/cooperatives?approved=false&q={slug}"));

        // And when withdrawn it leaves the public list, and still works at its address
        var withdrawn = await admin.DeleteAsync($"/api/cooperatives/{slug}/approval");
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("approvedAt").ValueKind);
        Assert.Empty(await SlugsAsync(anyone, $"/api/cooperatives?q={slug}"));
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync($"/api/cooperatives/{slug}")).StatusCode);
    }

    [Fact]
    public async Task Only_platform_admins_approve_withdraw_or_see_what_waits()
    {
        var slug = await App.OnboardAsync();
        using var anonymous = App.PlatformClient();
        using var coopAdmin = App.PlatformClient(MarketplaceApp.Token($"{slug}:admin"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/cooperatives/{slug}/approval", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/cooperatives?approved=false")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coopAdmin.PostAsync($"/api/cooperatives/{slug}/approval", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coopAdmin.DeleteAsync($"/api/cooperatives/{slug}/approval")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coopAdmin.GetAsync("/api/cooperatives?approved=false")).StatusCode);

        // And nothing changed: still waiting
        using var admin = App.PlatformClient(MarketplaceApp.PlatformAdminToken());
        Assert.Equal([slug.Value], await SlugsAsync(admin, $"/api/cooperatives?approved=false&q={slug}"));
    }

    [Fact]
    public async Task Approving_a_cooperative_that_does_not_exist_is_404()
    {
        using var admin = App.PlatformClient(MarketplaceApp.PlatformAdminToken());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/cooperatives/{MarketplaceApp.NewSlug()}/approval", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/cooperatives/{MarketplaceApp.NewSlug()}/approval")).StatusCode);
    }

    private static async Task<IReadOnlyList<string?>> SlugsAsync(HttpClient client, string address) =>
        [.. (await client.GetFromJsonAsync<JsonElement>(address)).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("slug").GetString())];
}
