using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.BrowserTests.Infrastructure;

/// <summary>A shop made through the public API, with the token of its owner (a member of the cooperative).</summary>
public sealed record OpenShop(TenantId Coop, Guid Id, string Name, string OwnerToken);

/// <summary>Shops and products put online through the public API (the gateway), as a shop and its cooperative's admin would.</summary>
public static class StorefrontShops
{
    /// <summary>Registers a shop with every detail customers see, and has an admin of the cooperative approve it.</summary>
    public static async Task<OpenShop> OpenShopAsync(this WebApp web, TenantId coop, string name)
    {
        var ownerToken = MarketplaceApp.Token($"{coop}:member");
        using var owner = web.Api(ownerToken);
        var registered = await owner.PostAsJsonAsync($"/api/coops/{coop}/shops", new
        {
            name,
            description = new
            {
                fr = "Pâtes fraîches faites chaque matin à la main, avec les œufs de la ferme voisine.",
                en = "Fresh pasta made by hand every morning, with eggs from the farm next door.",
            },
            address = new { line1 = "12 rue des Halles", line2 = (string?)null, postcode = "69001", city = "Lyon" },
            openingHours = new[]
            {
                new { day = "tuesday", opens = "09:00", closes = "12:30" },
                new { day = "tuesday", opens = "14:00", closes = "19:00" },
                new { day = "wednesday", opens = "09:00", closes = "19:00" },
                new { day = "saturday", opens = "08:30", closes = "13:00" },
            },
            fulfilment = new { pickup = true, delivery = true, deliveryNote = new { fr = "À vélo dans le 1er arrondissement.", en = "By bike in the 1st arrondissement." } },
            contact = new { email = "bonjour@pates.example.org", phone = "04 78 00 00 00", website = "https://pates.example.org" },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var shop = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var admin = web.Api(MarketplaceApp.Token($"{coop}:admin"));
        var approved = await admin.PostAsync($"/api/coops/{coop}/shops/{shop}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return new OpenShop(coop, shop, name, ownerToken);
    }

    /// <summary>Lists a product in the shop as its owner; returns its id.</summary>
    public static async Task<Guid> ListProductAsync(this WebApp web, OpenShop shop, object product)
    {
        using var owner = web.Api(shop.OwnerToken);
        var response = await owner.PostAsJsonAsync($"/api/coops/{shop.Coop}/shops/{shop.Id}/products", product);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Listing a product answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Waits until the storefront's search finds the product for that text (the search index may follow the events).</summary>
    public static async Task UntilSearchFindsAsync(this WebApp web, TenantId coop, string text, Guid product)
    {
        using var anyone = web.Api();
        await Eventually.TrueAsync(async () =>
        {
            var response = await anyone.GetAsync($"/api/coops/{coop}/products?q={Uri.EscapeDataString(text)}&pageSize=50");
            return response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Any(item => item.GetProperty("id").GetGuid() == product);
        }, $"search for \"{text}\" finding {product} in {coop}");
    }
}
