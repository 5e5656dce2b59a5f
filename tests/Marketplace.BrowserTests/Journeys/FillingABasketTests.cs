using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>
/// A customer filling one basket from two shops of a cooperative, in French on a phone: signing in from the product,
/// adding, seeing the lines by shop with today's prices (a price that changed since says so), changing a quantity,
/// removing a line, reading it in English, emptying it. Shops and products go in through the API.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FillingABasketTests(WebApp web)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public async Task Customer_fills_one_basket_from_two_shops_sees_a_changed_price_then_changes_removes_and_empties()
    {
        // Given a cooperative with a pasta shop and a grocery, each selling one product, and a customer with an account
        var coop = await web.App.OnboardAsync();
        var pastaShop = await web.OpenShopAsync(coop, "Pastificio " + Guid.NewGuid().ToString("N")[..6]);
        var grocery = await web.OpenShopAsync(coop, "Épicerie " + Guid.NewGuid().ToString("N")[..6]);
        var pasta = await web.ListProductAsync(pastaShop, Product("Pâtes fraîches aux œufs", "Fresh egg pasta", 450));
        var sauce = await web.ListProductAsync(grocery, Product("Sauce tomate au basilic", "Tomato and basil sauce", 390));
        var customer = await web.CreateAccountAsync("Zoé Cliente");
        await UntilOrderingSellsAsync(coop, await web.TokenAsync(customer), pasta, sauce);
        var page = await web.NewVisitorAsync();
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);

        // When they open the pasta without being signed in, they are asked to sign in to buy, and come back to it
        await page.GotoAsync($"/fr/coops/{coop}/products/{pasta}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Connectez-vous pour ajouter au panier" }).ClickAsync();
        await page.GetByLabel("Adresse e-mail").FillAsync(customer);
        await page.GetByLabel("Mot de passe").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/products/{pasta}#buy$"));

        // And they add it twice, then the sauce once
        var add = page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au panier" });
        await add.ClickAsync();
        await Expect(page.GetByTestId("added-to-basket")).ToContainTextAsync("Ajouté à votre panier.");
        await page.ScanAndCaptureAsync("basket-1-added");
        await add.ClickAsync();
        await Expect(page.GetByTestId("added-to-basket")).ToBeVisibleAsync();
        await page.GotoAsync($"/fr/coops/{coop}/products/{sauce}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au panier" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Voir le panier" }).ClickAsync();

        // Then the basket holds both, by shop, with each shop's subtotal and the total
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/basket$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mon panier");
        await Expect(page.GetByTestId("basket-count")).ToContainTextAsync("3 article(s) de 2 boutique(s)");
        var shops = page.GetByTestId("basket-shop");
        await Expect(shops).ToHaveCountAsync(2);
        var pastaPart = shops.Filter(new() { HasText = pastaShop.Name });
        await Expect(pastaPart.GetByLabel("Quantité de Pâtes fraîches aux œufs")).ToHaveValueAsync("2");
        await Expect(pastaPart.GetByTestId("line-total")).ToHaveTextAsync(Euros(900, French));
        await Expect(shops.Filter(new() { HasText = grocery.Name }).GetByTestId("shop-subtotal")).ToHaveTextAsync(Euros(390, French));
        await Expect(page.GetByTestId("basket-total")).ToHaveTextAsync(Euros(1290, French));
        await page.ScanAndCaptureAsync("basket-2-two-shops");

        // When the pasta shop raises its price, the basket says so before checkout, and totals at today's price
        using (var owner = web.Api(pastaShop.OwnerToken))
        {
            var changed = await owner.PostAsJsonAsync($"/api/coops/{coop}/shops/{pastaShop.Id}/products/{pasta}/price-changes", new { price = new { minor = 480, currency = "EUR" } });
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        await Eventually.TrueAsync(async () => { await page.ReloadAsync(); return await pastaPart.GetByTestId("price-changed").CountAsync() == 1; }, "the new price in the basket");
        await Expect(pastaPart.GetByTestId("price-changed")).ToHaveTextAsync($"Le prix a changé depuis que vous l'avez ajouté : {Euros(450, French)} avant, {Euros(480, French)} maintenant.");
        await Expect(page.GetByTestId("basket-total")).ToHaveTextAsync(Euros(1350, French));
        await page.ScanAndCaptureAsync("basket-3-price-changed");

        // When they take three sauces, then remove the pasta
        var saucePart = shops.Filter(new() { HasText = grocery.Name });
        await saucePart.GetByLabel("Quantité de Sauce tomate au basilic").FillAsync("3");
        await saucePart.GetByRole(AriaRole.Button, new() { Name = "Mettre à jour" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Quantité mise à jour.");
        await Expect(saucePart.GetByTestId("line-total")).ToHaveTextAsync(Euros(1170, French));
        await pastaPart.GetByRole(AriaRole.Button, new() { Name = "Retirer Pâtes fraîches aux œufs du panier" }).ClickAsync();

        // Then one shop is left, and the total is the sauces'
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Produit retiré du panier.");
        await Expect(shops).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("basket-total")).ToHaveTextAsync(Euros(1170, French));

        // When they read it in English, then empty it
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/en/coops/{coop}/basket$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My basket");
        await Expect(page.GetByTestId("basket-total")).ToHaveTextAsync(Euros(1170, English));
        await page.ScanAndCaptureAsync("basket-4-english");
        await page.GetByRole(AriaRole.Button, new() { Name = "Empty the basket" }).ClickAsync();

        // Then it is empty, and says where to shop
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your basket was emptied.");
        await Expect(page.GetByTestId("basket-empty")).ToHaveTextAsync("Your basket is empty.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "See the cooperative's products" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_basket_asks_a_visitor_to_sign_in_and_keeps_each_customer_s_basket_their_own()
    {
        // Given a visitor who is not signed in
        var coop = await web.App.OnboardAsync();
        var page = await web.NewVisitorAsync();

        // When they open the basket from the menu
        await page.GotoAsync($"/fr/coops/{coop}");
        await page.GetByTestId("basket-link").ClickAsync();

        // Then they are asked to sign in first, and brought back to the basket, empty for a new customer
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in"));
        var customer = await web.CreateAccountAsync("Noé Client");
        await page.GetByLabel("Adresse e-mail").FillAsync(customer);
        await page.GetByLabel("Mot de passe").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/basket$"));
        await Expect(page.GetByTestId("basket-empty")).ToHaveTextAsync("Votre panier est vide.");
        await page.AssertAccessibleAsync();
    }

    /// <summary>Ordering's copy of the catalog follows Catalog's events: wait until it sells each product (then leave the basket empty).</summary>
    private async Task UntilOrderingSellsAsync(TenantId coop, string token, params Guid[] products)
    {
        using var api = web.Api(token);
        foreach (var product in products)
        {
            await Eventually.TrueAsync(async () => (await api.PutAsJsonAsync($"/api/coops/{coop}/basket/lines/{product}", new { quantity = 1 })).IsSuccessStatusCode, "Ordering sells " + product);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/coops/{coop}/basket")).StatusCode);
    }

    private static object Product(string french, string english, long minor) => new
    {
        name = new { fr = french, en = english },
        category = "Épicerie",
        imageUrls = Array.Empty<string>(),
        price = new { minor, currency = "EUR" },
        vatRate = 550,
        initialStock = 20,
    };

    private static string Euros(long minor, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = "€";
        return (minor / 100m).ToString("C", format);
    }
}
