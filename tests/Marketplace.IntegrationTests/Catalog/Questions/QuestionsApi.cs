using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Marketplace.Catalog.Common;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.IntegrationTests.Catalog.Questions;

/// <summary>Callers with a known account id, shops they own, products to ask about, and the questions API.</summary>
internal static class QuestionsApi
{
    /// <summary>A token as the Platform issues it, for a given account: "sub" is the account id.</summary>
    public static string TokenFor(Guid account, params string[] cooperativeRoles) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", account.ToString())]),
            Claims = new Dictionary<string, object> { ["coop_role"] = cooperativeRoles },
            Issuer = MarketplaceApp.Issuer,
            Audience = MarketplaceApp.Audience,
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = MarketplaceApp.Credentials,
        });

    /// <summary>
    /// A shop registered through the API by its first owner, then given its other owners and approved.
    /// Approval and extra owners are appended as domain events: their endpoints are another part's work.
    /// </summary>
    public static async Task<Guid> ApprovedShopAsync(this MarketplaceApp app, TenantId coop, string name, Guid owner, params Guid[] otherOwners)
    {
        using var client = app.CatalogClient(TokenFor(owner, $"{coop}:shop_owner"));
        var response = await client.PostAsJsonAsync($"/api/coops/{coop}/shops", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var shop = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await using var session = app.Catalog.Services.GetRequiredService<CooperativeSessions>().OpenSession(coop);
        foreach (var other in otherOwners)
        {
            session.Events.Append(shop, new ShopOwnerAdded(shop, other, DateTimeOffset.UtcNow));
        }

        session.Events.Append(shop, new ShopApproved(shop, name, null, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
        return shop;
    }

    /// <summary>An active product of the shop (listed as a domain event: the products API is another part's work).</summary>
    public static async Task<Guid> ProductAsync(this MarketplaceApp app, TenantId coop, Guid shop, string nameFr, string nameEn)
    {
        var product = Guid.CreateVersion7();
        await using var session = app.Catalog.Services.GetRequiredService<CooperativeSessions>().OpenSession(coop);
        session.Events.StartStream<Product>(product, new ProductListed(
            product, shop, null, new LocalizedText(nameFr, nameEn), LocalizedText.Empty, "Épicerie", [], new Money(450, "EUR"), 550, null, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
        return product;
    }

    public static async Task ArchiveAsync(this MarketplaceApp app, TenantId coop, Guid product)
    {
        await using var session = app.Catalog.Services.GetRequiredService<CooperativeSessions>().OpenSession(coop);
        session.Events.Append(product, new ProductArchived(product, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
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
