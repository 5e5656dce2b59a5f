using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketplace.BrowserTests.Journeys;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;

namespace Marketplace.BrowserTests.Infrastructure;

/// <summary>What the shop journeys set up through the public API: a cooperative with its admin, members, and files as tills write them.</summary>
public static class Shops
{
    static Shops() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Windows-1252, as French Excel saves "CSV (séparateur : point-virgule)".</summary>
    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>A cooperative created by that account (so its admin), once every service has prepared it; returns its slug.</summary>
    public static async Task<string> CreateCooperativeAsAsync(this WebApp web, string adminEmail, string name, params string[] languages) =>
        await web.CreateAsync(await web.TokenAsync(adminEmail), name, languages);

    /// <summary>The admin gives an account a role in the cooperative.</summary>
    public static async Task AddMemberAsync(this WebApp web, string adminEmail, string slug, string email, string role)
    {
        using var api = web.Api(await web.TokenAsync(adminEmail));
        var response = await api.PostAsJsonAsync($"/api/coops/{slug}/memberships", new { email, role });
        Assert.True(response.IsSuccessStatusCode, $"Adding {email} as {role}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A shop with every detail an admin needs (open on Mondays 09:00–18:00, pickup, and delivery if asked), registered by its owner and approved by the admin; returns its id.</summary>
    public static async Task<Guid> RegisterApprovedShopAsync(this WebApp web, string ownerEmail, string adminEmail, string slug, string name, bool delivery = false)
    {
        using var owner = web.Api(await web.TokenAsync(ownerEmail));
        var registered = await owner.PostAsJsonAsync($"/api/coops/{slug}/shops", new
        {
            name,
            address = new { line1 = "1 place Valmy", postcode = "69009", city = "Lyon" },
            openingHours = new[] { new { day = "monday", opens = "09:00", closes = "18:00" } },
            fulfilment = new { pickup = true, delivery },
            contact = new { email = "shop@example.org" },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var shop = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var admin = web.Api(await web.TokenAsync(adminEmail));
        var approved = await admin.PostAsync($"/api/coops/{slug}/shops/{shop}/approve", null);
        Assert.True(approved.StatusCode == HttpStatusCode.OK, $"Approving: {(int)approved.StatusCode} {await approved.Content.ReadAsStringAsync()}");
        return shop;
    }

    /// <summary>A product listed by hand through the API (price in cents, 10 in stock); returns its id.</summary>
    public static async Task<Guid> AddProductAsync(this WebApp web, string ownerEmail, string slug, Guid shop, string sku, string nameFr, string nameEn, long priceMinor)
    {
        using var owner = web.Api(await web.TokenAsync(ownerEmail));
        var listed = await owner.PostAsJsonAsync($"/api/coops/{slug}/shops/{shop}/products", new
        {
            sku,
            name = new { fr = nameFr, en = nameEn },
            category = "Crèmerie",
            imageUrls = Array.Empty<string>(),
            price = new { minor = priceMinor, currency = "EUR" },
            vatRate = 550,
            initialStock = 10,
        });
        Assert.Equal(HttpStatusCode.Created, listed.StatusCode);
        return (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The shop's products as the API has them (owner's view), by SKU.</summary>
    public static async Task<Dictionary<string, JsonElement>> ProductsBySkuAsync(this WebApp web, string ownerEmail, string slug, Guid shop)
    {
        using var api = web.Api(await web.TokenAsync(ownerEmail));
        var products = await api.GetFromJsonAsync<List<JsonElement>>($"/api/coops/{slug}/shops/{shop}/products?status=all");
        return products!.ToDictionary(product => product.GetProperty("sku").GetString()!, product => product);
    }

    /// <summary>The price as the back office shows it in that culture ("4,20 €" in fr-FR, with the culture's own spaces; "€4.20" in en-GB).</summary>
    public static string Price(decimal euros, string culture)
    {
        var format = (NumberFormatInfo)CultureInfo.GetCultureInfo(culture).NumberFormat.Clone();
        format.CurrencySymbol = "€";
        return euros.ToString("C", format);
    }
}
