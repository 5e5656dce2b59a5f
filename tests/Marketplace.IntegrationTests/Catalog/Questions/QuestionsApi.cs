using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.IntegrationTests.Catalog.Questions;

/// <summary>Callers with a known account id, shops they own, products to ask about, and the questions API.</summary>
internal static class QuestionsApi
{
    /// <summary>A token as the Platform issues it, for a given account: "sub" is the account id.</summary>
    public static string TokenFor(Guid account, params string[] cooperativeRoles) => MarketplaceApp.Token(account, cooperativeRoles);

    /// <summary>A shop registered by its first owner and approved by an admin, with its other owners added by the first.</summary>
    public static async Task<Guid> ApprovedShopAsync(this MarketplaceApp app, TenantId coop, string name, Guid owner, params Guid[] otherOwners)
    {
        var shop = await app.RegisterShopAsync(coop, name, owner, approve: true);
        using var client = app.CatalogClient(TokenFor(owner, $"{coop}:shop_owner"));
        foreach (var other in otherOwners)
        {
            await app.MemberAsync(coop, other);
            var added = await client.PostAsJsonAsync($"/api/coops/{coop}/shops/{shop}/owners", new { accountId = other });
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        return shop;
    }

    public static Task<Guid> ProductAsync(this MarketplaceApp app, TenantId coop, Guid shop, string nameFr, string nameEn) =>
        app.ListProductAsync(coop, shop, nameFr, nameEn: nameEn);

    public static async Task ArchiveAsync(this MarketplaceApp app, TenantId coop, Guid shop, Guid product)
    {
        using var admin = app.CatalogClient(MarketplaceApp.Token($"{coop}:admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{coop}/shops/{shop}/products/{product}/archive", null)).StatusCode);
    }

    public static Task<HttpResponseMessage> AskAsync(this HttpClient client, TenantId coop, Guid product, string text) =>
        client.PostAsJsonAsync($"/api/coops/{coop}/products/{product}/questions", new { text });

    public static async Task<JsonElement> AskedAsync(this HttpClient client, TenantId coop, Guid product, string text)
    {
        var response = await client.AskAsync(coop, product, text);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> AnswerAsync(this HttpClient client, TenantId coop, Guid shop, Guid question, string text, bool isPrivate = false) =>
        client.PostAsJsonAsync($"/api/coops/{coop}/shops/{shop}/questions/{question}/answer", new { text, @private = isPrivate });

    public static async Task<JsonElement> AnsweredAsync(this HttpClient client, TenantId coop, Guid shop, Guid question, string text, bool isPrivate = false)
    {
        var response = await client.AnswerAsync(coop, shop, question, text, isPrivate);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement[]> ProductQuestionsAsync(this HttpClient client, TenantId coop, Guid product)
    {
        var response = await client.GetAsync($"/api/coops/{coop}/products/{product}/questions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    public static async Task<JsonElement[]> ShopQuestionsAsync(this HttpClient client, TenantId coop, Guid shop, string? status = null)
    {
        var response = await client.GetAsync($"/api/coops/{coop}/shops/{shop}/questions" + (status is null ? "" : "?status=" + status));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    public static Guid Id(this JsonElement question) => question.GetProperty("id").GetGuid();
}
