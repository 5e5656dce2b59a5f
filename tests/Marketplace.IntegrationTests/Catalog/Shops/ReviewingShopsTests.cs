using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Catalog.Shops;

/// <summary>The admin's desk (ADR 46): a pending shop is asked for changes or refused, with a message its owners read.</summary>
public sealed class ReviewingShopsTests : MarketplaceTest
{
    private TenantId _coop;
    private TenantId _other;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _other = await App.OnboardAsync();
    }

    [Fact]
    public async Task A_shop_asked_for_changes_waits_on_its_owner_then_is_pending_again_when_she_saves_its_details()
    {
        // Given a pending shop
        var owner = Guid.NewGuid();
        var shop = await App.RegisterShopAsync(_coop, "Fromagerie Lenoir", owner);
        using var ownerClient = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:member"));
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));

        // When the admin asks for changes
        var asked = await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/request-changes", new { message = "  Ajoutez un numéro de téléphone joignable le samedi.  " });

        // Then the owner reads the state and the message; the shop is no longer among those waiting for the admins
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var seen = await ownerClient.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}");
        Assert.Equal("changesRequested", seen.GetProperty("status").GetString());
        Assert.Equal("Ajoutez un numéro de téléphone joignable le samedi.", seen.GetProperty("review").GetProperty("message").GetString());
        Assert.Equal("changesRequested", seen.GetProperty("review").GetProperty("status").GetString());
        Assert.DoesNotContain(shop, await IdsAsync(admin, $"/api/coops/{_coop}/shops?status=pending"));
        Assert.Contains(shop, await IdsAsync(admin, $"/api/coops/{_coop}/shops?status=changesRequested"));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/coops/{_coop}/shops/{shop}/approve", null)).StatusCode);
        var again = await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/request-changes", new { message = "Encore ?" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("shop.not_pending", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // When the owner saves its details (even unchanged)
        var saved = await ownerClient.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}", MarketplaceApp.ShopDetails("Fromagerie Lenoir"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        // Then it waits for the admins again, and can be approved; the message goes with the approval
        Assert.Equal("pending", (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Contains(shop, await IdsAsync(admin, $"/api/coops/{_coop}/shops?status=pending"));
        var approved = await admin.PostAsync($"/api/coops/{_coop}/shops/{shop}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("review").ValueKind);
    }

    [Fact]
    public async Task A_refused_shop_stays_refused_unlisted_and_unsold_whatever_its_owner_saves()
    {
        // Given a pending shop, refused by the admin with a reason
        var owner = Guid.NewGuid();
        var shop = await App.RegisterShopAsync(_coop, "Vape du coin", owner);
        using var ownerClient = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:member"));
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        using var anonymous = App.CatalogClient();
        var refused = await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/refuse", new { reason = "Hors de l'objet de la coopérative." });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("refused", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // When its owner saves new details
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.PutAsJsonAsync($"/api/coops/{_coop}/shops/{shop}", MarketplaceApp.ShopDetails("Vape du coin, nouvelle"))).StatusCode);

        // Then it is still refused, with the reason; nobody else sees it, and it cannot be approved, refused or asked again
        var seen = await ownerClient.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}");
        Assert.Equal("refused", seen.GetProperty("status").GetString());
        Assert.Equal("Hors de l'objet de la coopérative.", seen.GetProperty("review").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/coops/{_coop}/shops/{shop}")).StatusCode);
        Assert.DoesNotContain(shop, await IdsAsync(anonymous, $"/api/coops/{_coop}/shops"));
        Assert.DoesNotContain(shop, await IdsAsync(admin, $"/api/coops/{_coop}/shops?status=pending"));
        Assert.Contains(shop, await IdsAsync(admin, $"/api/coops/{_coop}/shops?status=refused"));
        foreach (var (path, body) in new (string, object?)[] { ("approve", null), ("refuse", new { reason = "encore" }), ("request-changes", new { message = "encore" }) })
        {
            var answer = await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/{path}", body);
            Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
            Assert.Equal("shop.not_pending", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        // And an approved shop cannot be refused either
        var approvedShop = await App.RegisterShopAsync(_coop, "Boulangerie approuvée", approve: true);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{approvedShop}/refuse", new { reason = "Trop tard." })).StatusCode);
    }

    [Theory]
    [InlineData("request-changes", "message")]
    [InlineData("refuse", "reason")]
    public async Task An_empty_or_too_long_message_is_refused_on_its_field_and_changes_nothing(string action, string field)
    {
        var shop = await App.RegisterShopAsync(_coop, "Épicerie " + action);
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));

        foreach (var (text, code) in new[] { ("   ", "required"), (new string('a', 1001), "length") })
        {
            var answer = await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/{action}", new Dictionary<string, string> { [field] = text });
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(code, problem.GetProperty("codes").GetProperty(field)[0].GetString());
        }

        var missing = await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/{action}", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/{action}", new Dictionary<string, string> { [field] = new string('a', 1000) })).StatusCode);
    }

    [Theory]
    [InlineData("request-changes", "message")]
    [InlineData("refuse", "reason")]
    public async Task Only_the_cooperatives_admins_review_its_shops_and_an_unknown_shop_is_not_found(string action, string field)
    {
        var owner = Guid.NewGuid();
        var shop = await App.RegisterShopAsync(_coop, "Cave " + action, owner);
        var body = new Dictionary<string, string> { [field] = "Merci de préciser." };
        using var anonymous = App.CatalogClient();
        using var ownerClient = App.CatalogClient(MarketplaceApp.Token(owner, $"{_coop}:member", $"{_coop}:shop_owner"));
        using var otherAdmin = App.CatalogClient(MarketplaceApp.Token($"{_other}:admin"));
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/{action}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ownerClient.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/{action}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAdmin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{shop}/{action}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.PostAsJsonAsync($"/api/coops/{_other}/shops/{shop}/{action}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{Guid.NewGuid()}/{action}", body)).StatusCode);
        Assert.Equal("pending", (await admin.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{shop}")).GetProperty("status").GetString());
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string path) =>
        [.. (await client.GetFromJsonAsync<JsonElement>(path)).EnumerateArray().Select(s => s.GetProperty("id").GetGuid())];
}
