using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>
/// A customer, in French on a phone, checks a two-shop basket out (pickup at one shop, delivery from the other), is
/// told on its field when Ordering refuses the slot, pays on the Stripe sandbox's page and comes back to the order,
/// sees it in "Mes commandes" (and in English); another cancels an order before the shops answer. Shops, products and
/// baskets go in through the API.
/// </summary>
[Collection(BrowserCollection.Name)]
public class OrderingTests(WebApp web)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task Customer_checks_out_two_shops_is_told_of_a_refused_slot_pays_on_the_sandbox_and_finds_the_order_in_my_orders()
    {
        // Given two shops taking orders (pickup and delivery each, closed on Mondays) and a basket holding a product of each
        var (coop, pastaShop, grocery, pasta, sauce) = await TwoShopsTakingOrdersAsync();
        var customer = await CustomerOfAsync(coop, "Zoé Cliente");
        await FillBasketAsync(coop, await web.TokenAsync(customer), (pasta, 2), (sauce, 1));
        var page = await web.SignedInVisitorAsync(customer);
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);

        // When they check the basket out
        await page.GotoAsync($"/fr/coops/{coop}/basket");
        await page.GetByRole(AriaRole.Link, new() { Name = "Commander" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/checkout$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Commander");
        await Expect(page.GetByTestId("checkout-total")).ToHaveTextAsync(Euros(1290, French));
        var pastaPart = page.GetByTestId("checkout-shop").Filter(new() { HasText = pastaShop.Name });
        var groceryPart = page.GetByTestId("checkout-shop").Filter(new() { HasText = grocery.Name });
        await Expect(pastaPart.GetByLabel("Retrait en boutique")).ToBeCheckedAsync();
        var slot = pastaPart.GetByLabel($"Créneau de retrait chez {pastaShop.Name}");
        await Expect(slot.Locator("option").First).ToHaveTextAsync(new Regex("^(Mardi|Mercredi|Samedi) "));
        await page.ScanAndCaptureAsync("order-1-checkout");

        // And choose delivery from the grocery, while the pasta slot they picked is one the shop no longer opens for
        // (a form left open: here its value is made a Monday's, when the shop is closed)
        await groceryPart.GetByLabel("Livraison", new() { Exact = true }).CheckAsync();
        await groceryPart.GetByLabel("Adresse", new() { Exact = true }).FillAsync("3 place Sathonay");
        await groceryPart.GetByLabel("Code postal").FillAsync("69001");
        await groceryPart.GetByLabel("Ville").FillAsync("Lyon");
        await slot.EvaluateAsync("(select, value) => { select.options[select.selectedIndex].value = value; }", MondaySlot());
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider la commande" }).ClickAsync();

        // Then Ordering's refusal shows on the slot, in French, and the rest of the form is kept
        await Expect(page.GetByTestId("checkout-errors")).ToBeVisibleAsync();
        await Expect(pastaPart.GetByTestId("slot-error")).ToHaveTextAsync("Le créneau de retrait est en dehors des horaires d'ouverture de la boutique.");
        await Expect(slot).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(groceryPart.GetByLabel("Livraison", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(groceryPart.GetByLabel("Ville")).ToHaveValueAsync("Lyon");
        await page.ScanAndCaptureAsync("order-2-checkout-refused");

        // When they take an offered slot and order
        var chosen = await slot.Locator("option").First.TextContentAsync();
        await slot.SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider la commande" }).ClickAsync();

        // Then the order's page says what was ordered from whom, how each part is handed over, and asks to pay
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/orders/[0-9a-f-]{{36}}$"));
        var orderUrl = page.Url;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ma commande");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Commande enregistrée");
        await Expect(page.GetByTestId("order-total")).ToHaveTextAsync(Euros(1290, French));
        var parts = page.GetByTestId("order-part");
        await Expect(parts).ToHaveCountAsync(2);
        await Expect(parts.Filter(new() { HasText = pastaShop.Name }).GetByTestId("part-fulfilment")).ToHaveTextAsync($"Retrait en boutique : {chosen}");
        await Expect(parts.Filter(new() { HasText = grocery.Name }).GetByTestId("part-fulfilment")).ToHaveTextAsync("Livraison à : 3 place Sathonay, 69001 Lyon");
        await Expect(parts.Filter(new() { HasText = pastaShop.Name }).GetByTestId("part-subtotal")).ToHaveTextAsync(Euros(900, French));
        await Eventually.TrueAsync(async () => { await page.ReloadAsync(); return await page.GetByTestId("pay-link").CountAsync() == 1; }, "the payment to pay");
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("En attente de paiement");
        await Expect(page.GetByTestId("pay-link")).ToHaveTextAsync($"Payer {Euros(1290, French)}");
        await page.ScanAndCaptureAsync("order-3-awaiting-payment");

        // When they pay on the sandbox's hosted page with its test card
        await page.GetByTestId("pay-link").ClickAsync();
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();

        // Then they are back on the order, which is authorised and waits for the shops' answers
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(orderUrl)}\\?payment_intent="));
        await Eventually.TrueAsync(
            async () => { await page.ReloadAsync(); return await page.GetByTestId("order-status").TextContentAsync() == "Paiement autorisé, en attente des boutiques"; },
            "the order authorised");
        await Expect(page.GetByTestId("part-status")).ToHaveTextAsync(["En attente de la réponse de la boutique", "En attente de la réponse de la boutique"]);
        await Expect(page.GetByTestId("pay-link")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("order-history")).ToContainTextAsync("Commande passée");
        await Expect(page.GetByTestId("order-history")).ToContainTextAsync("Paiement autorisé");
        await page.ScanAndCaptureAsync("order-4-authorised");

        // When they open "Mes commandes" from the menu
        await page.GetByTestId("orders-link").ClickAsync();

        // Then the order is there, with where it stands
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/orders$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mes commandes");
        await Expect(page.GetByTestId("order-card")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("order-card-status")).ToHaveTextAsync("Paiement autorisé, en attente des boutiques");
        await page.ScanAndCaptureAsync("order-5-my-orders");

        // And in English, the list and the order read in English
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/en/coops/{coop}/orders$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My orders");
        await page.ScanAndCaptureAsync("order-6-my-orders-english");
        await page.GetByTestId("order-card").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Payment authorised, awaiting the shops");
        await Expect(page.GetByTestId("order-total")).ToHaveTextAsync(Euros(1290, English));
        await page.ScanAndCaptureAsync("order-7-english");
    }

    [Fact]
    public async Task Customer_cancels_an_order_before_the_shops_answer_and_cannot_cancel_it_twice()
    {
        // Given an order just placed from one shop, not paid yet
        var (coop, pastaShop, _, pasta, _) = await TwoShopsTakingOrdersAsync();
        var customer = await CustomerOfAsync(coop, "Noé Client");
        await FillBasketAsync(coop, await web.TokenAsync(customer), (pasta, 1));
        var page = await web.SignedInVisitorAsync(customer);
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        await page.GotoAsync($"/fr/coops/{coop}/checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider la commande" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/orders/[0-9a-f-]{{36}}$"));
        var orderUrl = page.Url;

        // When they cancel it
        await page.GetByRole(AriaRole.Button, new() { Name = "Annuler la commande" }).ClickAsync();

        // Then it is cancelled by them, nothing is charged, and it can no longer be cancelled
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Votre commande est annulée ; rien ne vous sera prélevé.");
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Annulée");
        await Expect(page.GetByTestId("order-reason")).ToHaveTextAsync("Annulée par vous");
        await Expect(page.GetByTestId("order-part").GetByRole(AriaRole.Heading)).ToHaveTextAsync(pastaShop.Name);
        await Expect(page.GetByTestId("part-status")).ToHaveTextAsync("Retirée");
        await Expect(page.GetByTestId("order-history")).ToContainTextAsync("Commande annulée");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Annuler la commande" })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("pay-link")).ToHaveCountAsync(0);
        await page.ScanAndCaptureAsync("order-8-cancelled");

        // And the page of an order that is not theirs is not found
        var stranger = await web.SignedInVisitorAsync(await web.CreateAccountAsync("Léa Autre"));
        var response = await stranger.GotoAsync(orderUrl);
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
    }

    /// <summary>A cooperative with a pasta shop and a grocery, approved and payable, each selling one product Ordering sells.</summary>
    private async Task<(TenantId Coop, OpenShop PastaShop, OpenShop Grocery, Guid Pasta, Guid Sauce)> TwoShopsTakingOrdersAsync()
    {
        var coop = await web.App.OnboardAsync();
        var pastaShop = await web.OpenShopAsync(coop, "Pastificio " + Guid.NewGuid().ToString("N")[..6]);
        var grocery = await web.OpenShopAsync(coop, "Épicerie " + Guid.NewGuid().ToString("N")[..6]);
        await web.App.PayoutsPossibleAsync(coop, pastaShop.Id);
        await web.App.PayoutsPossibleAsync(coop, grocery.Id);
        var pasta = await web.ListProductAsync(pastaShop, Product("Pâtes fraîches aux œufs", "Fresh egg pasta", 450));
        var sauce = await web.ListProductAsync(grocery, Product("Sauce tomate au basilic", "Tomato and basil sauce", 390));

        await web.UntilShopsTakeOrdersAsync(coop.Value, pasta, sauce);
        return (coop, pastaShop, grocery, pasta, sauce);
    }

    /// <summary>An account as it signs up: no role in the cooperative (a customer needs none, ADR 35).</summary>
    private Task<string> CustomerOfAsync(TenantId coop, string name) => web.CreateAccountAsync(name);

    private async Task FillBasketAsync(TenantId coop, string token, params (Guid Product, int Quantity)[] lines)
    {
        using var api = web.Api(token);
        foreach (var (product, quantity) in lines)
        {
            var put = await api.PutAsJsonAsync($"/api/coops/{coop}/basket/lines/{product}", new { quantity });
            Assert.True(put.IsSuccessStatusCode, $"Putting {product} in the basket: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        }

        var basket = await api.GetFromJsonAsync<JsonElement>($"/api/coops/{coop}/basket");
        Assert.Equal(lines.Length, basket.GetProperty("lines").GetArrayLength());
    }

    /// <summary>Next Monday 10:00–11:00 in Paris, as the checkout form writes a slot (the test shops are closed on Mondays).</summary>
    private static string MondaySlot()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);
        var monday = today.AddDays(1);
        while (monday.DayOfWeek != DayOfWeek.Monday)
        {
            monday = monday.AddDays(1);
        }

        var start = monday.ToDateTime(new TimeOnly(10, 0));
        var utc = new DateTimeOffset(start, Paris.GetUtcOffset(start)).UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{utc:yyyy-MM-ddTHH:mm:ssZ}/{utc.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}");
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
