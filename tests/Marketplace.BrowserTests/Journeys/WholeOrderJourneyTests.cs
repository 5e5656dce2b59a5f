using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Marketplace.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>
/// A whole two-shop order in French on phones, every step through the pages: a customer who just signed up (no role in
/// the cooperative, ADR 35) fills the basket from the product pages, checks out (pickup at the bakery, delivery from the
/// cheesemonger), pays on the Stripe sandbox's page; each shop's owner accepts it in their queue, makes it ready and
/// hands it over once the payment is captured; the customer's order then reads completed. The cooperative, its shops
/// (payouts connected in the sandbox) and their products go in through the API.
/// </summary>
[Collection(BrowserCollection.Name)]
public class WholeOrderJourneyTests(WebApp web)
{
    [Fact]
    public async Task A_new_customer_orders_from_two_shops_pays_and_both_shops_accept_prepare_and_hand_over_until_the_order_is_completed()
    {
        // Given a cooperative with a bakery (pickup) and a cheesemonger (pickup or delivery), each with its own owner, approved,
        // its payouts connected in the sandbox and one product; and a customer who just signed up
        var admin = await web.CreateAccountAsync("Ana Admin");
        var baker = await web.CreateAccountAsync("Béatrice Boulangère");
        var cheesemonger = await web.CreateAccountAsync("Olivier Fromager");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de la Croix-Rousse");
        await web.AddMemberAsync(admin, slug, baker, "shop_owner");
        await web.AddMemberAsync(admin, slug, cheesemonger, "shop_owner");
        var bakery = await web.RegisterApprovedShopAsync(baker, admin, slug, "Boulangerie Béatrice");
        var cheeseShop = await web.RegisterApprovedShopAsync(cheesemonger, admin, slug, "Fromagerie Olivier", delivery: true);
        var bread = await web.AddProductAsync(baker, slug, bakery, "PAIN-001", "Pain de campagne", "Country loaf", 420);
        var cheese = await web.AddProductAsync(cheesemonger, slug, cheeseShop, "COMTE-18", "Comté 18 mois", "18-month Comté", 890);
        await web.ConnectPayoutsAsync(baker, slug, bakery);
        await web.ConnectPayoutsAsync(cheesemonger, slug, cheeseShop);
        await web.UntilShopsTakeOrdersAsync(slug, bread, cheese);
        const string customerName = "Zoé Cliente";
        var customer = await web.CreateAccountAsync(customerName);
        var page = await web.SignedInVisitorAsync(customer);
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);

        // When she adds each product to the basket from its page, then opens the basket
        var add = page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au panier" });
        await page.GotoAsync($"/fr/coops/{slug}/products/{bread}");
        await add.ClickAsync();
        await Expect(page.GetByTestId("added-to-basket")).ToContainTextAsync("Ajouté à votre panier.");
        await page.GotoAsync($"/fr/coops/{slug}/products/{cheese}");
        await add.ClickAsync();
        await Expect(page.GetByTestId("added-to-basket")).ToContainTextAsync("Ajouté à votre panier.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Voir le panier" }).ClickAsync();

        // Then it holds both, one line from each shop
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{slug}/basket$"));
        await Expect(page.GetByTestId("basket-shop")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("basket-total")).ToHaveTextAsync(Shops.Price(13.10m, "fr-FR"));

        // When she checks out: the bread picked up at the bakery, the cheese delivered
        await page.GetByRole(AriaRole.Link, new() { Name = "Commander" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{slug}/checkout$"));
        var bakeryChoice = page.GetByTestId("checkout-shop").Filter(new() { HasText = "Boulangerie Béatrice" });
        var cheeseChoice = page.GetByTestId("checkout-shop").Filter(new() { HasText = "Fromagerie Olivier" });
        await Expect(bakeryChoice.GetByLabel("Retrait en boutique")).ToBeCheckedAsync();
        var slot = await bakeryChoice.GetByLabel("Créneau de retrait chez Boulangerie Béatrice").Locator("option:checked").TextContentAsync();
        await cheeseChoice.GetByLabel("Livraison", new() { Exact = true }).CheckAsync();
        await cheeseChoice.GetByLabel("Adresse", new() { Exact = true }).FillAsync("12 rue d'Austerlitz");
        await cheeseChoice.GetByLabel("Code postal").FillAsync("69004");
        await cheeseChoice.GetByLabel("Ville").FillAsync("Lyon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider la commande" }).ClickAsync();

        // Then her order's page shows both parts, and once the payment is open, asks her to pay
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{slug}/orders/[0-9a-f-]{{36}}$"));
        var orderUrl = page.Url;
        var parts = page.GetByTestId("order-part");
        var bakeryPart = parts.Filter(new() { HasText = "Boulangerie Béatrice" });
        var cheesePart = parts.Filter(new() { HasText = "Fromagerie Olivier" });
        await Expect(parts).ToHaveCountAsync(2);
        await Expect(bakeryPart.GetByTestId("part-fulfilment")).ToHaveTextAsync($"Retrait en boutique : {slot}");
        await Expect(cheesePart.GetByTestId("part-fulfilment")).ToHaveTextAsync("Livraison à : 12 rue d'Austerlitz, 69004 Lyon");
        await Eventually.TrueAsync(async () => { await page.ReloadAsync(); return await page.GetByTestId("pay-link").CountAsync() == 1; }, "the payment to pay");
        await Expect(page.GetByTestId("pay-link")).ToHaveTextAsync($"Payer {Shops.Price(13.10m, "fr-FR")}");

        // When she follows "Payer" and pays on the sandbox's page with its test card
        await page.GetByTestId("pay-link").ClickAsync();
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();

        // Then she is back on her order, authorised and waiting for the shops
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(orderUrl)}\\?payment_intent="));
        await Eventually.TrueAsync(
            async () => { await page.ReloadAsync(); return await page.GetByTestId("order-status").TextContentAsync() == "Paiement autorisé, en attente des boutiques"; },
            "the order authorised");

        // When each owner opens their queue on their phone and accepts her order
        var bakerPage = await QueueOfAsync(baker, slug, bakery);
        var cheesePage = await QueueOfAsync(cheesemonger, slug, cheeseShop);
        foreach (var queue in new[] { bakerPage, cheesePage })
        {
            var card = queue.GetByTestId("shop-order").Filter(new() { HasText = customerName });
            await Expect(queue.GetByTestId("waiting-heading")).ToHaveTextAsync("À traiter : 1");
            await Expect(card.GetByTestId("order-status")).ToHaveTextAsync("Nouvelle");
            await card.GetByRole(AriaRole.Button, new() { Name = $"Accepter la commande de {customerName}" }).ClickAsync();
            await Expect(queue.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Commande de {customerName} acceptée.");
            await Expect(card.GetByTestId("order-status")).ToHaveTextAsync("Acceptée");
        }

        // And makes it ready, then, once the payment is captured, hands it over: collected at the bakery, delivered by the cheesemonger
        foreach (var (queue, handedOver, status) in new[] { (bakerPage, "Marquer comme retirée", "Retirée"), (cheesePage, "Marquer comme livrée", "Livrée") })
        {
            var card = queue.GetByTestId("shop-order").Filter(new() { HasText = customerName });
            await card.GetByRole(AriaRole.Button, new() { Name = $"Marquer comme prête (commande de {customerName})" }).ClickAsync();
            await Expect(queue.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Commande de {customerName} prête.");
            await Expect(card.GetByTestId("order-status")).ToHaveTextAsync("Prête");
            var button = card.GetByRole(AriaRole.Button, new() { Name = $"{handedOver} (commande de {customerName})" });
            await Eventually.TrueAsync(async () => { await queue.ReloadAsync(); return await button.CountAsync() == 1; }, "the payment captured, the order can be handed over");
            await button.ClickAsync();
            await Expect(queue.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Commande de {customerName} remise.");
            await Expect(card.GetByTestId("order-status")).ToHaveTextAsync(status);
            await Expect(card.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        }

        // (the customer's long address wraps in the card instead of widening the phone's screen)
        Assert.True(await cheesePage.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The queue scrolls sideways on a phone.");
        await cheesePage.ScanAndCaptureAsync("whole-order-1-queue-delivered");

        // Then her order reads completed, each part handed over, the whole amount paid
        await page.GotoAsync(orderUrl);
        await Eventually.TrueAsync(
            async () => { await page.ReloadAsync(); return await page.GetByTestId("order-status").TextContentAsync() == "Terminée : tout est remis"; },
            "the order completed");
        await Expect(bakeryPart.GetByTestId("part-status")).ToHaveTextAsync("Remise");
        await Expect(cheesePart.GetByTestId("part-status")).ToHaveTextAsync("Remise");
        await Expect(page.GetByTestId("order-captured")).ToHaveTextAsync(Shops.Price(13.10m, "fr-FR"));
        await Expect(page.GetByTestId("pay-link")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Annuler la commande" })).ToHaveCountAsync(0);
        await page.ScanAndCaptureAsync("whole-order-2-completed");
    }

    /// <summary>The shop's order queue in its back office, as its owner opens it on a phone.</summary>
    private async Task<IPage> QueueOfAsync(string owner, string slug, Guid shop)
    {
        var page = await web.SignedInVisitorAsync(owner);
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        await page.GotoAsync($"/fr/coops/{slug}/back-office/{shop}/orders");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Commandes");
        return page;
    }
}
