using Marketplace.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>A shopkeeper photographs a product from the back office; customers see it; a product without one shows a placeholder.</summary>
[Collection(BrowserCollection.Name)]
public class PhotoJourneyTests(WebApp web)
{
    [Fact]
    public async Task A_shopkeeper_uploads_product_and_shop_photos_customers_see_them_and_a_product_without_one_shows_a_placeholder()
    {
        // Given an approved shop with two products, neither photographed
        var admin = await web.CreateAccountAsync("Ana Admin");
        var shopkeeper = await web.CreateAccountAsync("Fanny Fromagère");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de la Guillotière");
        await web.AddMemberAsync(admin, slug, shopkeeper, "shop_owner");
        var shop = await web.RegisterApprovedShopAsync(shopkeeper, admin, slug, "Fromagerie Fanny");
        var comte = await web.AddProductAsync(shopkeeper, slug, shop, "COMTE-18", "Comté 18 mois", "Comté 18 months", 2490);
        var brie = await web.AddProductAsync(shopkeeper, slug, shop, "BRIE-01", "Brie de Meaux", "Brie de Meaux", 1890);

        // When the shopkeeper opens the product in the back office, a placeholder stands for the photo
        var page = await web.SignedInVisitorAsync(shopkeeper);
        await page.GotoAsync($"/fr/coops/{slug}/back-office/{shop}/products/{comte}");
        await Expect(page.GetByTestId("current-photo").GetByTestId("photo-placeholder")).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("photo-1-back-office-none");

        // When they pick a photo (as a phone's file input hands it over) and send it
        await page.GetByLabel("Ajouter une photo").SetInputFilesAsync(new FilePayload { Name = "IMG_0042.jpg", MimeType = "image/jpeg", Buffer = Jpeg(1600, 1200) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la photo" }).ClickAsync();

        // Then it is saved and shown, loaded for real (not a broken image)
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La photo de Comté 18 mois est enregistrée.");
        var shown = page.GetByTestId("current-photo").GetByTestId("photo");
        await Expect(shown).ToBeVisibleAsync();
        Assert.True(await LoadedAsync(shown), "the back office's photo loaded");
        await page.ScanAndCaptureAsync("photo-2-back-office-uploaded");

        // When a customer visits the storefront
        var customer = await web.NewVisitorAsync();
        await customer.GotoAsync($"/fr/coops/{slug}/products/{comte}");

        // Then the product page shows the photo, in sizes for the screen, with its name as alt text
        var photo = customer.Locator(".product-images").GetByTestId("photo");
        await Expect(photo).ToHaveAttributeAsync("alt", "Comté 18 mois");
        await Expect(photo).ToHaveAttributeAsync("srcset", new System.Text.RegularExpressions.Regex("160w.*480w.*1200w"));
        Assert.True(await LoadedAsync(photo), "the storefront's photo loaded");
        await customer.ScanAndCaptureAsync("photo-3-product-page");

        // And a link to it, shared, shows the photo (its largest size, at an absolute address that serves it)
        var shared = await customer.Locator("meta[property='og:image']").GetAttributeAsync("content");
        Assert.Matches("^https?://.*/photo/[0-9a-f]{16}/1200$", shared);
        Assert.Equal(200, (await customer.APIRequest.GetAsync(shared!)).Status);

        // And the shop's page shows it on the card, and a placeholder on the product without a photo
        await customer.GotoAsync($"/fr/coops/{slug}/shops/{shop}/about");
        await Expect(customer.Locator(".product-card").GetByTestId("photo")).ToHaveCountAsync(1);
        await Expect(customer.GetByTestId("photo-placeholder")).ToHaveCountAsync(1);
        await customer.GotoAsync($"/fr/coops/{slug}/products/{brie}");
        await Expect(customer.Locator(".product-images").GetByTestId("photo-placeholder")).ToBeVisibleAsync();
        await Expect(customer.Locator("meta[property='og:image']")).ToHaveCountAsync(0);
        await customer.ScanAndCaptureAsync("photo-4-product-page-placeholder");

        // When the shopkeeper gives the shop itself a photo from its back office, the shop's page shows it
        await page.GotoAsync($"/fr/coops/{slug}/back-office/{shop}");
        await page.GetByLabel("Ajouter une photo").SetInputFilesAsync(new FilePayload { Name = "vitrine.png", MimeType = "image/png", Buffer = Jpeg(900, 600) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la photo" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La photo de Fromagerie Fanny est enregistrée.");
        Assert.True(await LoadedAsync(page.GetByTestId("current-shop-photo").GetByTestId("photo")), "the shop's photo loaded in the back office");
        await page.ScanAndCaptureAsync("photo-5-back-office-shop");
        await customer.GotoAsync($"/fr/coops/{slug}/shops/{shop}/about");
        var shopPhoto = customer.Locator(".shop-photo").GetByTestId("photo");
        await Expect(shopPhoto).ToHaveAttributeAsync("alt", "Fromagerie Fanny");
        Assert.True(await LoadedAsync(shopPhoto), "the shop's photo loaded on its page");
        await customer.ScanAndCaptureAsync("photo-6-shop-page");

        // When the shopkeeper removes the product's photo, the placeholder comes back
        await page.GotoAsync($"/fr/coops/{slug}/back-office/{shop}/products/{comte}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retirer la photo" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La photo de Comté 18 mois est retirée.");
        await Expect(page.GetByTestId("current-photo").GetByTestId("photo-placeholder")).ToBeVisibleAsync();
    }

    private static async Task<bool> LoadedAsync(ILocator image) =>
        await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");

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
