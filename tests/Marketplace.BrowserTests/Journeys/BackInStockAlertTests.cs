using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>
/// "Tell me when it's back" (ADR 44): a customer on an out-of-stock product signs in from it, comes back to it, asks in
/// one click, sees the confirmation, cancels; then asks again in English. No script is needed: plain forms.
/// </summary>
[Collection(BrowserCollection.Name)]
public class BackInStockAlertTests(WebApp web)
{
    [Fact]
    public async Task A_customer_asks_to_be_told_when_an_out_of_stock_product_is_back_then_cancels()
    {
        // Given a cheese shop whose Mont d'Or is sold out, and a customer with an account (no role in the cooperative)
        var coop = await web.App.OnboardAsync();
        var shop = await web.OpenShopAsync(coop, "Fromagerie " + Guid.NewGuid().ToString("N")[..6]);
        var montDOr = await web.ListProductAsync(shop, new
        {
            name = new { fr = "Mont d'Or", en = "Mont d'Or cheese" },
            category = "Crèmerie",
            imageUrls = Array.Empty<string>(),
            price = new { minor = 1450, currency = "EUR" },
            vatRate = 550,
            initialStock = 0,
        });
        var customer = await web.CreateAccountAsync("Inès Cliente");
        var page = await web.NewVisitorAsync();

        // When she opens it signed out, she is asked to sign in to be told, and comes back to it
        await page.GotoAsync($"/fr/coops/{coop}/products/{montDOr}");
        await Expect(page.GetByTestId("availability")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au panier" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Connectez-vous pour être prévenu(e) de son retour" }).ClickAsync();
        await page.GetByLabel("Adresse e-mail").FillAsync(customer);
        await page.GetByLabel("Mot de passe").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/products/{montDOr}#notify$"));

        // And asks in one click: the page confirms, and says she will be told, with a way to cancel
        await page.GetByRole(AriaRole.Button, new() { Name = "Me prévenir quand il revient" }).ClickAsync();
        await Expect(page.GetByTestId("stock-alert-asked")).ToHaveTextAsync("C'est noté : nous vous préviendrons par e-mail quand il sera de retour.");
        await Expect(page.GetByTestId("stock-alert-waiting")).ToContainTextAsync("Vous serez prévenu(e) par e-mail");
        await page.ScanAndCaptureAsync("stock-alert-1-asked");

        // Then a reload still shows it asked (once: the confirmation does not come back)
        await page.ReloadAsync();
        await Expect(page.GetByTestId("stock-alert-asked")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("stock-alert-waiting")).ToBeVisibleAsync();

        // When she cancels, the page says so and offers to ask again
        await page.GetByRole(AriaRole.Button, new() { Name = "Annuler" }).ClickAsync();
        await Expect(page.GetByTestId("stock-alert-cancelled")).ToContainTextAsync("C'est annulé");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Me prévenir quand il revient" })).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("stock-alert-2-cancelled");

        // And in English, the same in English
        await page.GotoAsync($"/en/coops/{coop}/products/{montDOr}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tell me when it's back" }).ClickAsync();
        await Expect(page.GetByTestId("stock-alert-asked")).ToContainTextAsync("we will e-mail you");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("stock-alert-3-english");
    }
}
