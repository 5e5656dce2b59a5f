using System.Globalization;
using Marketplace.BrowserTests.Infrastructure;
using Marketplace.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>A cheesemonger gives her Comté's food information; a shopper sees it on the product page and filters on it (ADR 41).</summary>
[Collection(BrowserCollection.Name)]
public class FoodInformationTests(WebApp web)
{
    [Fact]
    public async Task A_shop_fills_in_the_food_information_and_the_product_page_shows_the_price_per_kilogram_allergens_and_labels()
    {
        // Given a cheese shop with a piece of Comté at 8,23 € (about 250 g)
        var admin = await web.CreateAccountAsync("Ana Admin");
        var cheesemonger = await web.CreateAccountAsync("Chloé Fromagère");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de Dole");
        await web.AddMemberAsync(admin, slug, cheesemonger, "shop_owner");
        var shop = await web.RegisterApprovedShopAsync(cheesemonger, admin, slug, "Fromagerie Chloé");
        var comte = await web.AddProductAsync(cheesemonger, slug, shop, "COMTE-18", "Comté 18 mois", "Comté aged 18 months", 823);

        // When she fills in the food information form on the product's back-office page, in French
        var page = await web.SignedInVisitorAsync(cheesemonger);
        await page.GotoAsync($"/fr/coops/{slug}/back-office/{shop}/products/{comte}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Informations alimentaires" })).ToBeVisibleAsync();
        // (half a gram first: refused next to its field, in French)
        await page.GetByLabel("Poids ou volume net (ou poids estimé d'une pièce)").FillAsync("0,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les informations alimentaires" }).ClickAsync();
        await Expect(page.Locator("#food-amount-error")).ToHaveTextAsync("Une quantité est supérieure à zéro, d'au plus 100 kg ou 100 l, en grammes ou millilitres entiers.");
        await Expect(page.GetByLabel("Poids ou volume net (ou poids estimé d'une pièce)")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByLabel("Au poids (pièce d'un poids estimé)").CheckAsync();
        await page.GetByLabel("Poids ou volume net (ou poids estimé d'une pièce)").FillAsync("250");
        await page.GetByLabel("Unité").SelectOptionAsync("g");
        await page.GetByLabel("Lait", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("AOP", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Origine (80 caractères au plus)").FillAsync("Jura, France");
        await page.ScanAndCaptureAsync("food-1-back-office-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les informations alimentaires" }).ClickAsync();

        // Then it is saved, and the form shows what was saved
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Informations alimentaires de « Comté 18 mois » enregistrées.");
        await Expect(page.GetByLabel("Lait", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Poids ou volume net (ou poids estimé d'une pièce)")).ToHaveValueAsync("250");

        // And a shopper sees the price per kilogram beside the price, the allergen emphasised, the label as a badge, the origin
        var shopper = await web.NewVisitorAsync();
        await shopper.GotoAsync($"/fr/coops/{slug}/products/{comte}");
        var perKilogram = new Money(3292, "EUR").Minor / 100m;
        await Expect(shopper.GetByTestId("unit-price")).ToHaveTextAsync(perKilogram.ToString("C", CultureInfo.GetCultureInfo("fr-FR")) + " / kg");
        await Expect(shopper.GetByTestId("net-quantity")).ToContainTextAsync("Pièce d'environ 250");
        await Expect(shopper.GetByTestId("allergens").Locator("strong")).ToHaveTextAsync("Lait");
        await Expect(shopper.GetByTestId("labels")).ToHaveTextAsync("AOP");
        await Expect(shopper.GetByTestId("origin")).ToHaveTextAsync("Jura, France");
        await shopper.ScanAndCaptureAsync("food-2-product-page");

        // And the search page finds it with the AOP label, and not among the products without milk
        await shopper.GotoAsync($"/fr/coops/{slug}/products?label=aop");
        await Expect(shopper.GetByTestId("food-filters")).ToHaveAttributeAsync("open", "open");
        await Expect(shopper.GetByRole(AriaRole.Link, new() { Name = "Comté 18 mois" })).ToBeVisibleAsync();
        await Expect(shopper.GetByRole(AriaRole.List, new() { Name = "Labels" }).Filter(new() { HasText = "AOP" })).ToBeVisibleAsync();
        await shopper.ScanAndCaptureAsync("food-3-search-filters");
        await shopper.GotoAsync($"/fr/coops/{slug}/products?without=milk");
        await Expect(shopper.GetByRole(AriaRole.Link, new() { Name = "Comté 18 mois" })).ToHaveCountAsync(0);
    }
}
