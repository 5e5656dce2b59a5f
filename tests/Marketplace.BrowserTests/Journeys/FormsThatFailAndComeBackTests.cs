using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>
/// A form that fails puts the visitor on what to fix, where she was; signing up or in from a product brings her back
/// to it (issue 14, point 3).
/// </summary>
[Collection(BrowserCollection.Name)]
public class FormsThatFailAndComeBackTests(WebApp web)
{
    [Fact]
    public async Task A_failed_sign_up_moves_the_focus_to_the_error_summary_listing_what_to_fix()
    {
        var page = await web.NewVisitorAsync();
        await page.GotoAsync("/sign-up");

        await page.GetByLabel("Votre nom").FillAsync("Rose Cliente");
        await page.GetByLabel("Adresse e-mail").FillAsync($"rose-{Guid.NewGuid():N}@example.org");
        await page.GetByLabel("Mot de passe").FillAsync("court");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();

        var summary = page.GetByTestId("error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync("Le mot de passe a au moins 10 caractères");
        await page.ScanAndCaptureAsync("forms-sign-up-error-summary");
    }

    [Fact]
    public async Task Signing_up_or_in_from_a_product_page_brings_the_customer_back_to_it_and_a_failed_question_keeps_her_there()
    {
        // Given a product of an approved shop
        var admin = await web.CreateAccountAsync("Théo Admin");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de la Part-Dieu");
        var shop = await web.RegisterApprovedShopAsync(admin, admin, slug, "Fromagerie Théo");
        var product = await web.AddProductAsync(admin, slug, shop, "TOMME-1", "Tomme de Savoie", "Savoy tomme", 1450);
        var productPage = $"/fr/coops/{slug}/products/{product}";

        // When a visitor on it signs up from the header
        var page = await web.NewVisitorAsync();
        await page.GotoAsync(productPage);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Créer un compte" }).ClickAsync();
        await page.GetByLabel("Votre nom").FillAsync("Ulysse Client");
        var email = $"ulysse-{Guid.NewGuid():N}@example.org";
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();

        // Then she is back on the product, signed in
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(productPage) + "$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();

        // When she sends an empty question from the bottom of the page, on her phone
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma question" }).ClickAsync();

        // Then the page comes back where she was, the question's box focused and its error beside it
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(productPage) + @"\?handler=Ask$"));
        await Expect(page.GetByLabel("Votre question")).ToBeFocusedAsync();
        await Expect(page.Locator("#text-error")).ToHaveTextAsync("Ce champ est obligatoire.");
        await Expect(page.GetByLabel("Votre question")).ToBeInViewportAsync();

        // And a visitor who signs in from the header of the product (after a wrong password) comes back to it too
        var other = await web.NewVisitorAsync();
        await other.GotoAsync(productPage);
        await other.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).ClickAsync();
        await other.GetByLabel("Adresse e-mail").FillAsync(email);
        await other.GetByLabel("Mot de passe").FillAsync("pas le bon mot de passe");
        await other.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();
        await Expect(other.GetByTestId("error-summary")).ToBeFocusedAsync();
        await other.GetByLabel("Mot de passe").FillAsync(Accounts.Password);
        await other.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();
        await Expect(other).ToHaveURLAsync(new Regex(Regex.Escape(productPage) + "$"));
    }
}
