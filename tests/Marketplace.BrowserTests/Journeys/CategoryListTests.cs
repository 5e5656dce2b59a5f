using Marketplace.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>The cooperative's category list (ADR 43): an admin adds "Boulangerie / Bakery", a baker picks it, an English shopper sees "Bakery".</summary>
[Collection(BrowserCollection.Name)]
public class CategoryListTests(WebApp web)
{
    [Fact]
    public async Task An_admin_adds_a_category_in_both_languages_a_shop_picks_it_and_the_english_storefront_names_it()
    {
        // Given a cooperative with an approved bakery
        var admin = await web.CreateAccountAsync("Ana Admin");
        var baker = await web.CreateAccountAsync("Bruno Boulanger");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de Tours");
        await web.AddMemberAsync(admin, slug, baker, "shop_owner");
        var shop = await web.RegisterApprovedShopAsync(baker, admin, slug, "Boulangerie Bruno");

        // When the admin adds a category with its French name only, the English one is asked for next to its field
        var page = await web.SignedInVisitorAsync(admin);
        await page.GotoAsync($"/fr/coops/{slug}/admin/categories");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Catégories de produits" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("categories-none")).ToBeVisibleAsync();
        await page.Locator("#NameFr").FillAsync("Boulangerie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        await Expect(page.Locator("#NameEn-error")).ToHaveTextAsync("Une catégorie a un nom en français et un nom en anglais.");
        await Expect(page.Locator("#NameEn")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ScanAndCaptureAsync("categories-1-admin-error");

        // Then with both names it is in the list, and a second one goes above it
        await page.Locator("#NameEn").FillAsync("Bakery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Catégorie « Boulangerie » ajoutée.");
        await page.Locator("#NameFr").FillAsync("Épicerie");
        await page.Locator("#NameEn").FillAsync("Grocery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Monter Épicerie" }).ClickAsync();
        await Expect(page.GetByTestId("categories").Locator("li").First).ToHaveAttributeAsync("data-key", "epicerie");
        // (a name another category has: refused next to the field of the row renamed)
        await page.Locator("#rename-en-boulangerie").FillAsync("grocery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Renommer Boulangerie" }).ClickAsync();
        await Expect(page.Locator("#rename-en-boulangerie-error")).ToHaveTextAsync("Une autre catégorie porte déjà ce nom.");
        await page.ScanAndCaptureAsync("categories-2-admin-list");

        // When the baker adds a product, the category is picked from the list, in French
        var bakerPage = await web.SignedInVisitorAsync(baker);
        await bakerPage.GotoAsync($"/fr/coops/{slug}/back-office/{shop}/products/new");
        var category = bakerPage.GetByLabel("Catégorie", new() { Exact = true });
        await Expect(category.Locator("option")).ToHaveTextAsync(["Choisissez une catégorie", "Épicerie", "Boulangerie"]);
        await bakerPage.GetByLabel("Nom en français").FillAsync("Baguette tradition");
        await bakerPage.GetByLabel("Nom en anglais").FillAsync("Traditional baguette");
        await category.SelectOptionAsync(new SelectOptionValue { Label = "Boulangerie" });
        await bakerPage.GetByLabel("Prix TTC en euros").FillAsync("1,30");
        await bakerPage.GetByLabel("Stock de départ").FillAsync("40");
        await bakerPage.ScanAndCaptureAsync("categories-3-product-form");
        await bakerPage.GetByRole(AriaRole.Button, new() { Name = "Ajouter le produit" }).ClickAsync();
        await Expect(bakerPage.GetByRole(AriaRole.Status)).ToContainTextAsync("« Baguette tradition » est en vente.");
        await Expect(bakerPage.GetByRole(AriaRole.Row).Filter(new() { HasText = "Baguette tradition" })).ToContainTextAsync("Boulangerie");

        // Then an English shopper browses "Bakery", and the product page names it so
        var shopper = await web.NewVisitorAsync();
        await shopper.GotoAsync($"/en/coops/{slug}/products");
        await Expect(shopper.GetByLabel("Category", new() { Exact = true }).Locator("option", new() { HasText = "Bakery" })).ToHaveCountAsync(1);
        await Expect(shopper.GetByTestId("card-category")).ToHaveTextAsync("Bakery");
        await shopper.ScanAndCaptureAsync("categories-4-storefront-en");
        await shopper.GotoAsync($"/en/coops/{slug}/products?category=boulangerie");
        await shopper.GetByRole(AriaRole.Link, new() { Name = "Traditional baguette" }).ClickAsync();
        await Expect(shopper.Locator(".breadcrumb")).ToContainTextAsync("Bakery");
        await shopper.ScanAndCaptureAsync("categories-5-product-en");

        // When the baker previews a till export naming the category in English, the preview names it in the page's language
        await bakerPage.GotoAsync($"/fr/coops/{slug}/back-office/{shop}/import");
        const string till = "sku;nom;description;catégorie;prix;tva;stock;image\r\nPAIN-002;Pain de seigle;;Bakery;3,10;5,5;8;\r\n";
        await bakerPage.GetByLabel("Fichier CSV").SetInputFilesAsync(new FilePayload { Name = "caisse.csv", MimeType = "text/csv", Buffer = Shops.Windows1252.GetBytes(till) });
        await bakerPage.GetByRole(AriaRole.Button, new() { Name = "Voir l'aperçu" }).ClickAsync();
        await Expect(bakerPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aperçu de l'import");
        var rye = bakerPage.GetByRole(AriaRole.Row).Filter(new() { HasText = "PAIN-002" });
        await Expect(rye.Locator("td[data-label='Catégorie']")).ToHaveTextAsync("Boulangerie");
        await bakerPage.ScanAndCaptureAsync("categories-6-import-preview-fr");
        await bakerPage.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(bakerPage.GetByRole(AriaRole.Row).Filter(new() { HasText = "PAIN-002" }).Locator("td[data-label='Category']")).ToHaveTextAsync("Bakery");
    }
}
