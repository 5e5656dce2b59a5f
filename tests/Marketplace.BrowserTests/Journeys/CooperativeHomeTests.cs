using System.Net.Http.Headers;
using Marketplace.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>Issue 14 point 7: a cooperative's home shows its town, a few products with a photo, and its shops with their addresses and a map link.</summary>
[Collection(BrowserCollection.Name)]
public class CooperativeHomeTests(WebApp web)
{
    [Fact]
    public async Task The_home_shows_the_town_the_photographed_products_and_the_shops_with_a_link_to_the_map()
    {
        // Given a cooperative with a cheese shop in Lyon selling a photographed Comté and a Brie without a photo
        var admin = await web.CreateAccountAsync("Ana Admin");
        var shopkeeper = await web.CreateAccountAsync("Fanny Fromagère");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de Vaise");
        await web.AddMemberAsync(admin, slug, shopkeeper, "shop_owner");
        var shop = await web.RegisterApprovedShopAsync(shopkeeper, admin, slug, "Fromagerie Fanny");
        var comte = await web.AddProductAsync(shopkeeper, slug, shop, "COMTE-18", "Comté 18 mois", "Comté 18 months", 2490);
        await web.AddProductAsync(shopkeeper, slug, shop, "BRIE-01", "Brie de Meaux", "Brie de Meaux", 1890);
        using (var owner = web.Api(await web.TokenAsync(shopkeeper)))
        {
            using var photo = new ByteArrayContent(Jpeg(800, 600));
            photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            var uploaded = await owner.PostAsync($"/api/coops/{slug}/shops/{shop}/products/{comte}/photo", photo);
            Assert.True(uploaded.IsSuccessStatusCode, $"Uploading the photo: {(int)uploaded.StatusCode}");
        }

        // When a visitor opens the cooperative's home (the storefront's search may follow the photo by a moment)
        var visitor = await web.NewVisitorAsync();
        await Eventually(async () =>
        {
            await visitor.GotoAsync($"/fr/coops/{slug}");
            return await visitor.GetByTestId("featured").Locator("li").CountAsync() == 1;
        });

        // Then it names the town, shows the photographed product only, and the shop with its address and a map link
        await Expect(visitor.GetByTestId("coop-town")).ToHaveTextAsync("Lyon");
        await Expect(visitor.GetByTestId("featured")).ToContainTextAsync("Comté 18 mois");
        await Expect(visitor.GetByTestId("featured")).Not.ToContainTextAsync("Brie");
        var shops = visitor.GetByTestId("home-shops");
        await Expect(shops).ToContainTextAsync("Fromagerie Fanny");
        await Expect(shops.Locator("address")).ToContainTextAsync("1 place Valmy");
        await Expect(shops.GetByTestId("map-link")).ToHaveAttributeAsync("href", "https://www.openstreetmap.org/search?query=1%20place%20Valmy%2C%2069009%20Lyon");
        await visitor.ScanAndCaptureAsync("coop-home-1");
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail("The home never showed the photographed product.");
    }

    private static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xE8, 0xC5, 0x6B));
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
