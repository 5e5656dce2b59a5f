using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Marketplace.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Stripe;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>
/// A baker takes her orders on her phone, in French: two customers' orders placed and paid for through the API (the
/// shop's Stripe account connected in the local sandbox, each PaymentIntent confirmed with pm_card_visa), one refused
/// with a reason, the other accepted, made ready and collected; the co-op's admin sees both; nobody else opens the queue.
/// </summary>
[Collection(BrowserCollection.Name)]
public class TakingOrdersTests(WebApp web)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task A_baker_refuses_one_order_with_a_reason_accepts_another_makes_it_ready_and_collected_and_the_admin_sees_both()
    {
        // Given a cooperative with a bakery whose payouts are connected, selling bread, and two customers who ordered and paid
        var admin = await web.CreateAccountAsync("Ana Admin");
        var baker = await web.CreateAccountAsync("Béatrice Boulangère");
        var cheesemonger = await web.CreateAccountAsync("Olivier Fromager");
        var zoe = await web.CreateAccountAsync("Zoé Cliente");
        var yves = await web.CreateAccountAsync("Yves Client");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de Vaise");
        await web.AddMemberAsync(admin, slug, baker, "shop_owner");
        await web.AddMemberAsync(admin, slug, cheesemonger, "shop_owner");
        await web.AddMemberAsync(admin, slug, zoe, "customer");
        await web.AddMemberAsync(admin, slug, yves, "customer");
        var bakery = await web.RegisterApprovedShopAsync(baker, admin, slug, "Boulangerie Béatrice");
        await web.RegisterApprovedShopAsync(cheesemonger, admin, slug, "Fromagerie Olivier");
        var bread = await web.AddProductAsync(baker, slug, bakery, "PAIN-001", "Pain de campagne", "Country loaf", 420);
        var croissant = await web.AddProductAsync(baker, slug, bakery, "CROI-001", "Croissant au beurre", "Butter croissant", 110);
        await web.ConnectPayoutsAsync(baker, slug, bakery);
        var yvesOrder = await PlaceAndPayAsync(yves, slug, bakery, (bread, 1));
        var zoeOrder = await PlaceAndPayAsync(zoe, slug, bakery, (bread, 2), (croissant, 3));
        await UntilWaitingForTheShopAsync(baker, slug, bakery, yvesOrder, zoeOrder);

        // When the baker opens her back office on her phone and follows the link to her orders
        var page = await web.SignedInVisitorAsync(baker);
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        await page.GotoAsync($"/fr/coops/{slug}/back-office/{bakery}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Commandes (2 en attente)" }).ClickAsync();

        // Then both wait for her answer, with the time left, what to prepare, the pickup slot and the customer's contact
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{slug}/back-office/{bakery}/orders$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Commandes");
        await Expect(page.GetByTestId("waiting-heading")).ToHaveTextAsync("À traiter : 2");
        var waiting = page.GetByTestId("waiting-orders").GetByTestId("shop-order");
        await Expect(waiting).ToHaveCountAsync(2);
        var zoeCard = page.GetByTestId("shop-order").Filter(new() { HasText = "Zoé Cliente" });
        var yvesCard = page.GetByTestId("shop-order").Filter(new() { HasText = "Yves Client" });
        await Expect(zoeCard.GetByTestId("order-lines")).ToContainTextAsync("2 × Pain de campagne");
        await Expect(zoeCard.GetByTestId("order-lines")).ToContainTextAsync("3 × Croissant au beurre");
        await Expect(zoeCard.GetByTestId("order-status")).ToHaveTextAsync("Nouvelle");
        await Expect(zoeCard.GetByTestId("time-left")).ToContainTextAsync("Répondre avant");
        await Expect(zoeCard.GetByTestId("time-left")).ToContainTextAsync("reste");
        await Expect(zoeCard.GetByTestId("pickup-slot")).ToContainTextAsync("Lundi");
        await Expect(zoeCard.GetByTestId("pickup-slot")).ToContainTextAsync("10:00–10:30");
        await Expect(zoeCard.GetByRole(AriaRole.Link, new() { Name = zoe })).ToHaveAttributeAsync("href", "mailto:" + zoe);
        await Expect(zoeCard.GetByTestId("order-subtotal")).ToHaveTextAsync(Shops.Price(11.70m, "fr-FR"));
        await page.ScanAndCaptureAsync("orders-1-waiting");

        // When she refuses Yves's order without saying why
        await yvesCard.GetByText("Refuser cette commande…").ClickAsync();
        await yvesCard.GetByRole(AriaRole.Button, new() { Name = "Refuser la commande d'Yves Client" }).ClickAsync();

        // Then she is asked for the reason, next to its field, and nothing is refused
        var reason = page.GetByTestId("shop-order").Filter(new() { HasText = "Yves Client" }).GetByLabel("Motif du refus");
        await Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByText("Dites au client pourquoi vous refusez sa commande.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("waiting-heading")).ToHaveTextAsync("À traiter : 2");
        await page.ScanAndCaptureAsync("orders-2-refuse-needs-a-reason");

        // When she gives one
        await reason.FillAsync("Plus de farine de seigle aujourd'hui, désolée.");
        await yvesCard.GetByRole(AriaRole.Button, new() { Name = "Refuser la commande d'Yves Client" }).ClickAsync();

        // Then the order is refused, and answered
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Commande d'Yves Client refusée.");
        await Expect(page.GetByTestId("waiting-heading")).ToHaveTextAsync("À traiter : 1");
        await Expect(yvesCard.GetByTestId("order-status")).ToHaveTextAsync("Refusée");

        // When she accepts Zoé's, then marks it ready
        await zoeCard.GetByRole(AriaRole.Button, new() { Name = "Accepter la commande de Zoé Cliente" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Commande de Zoé Cliente acceptée.");
        await Expect(zoeCard.GetByTestId("order-status")).ToHaveTextAsync("Acceptée");
        await Expect(page.GetByTestId("waiting-heading")).ToHaveTextAsync("À traiter : 0");
        await page.ScanAndCaptureAsync("orders-3-accepted");
        await zoeCard.GetByRole(AriaRole.Button, new() { Name = "Marquer comme prête (commande de Zoé Cliente)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Commande de Zoé Cliente prête.");
        await Expect(zoeCard.GetByTestId("order-status")).ToHaveTextAsync("Prête");

        // Then, once the payment of what she accepted is captured, she marks it collected
        var collected = zoeCard.GetByRole(AriaRole.Button, new() { Name = "Marquer comme retirée (commande de Zoé Cliente)" });
        await Eventually.TrueAsync(async () => { await page.ReloadAsync(); return await collected.CountAsync() == 1; }, "the payment captured, the order can be handed over");
        await page.ScanAndCaptureAsync("orders-4-ready");
        await collected.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Commande de Zoé Cliente remise.");
        await Expect(zoeCard.GetByTestId("order-status")).ToHaveTextAsync("Retirée");
        await Expect(zoeCard.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        // And her payouts page shows her Stripe account connected and this month's statement: the sale of what she accepted,
        // its transfer to her, nothing left owed; the statement downloads as a spreadsheet in French
        await page.GotoAsync($"/fr/coops/{slug}/back-office/{bakery}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Paiements" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Paiements");
        await Expect(page.GetByTestId("payouts-state")).ToHaveTextAsync("Compte Stripe connecté : l'argent de vos ventes vous est viré.");
        var statementRows = page.GetByTestId("statement-row");
        await Eventually.TrueAsync(async () => { await page.ReloadAsync(); return await statementRows.CountAsync() == 2; }, "the sale and its transfer in the statement");
        await Expect(statementRows.Nth(0)).ToContainTextAsync("Vente");
        await Expect(statementRows.Nth(0)).ToContainTextAsync(Shops.Price(11.70m, "fr-FR"));
        await Expect(statementRows.Nth(1)).ToContainTextAsync("Virement");
        await Expect(page.GetByTestId("statement-sales")).ToHaveTextAsync(Shops.Price(11.70m, "fr-FR"));
        await Expect(page.GetByTestId("statement-closing")).ToHaveTextAsync(Shops.Price(0m, "fr-FR"));
        await page.ScanAndCaptureAsync("payouts-statement");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("statement-csv").ClickAsync());
        var bytes = await System.IO.File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // the byte-order mark Excel needs to read UTF-8
        var csv = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Date;Commande;Opération;", csv, StringComparison.Ordinal);
        Assert.Contains(";Vente;;11,70;", csv, StringComparison.Ordinal);

        // And the month's documents list the receipt issued in her name for Zoé's order, its PDF a download away
        var receipt = page.GetByTestId("document");
        await Expect(receipt).ToHaveCountAsync(1);
        await Expect(receipt).ToContainTextAsync("T-000001");
        await Expect(receipt).ToContainTextAsync("Ticket de caisse");
        await Expect(receipt).ToContainTextAsync(Shops.Price(11.70m, "fr-FR"));
        var pdf = await page.RunAndWaitForDownloadAsync(() => receipt.GetByTestId("document-pdf").ClickAsync());
        var pdfText = System.Text.Encoding.Latin1.GetString(await System.IO.File.ReadAllBytesAsync((await pdf.PathAsync())!));
        Assert.StartsWith("%PDF-1.4", pdfText, StringComparison.Ordinal);
        Assert.Contains("(Ticket de caisse)", pdfText, StringComparison.Ordinal);

        // And Zoé finds the same receipt on her order's page, in English when she reads it in English
        var zoePage = await web.SignedInVisitorAsync(zoe);
        await zoePage.GotoAsync($"/en/coops/{slug}/orders/{zoeOrder}");
        await Expect(zoePage.GetByRole(AriaRole.Heading, new() { Name = "Receipts and credit notes" })).ToBeVisibleAsync();
        await Expect(zoePage.GetByTestId("document")).ToContainTextAsync("T-000001");
        await Expect(zoePage.GetByTestId("document")).ToContainTextAsync("Receipt");
        await zoePage.ScanAndCaptureAsync("order-receipt");
        var zoePdf = await zoePage.RunAndWaitForDownloadAsync(() => zoePage.GetByTestId("document-pdf").ClickAsync());
        Assert.Contains("(Receipt)", System.Text.Encoding.Latin1.GetString(await System.IO.File.ReadAllBytesAsync((await zoePdf.PathAsync())!)), StringComparison.Ordinal);

        // And the admin sees both orders of the cooperative with their statuses, from the admin pages
        var adminPage = await web.SignedInVisitorAsync(admin);
        await adminPage.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        await adminPage.GotoAsync($"/fr/coops/{slug}/admin/members");
        await adminPage.GetByRole(AriaRole.Link, new() { Name = "Commandes de la coopérative" }).ClickAsync();
        await Expect(adminPage).ToHaveURLAsync(new Regex($"/fr/coops/{slug}/admin/orders$"));
        var rows = adminPage.GetByTestId("coop-order");
        await Expect(rows).ToHaveCountAsync(2);
        var zoeRow = rows.Filter(new() { HasText = "Zoé Cliente" });
        await Expect(zoeRow.GetByTestId("order-part")).ToContainTextAsync("Boulangerie Béatrice");
        await Expect(zoeRow.GetByTestId("order-part")).ToContainTextAsync("Retirée");
        await Expect(zoeRow.GetByTestId("order-status")).ToHaveTextAsync("Terminée");
        await Expect(zoeRow.GetByTestId("order-total")).ToHaveTextAsync(Shops.Price(11.70m, "fr-FR"));
        var yvesRow = rows.Filter(new() { HasText = "Yves Client" });
        await Expect(yvesRow.GetByTestId("order-part")).ToContainTextAsync("Refusée");
        await Expect(yvesRow.GetByTestId("order-status")).ToHaveTextAsync("Rien à payer");
        await Expect(rows.First).ToContainTextAsync("Zoé Cliente"); // newest first
        await adminPage.ScanAndCaptureAsync("orders-5-admin");

        // And on the cooperative's money desk she sees the fee in force, this month's ledger balanced with Zoé's sale in
        // it, and the month reconciled with Stripe without a difference
        await adminPage.GotoAsync($"/fr/coops/{slug}/admin/members");
        await adminPage.GetByRole(AriaRole.Link, new() { Name = "Commission, grand livre et rapprochement" }).ClickAsync();
        await Expect(adminPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Argent de la coopérative");
        await Expect(adminPage.GetByTestId("fee-in-force")).ToHaveTextAsync("En vigueur : 5 % du montant hors TVA, dont TVA à 20 % (version 0).");
        await Expect(adminPage.GetByTestId("ledger-balanced")).ToHaveTextAsync("Équilibré : les débits égalent les crédits.");
        await Expect(adminPage.GetByTestId("ledger-accounts")).ToContainTextAsync("Solde Stripe");
        await Expect(adminPage.GetByTestId("ledger-posting").First).ToContainTextAsync("Vente");
        await adminPage.ScanAndCaptureAsync("admin-payments");
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Rapprocher le mois avec Stripe" }).ClickAsync();
        await Expect(adminPage.GetByTestId("reconciliation-clean")).ToHaveTextAsync("Aucun écart : 1 commandes vérifiées.");

        // When she sets a rate with three decimals, she is told next to the field and nothing changes; then 6 % is saved
        await adminPage.GetByLabel("Taux de commission (%)").FillAsync("5.555");
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la commission" }).ClickAsync();
        await Expect(adminPage.GetByLabel("Taux de commission (%)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(adminPage.GetByText("Un taux a au plus deux décimales.")).ToBeVisibleAsync();
        await adminPage.GetByLabel("Taux de commission (%)").FillAsync("6");
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la commission" }).ClickAsync();
        await Expect(adminPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Nouvelle commission enregistrée.");
        await Expect(adminPage.GetByTestId("fee-in-force")).ToHaveTextAsync("En vigueur : 6 % du montant hors TVA, dont TVA à 20 % (version 1).");

        // And the baker, who is no admin, is refused the desk
        Assert.Equal((int)HttpStatusCode.Forbidden, (await page.GotoAsync($"/fr/coops/{slug}/admin/payments"))!.Status);
    }

    [Fact]
    public async Task The_owner_of_another_shop_and_a_customer_cannot_open_a_shops_orders_or_payouts_nor_a_customer_the_admins_list_while_the_baker_connects_her_account()
    {
        // Given a cooperative with a bakery, the owner of another shop, and a customer
        var admin = await web.CreateAccountAsync("Ana Admin");
        var baker = await web.CreateAccountAsync("Béatrice Boulangère");
        var cheesemonger = await web.CreateAccountAsync("Olivier Fromager");
        var customer = await web.CreateAccountAsync("Zoé Cliente");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de Vaise");
        await web.AddMemberAsync(admin, slug, baker, "shop_owner");
        await web.AddMemberAsync(admin, slug, cheesemonger, "shop_owner");
        await web.AddMemberAsync(admin, slug, customer, "customer");
        var bakery = await web.RegisterApprovedShopAsync(baker, admin, slug, "Boulangerie Béatrice");
        await web.RegisterApprovedShopAsync(cheesemonger, admin, slug, "Fromagerie Olivier");

        foreach (var (someone, shot) in new[] { (cheesemonger, "orders-forbidden-other-owner"), (customer, "orders-forbidden-customer") })
        {
            // When they open the bakery's orders
            var page = await web.SignedInVisitorAsync(someone);
            await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
            var response = await page.GotoAsync($"/fr/coops/{slug}/back-office/{bakery}/orders");

            // Then they are told it is not theirs (403), and see no order
            Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accès réservé");
            await Expect(page.GetByTestId("shop-order")).ToHaveCountAsync(0);
            await page.ScanAndCaptureAsync(shot);
        }

        // And the other shop's owner cannot open the bakery's payouts either
        var otherOwner = await web.SignedInVisitorAsync(cheesemonger);
        Assert.Equal((int)HttpStatusCode.Forbidden, (await otherOwner.GotoAsync($"/fr/coops/{slug}/back-office/{bakery}/payouts"))!.Status);
        await Expect(otherOwner.GetByTestId("statement")).ToHaveCountAsync(0);

        // While the baker connects her Stripe account from her payouts page: Stripe's onboarding, then back to the page
        var bakerPage = await web.SignedInVisitorAsync(baker);
        await bakerPage.GotoAsync($"/fr/coops/{slug}/back-office/{bakery}/payouts");
        await Eventually.TrueAsync(async () => { await bakerPage.ReloadAsync(); return (await bakerPage.GetByTestId("payouts-state").TextContentAsync())!.StartsWith("Pas encore de compte Stripe", StringComparison.Ordinal); }, "Payments knows the bakery");
        await bakerPage.ScanAndCaptureAsync("payouts-not-connected");
        await bakerPage.GetByRole(AriaRole.Button, new() { Name = "Connecter un compte Stripe" }).ClickAsync();
        // (Stripe sends her back to the web app's address, which the test app names https://web.marketplace.test: she is
        // sent there, and the test follows the same path on the web app it runs)
        await bakerPage.RouteAsync("https://web.marketplace.test/**", route => route.FulfillAsync(new() { Status = 200, Body = "" }));
        await bakerPage.GetByRole(AriaRole.Button, new() { Name = "Complete onboarding" }).ClickAsync();
        await bakerPage.WaitForURLAsync(url => url.StartsWith("https://web.marketplace.test/", StringComparison.Ordinal));
        var returnUrl = new Uri(bakerPage.Url);
        Assert.Equal($"/c/{slug}/back-office/{bakery}/payouts?onboarding=return", returnUrl.PathAndQuery);
        await bakerPage.GotoAsync(returnUrl.PathAndQuery);
        await Expect(bakerPage).ToHaveURLAsync(new Regex($"/fr/coops/{slug}/back-office/{bakery}/payouts\\?onboarding=return$"));
        await Eventually.TrueAsync(async () => { await bakerPage.ReloadAsync(); return await bakerPage.GetByTestId("payouts-state").TextContentAsync() == "Compte Stripe connecté : l'argent de vos ventes vous est viré."; }, "the account able to receive transfers");

        // And a customer cannot open the cooperative's orders either
        var customerPage = await web.SignedInVisitorAsync(customer);
        var list = await customerPage.GotoAsync($"/fr/coops/{slug}/admin/orders");
        Assert.Equal((int)HttpStatusCode.Forbidden, list!.Status);
        await Expect(customerPage.GetByText("Seuls les administrateurs de cette coopérative voient toutes ses commandes.")).ToBeVisibleAsync();
        await customerPage.ScanAndCaptureAsync("orders-admin-forbidden");
    }

    /// <summary>The customer puts the lines in the basket, checks out for a pickup next Monday at 10:00 in Paris, and pays with a Visa card.</summary>
    private async Task<Guid> PlaceAndPayAsync(string customer, string slug, Guid shop, params (Guid Product, int Quantity)[] lines)
    {
        using var api = web.Api(await web.TokenAsync(customer));
        foreach (var (product, quantity) in lines)
        {
            await Eventually.TrueAsync(async () => (await api.PutAsJsonAsync($"/api/coops/{slug}/basket/lines/{product}", new { quantity })).IsSuccessStatusCode, "Ordering sells " + product);
        }

        var order = Guid.NewGuid();
        var start = NextMondayAtTenInParis();
        var request = new { orderId = order, language = "fr", shops = new[] { new { shopId = shop, pickup = new { start, end = start.AddMinutes(30) } } } };
        string answer = "";
        // Ordering takes the shop's orders once it has heard that its payouts are possible (a message away)
        await Eventually.TrueAsync(
            async () =>
            {
                using var placed = await api.PostAsJsonAsync($"/api/coops/{slug}/orders", request);
                answer = $"{(int)placed.StatusCode} {await placed.Content.ReadAsStringAsync()}";
                return placed.StatusCode == HttpStatusCode.Created;
            },
            "the order placed");

        string? secret = null;
        await Eventually.TrueAsync(
            async () =>
            {
                using var payment = await api.GetAsync($"/api/coops/{slug}/orders/{order}/payment");
                secret = payment.IsSuccessStatusCode ? (await payment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString() : null;
                return secret is not null;
            },
            $"the payment of order {order} ({answer})");
        var intent = await new PaymentIntentService(web.App.Stripe.Client()).ConfirmAsync(secret!.Split("_secret_")[0], new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });
        Assert.Equal("requires_capture", intent.Status);
        return order;
    }

    private async Task UntilWaitingForTheShopAsync(string owner, string slug, Guid shop, params Guid[] orders)
    {
        using var api = web.Api(await web.TokenAsync(owner));
        await Eventually.TrueAsync(
            async () =>
            {
                var page = await api.GetFromJsonAsync<JsonElement>($"/api/coops/{slug}/shops/{shop}/orders");
                var waiting = page.GetProperty("items").EnumerateArray()
                    .Where(item => item.GetProperty("subOrder").GetProperty("status").GetString() == "awaiting-shop")
                    .Select(item => item.GetProperty("orderId").GetGuid());
                return orders.All(waiting.Contains);
            },
            "the paid orders waiting for the shop");
    }

    /// <summary>The shops of these journeys open on Mondays 09:00–18:00: next Monday (1 to 7 days away) at 10:00 in Paris.</summary>
    private static DateTimeOffset NextMondayAtTenInParis()
    {
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).Date;
        var days = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        var local = today.AddDays(days == 0 ? 7 : days).AddHours(10);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }
}
