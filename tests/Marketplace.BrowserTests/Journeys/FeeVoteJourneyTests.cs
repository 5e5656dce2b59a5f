using System.Globalization;
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
/// The members set their platform fee, every step on the pages, in French: the admin admits three voting members (a
/// baker and two customers, picked from the cooperative's accounts) and opens a fee change to 20 %; one member votes,
/// changes her mind and back; another gives his proxy to the baker, who votes for herself and for him; at the deadline
/// the vote closes adopted, with its figures per college and who voted what, and its published record verifies. Payments
/// then has the new fee by itself, and the next order's split uses it and names the vote. The shop, its product and the
/// order go in through the API. The vote runs on the shared Governance host's clock moved 15 days back (its 14-day
/// window then ends a day ago), and put back for the close.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FeeVoteJourneyTests(WebApp web)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task The_admin_opens_a_fee_change_the_members_vote_on_their_pages_one_by_proxy_and_the_adopted_fee_prices_the_next_order()
    {
        // Given a cooperative with a bakery taking orders (bread at 12 €), a baker and two customers with their accounts there
        var admin = await web.CreateAccountAsync("Ana Admin");
        var baker = await web.CreateAccountAsync("Béatrice Boulangère");
        var mia = await web.CreateAccountAsync("Mia Membre");
        var noe = await web.CreateAccountAsync("Noé Membre");
        var zoe = await web.CreateAccountAsync("Zoé Cliente");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de la Guillotière");
        await web.AddMemberAsync(admin, slug, baker, "shop_owner");
        await web.AddMemberAsync(admin, slug, mia, "customer");
        await web.AddMemberAsync(admin, slug, noe, "customer");
        var bakery = await web.RegisterApprovedShopAsync(baker, admin, slug, "Boulangerie Béatrice");
        var bread = await web.AddProductAsync(baker, slug, bakery, "PAIN-1KG", "Pain au levain 1 kg", "Sourdough loaf 1 kg", 1_200);
        await web.ConnectPayoutsAsync(baker, slug, bakery);
        await web.UntilShopsTakeOrdersAsync(slug, bread);

        // (from here the shared Governance host's clock runs 15 days back: the members are admitted, and the vote opened, then)
        web.App.GovernanceClock.Offset = TimeSpan.FromDays(-15);
        try
        {
            // When the admin follows the link from the cooperative's home and admits the three of them into its college
            var adminPage = await web.SignedInVisitorAsync(admin);
            await adminPage.GotoAsync($"/fr/coops/{slug}");
            await adminPage.GetByRole(AriaRole.Link, new() { Name = "Vie coopérative : statuts, membres votants, propositions" }).ClickAsync();
            await Expect(adminPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Membres votants");
            foreach (var (email, name) in new[] { (baker, "Béatrice Boulangère"), (mia, "Mia Membre"), (noe, "Noé Membre") })
            {
                await adminPage.GetByLabel("Compte").SelectOptionAsync(new SelectOptionValue { Label = $"{name} ({email})" });
                await adminPage.GetByLabel("Collège").SelectOptionAsync(new SelectOptionValue { Label = "Membres" });
                await adminPage.GetByRole(AriaRole.Button, new() { Name = "Admettre" }).ClickAsync();
                await Expect(adminPage.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{name} est membre votant.");
            }

            // Then they are the cooperative's voting members
            await Expect(adminPage.GetByTestId("governance-member")).ToHaveCountAsync(3);
            await adminPage.ScanAndCaptureAsync("fee-vote-0-members");

            // When she opens a fee change to 20 % from today, from the governance page
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);
            await adminPage.GetByTestId("governance-link").ClickAsync();
            await Expect(adminPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vie coopérative");
            await adminPage.GetByRole(AriaRole.Link, new() { Name = "Ouvrir une proposition" }).ClickAsync();
            await Expect(adminPage.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Changement de commission" })).ToBeVisibleAsync();
            await adminPage.GetByLabel("Titre").FillAsync("Commission à 20 %");
            await adminPage.GetByLabel("Exposé (facultatif)").FillAsync("Pour financer la livraison à vélo.");
            await adminPage.GetByLabel("Taux de commission (%)").FillAsync("20");
            await adminPage.GetByLabel("En vigueur à partir du").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await adminPage.GetByRole(AriaRole.Button, new() { Name = "Ouvrir au vote" }).ClickAsync();

            // Then the proposal's page shows what it proposes, open to the three members, none of whom voted yet
            await Expect(adminPage).ToHaveURLAsync(new Regex($"/fr/coops/{slug}/governance/proposals/[0-9a-f-]{{36}}$"));
            var proposal = Guid.Parse(adminPage.Url[^36..]);
            await Expect(adminPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Commission à 20 %");
            await Expect(adminPage.GetByTestId("proposal-status")).ToHaveTextAsync("Ouverte au vote");
            await Expect(adminPage.GetByTestId("proposal-fee")).ToHaveTextAsync(new Regex($"^Une commission de 20\\s%\\ssur les commandes passées à partir du {Regex.Escape(today.ToString("d", CultureInfo.GetCultureInfo("fr-FR")))}\\.$"));
            await Expect(adminPage.GetByTestId("proposal-turnout")).ToHaveTextAsync("0 votant(s) sur 3");
            await Expect(adminPage.GetByTestId("not-called")).ToBeVisibleAsync(); // the admin is no voting member
            await adminPage.ScanAndCaptureAsync("fee-vote-1-opened");

            // When Mia finds it from the governance link, votes for, changes her mind, and back
            var miaPage = await web.SignedInVisitorAsync(mia);
            await miaPage.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
            await miaPage.GotoAsync($"/fr/coops/{slug}");
            await miaPage.GetByTestId("governance-link").ClickAsync();
            await Expect(miaPage.GetByTestId("my-membership")).ToHaveTextAsync("Vous êtes membre de la coopérative, dans le collège « Membres » : vous votez sur ses propositions.");
            await miaPage.GetByTestId("open-proposals").GetByRole(AriaRole.Link, new() { Name = "Commission à 20 %" }).ClickAsync();
            foreach (var choice in new[] { "Pour", "Contre", "Pour" })
            {
                await miaPage.GetByRole(AriaRole.Button, new() { Name = choice, Exact = true }).ClickAsync();
                await Expect(miaPage.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Vote enregistré : {choice}.");
                await Expect(miaPage.GetByTestId("my-vote")).ToHaveTextAsync($"Votre vote : {choice}. Vous pouvez le changer jusqu'à la clôture.");
            }

            // And Noé gives his proxy to the baker
            var noePage = await web.SignedInVisitorAsync(noe);
            await noePage.GotoAsync($"/fr/coops/{slug}/governance/proposals/{proposal}");
            await noePage.GetByLabel("Membre qui votera pour vous").SelectOptionAsync(new SelectOptionValue { Label = "Béatrice Boulangère" });
            await noePage.GetByRole(AriaRole.Button, new() { Name = "Donner ma procuration" }).ClickAsync();
            await Expect(noePage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Procuration donnée à Béatrice Boulangère.");
            await Expect(noePage.GetByTestId("my-vote")).ToHaveTextAsync("Vous avez donné procuration à Béatrice Boulangère.");
            await Expect(noePage.GetByRole(AriaRole.Button, new() { Name = "Pour", Exact = true })).ToHaveCountAsync(0);

            // And the baker votes for, for herself and with Noé's proxy
            var bakerPage = await web.SignedInVisitorAsync(baker);
            await bakerPage.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
            await bakerPage.GotoAsync($"/fr/coops/{slug}/governance/proposals/{proposal}");
            await Expect(bakerPage.GetByTestId("proxy-held")).ToHaveTextAsync(new Regex("Noé Membre — pas encore de vote"));
            await bakerPage.GetByRole(AriaRole.Button, new() { Name = "Pour", Exact = true }).ClickAsync();
            await Expect(bakerPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Vote enregistré : Pour.");
            await bakerPage.GetByRole(AriaRole.Button, new() { Name = "Pour (pour Noé Membre)" }).ClickAsync();
            await Expect(bakerPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Vote enregistré : Pour, pour Noé Membre.");

            // Then all three took part, and Noé sees the vote cast for him
            await Expect(bakerPage.GetByTestId("proposal-turnout")).ToHaveTextAsync("3 votant(s) sur 3");
            await Expect(bakerPage.GetByTestId("proxy-held")).ToContainTextAsync("vote : Pour");
            await bakerPage.ScanAndCaptureAsync("fee-vote-2-proxy-used");
            await noePage.ReloadAsync();
            await Expect(noePage.GetByTestId("my-vote")).ToHaveTextAsync("Vous avez donné procuration à Béatrice Boulangère. Ce membre a voté pour vous : Pour.");
            await Expect(noePage.GetByRole(AriaRole.Button, new() { Name = "Reprendre ma procuration" })).ToHaveCountAsync(0);

            // When time reaches the deadline
            web.App.GovernanceClock.Offset = TimeSpan.Zero;

            // Then the vote closes by itself, adopted, with its figures per college and who voted what (the ballot is public)
            await Eventually.TrueAsync(
                async () => { await miaPage.ReloadAsync(); return await miaPage.GetByTestId("proposal-status").TextContentAsync() == "Close"; },
                "the vote closed");
            await Expect(miaPage.GetByTestId("proposal-result")).ToHaveTextAsync("Adoptée");
            await Expect(miaPage.GetByTestId("result-quorum")).ToHaveTextAsync("Quorum atteint : 3 votant(s) sur 3 (il en fallait 25 %).");
            var college = miaPage.GetByTestId("result-college");
            await Expect(college.Locator("th")).ToHaveTextAsync("Membres");
            await Expect(college.Locator("td")).ToHaveTextAsync([new Regex("^100\\s%$"), new Regex("^3$"), new Regex("^3$"), new Regex("^0$"), new Regex("^0$")]);
            await Expect(miaPage.GetByTestId("vote")).ToHaveCountAsync(3);
            await Expect(miaPage.GetByTestId("vote").Filter(new() { HasText = "Noé Membre" })).ToContainTextAsync("Pour (par procuration)");
            await Expect(miaPage.GetByTestId("my-vote")).ToHaveTextAsync("Votre vote : Pour.");
            await Expect(miaPage.GetByRole(AriaRole.Button, new() { Name = "Pour", Exact = true })).ToHaveCountAsync(0);
            await miaPage.ScanAndCaptureAsync("fee-vote-3-adopted");

            // And its published record verifies, every ballot in it in order
            await miaPage.GetByRole(AriaRole.Link, new() { Name = "Procès-verbal publié et sa vérification" }).ClickAsync();
            await Expect(miaPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Procès-verbal du vote");
            await Expect(miaPage.GetByTestId("verification")).ToHaveTextAsync(new Regex("^Intact : les \\d+ événements enregistrés correspondent à leur chaîne d'empreintes\\.$"));
            await Expect(miaPage.GetByTestId("record-entry").Filter(new() { HasText = "Vote" })).ToHaveCountAsync(5);
            await Expect(miaPage.GetByTestId("record-entry").Filter(new() { HasText = "Commission adoptée" })).ToHaveCountAsync(1);
            await miaPage.ScanAndCaptureAsync("fee-vote-4-record");

            // And the governance page lists it among the decisions
            await miaPage.GetByTestId("governance-link").ClickAsync();
            await Expect(miaPage.GetByTestId("no-open-proposal")).ToBeVisibleAsync();
            await Expect(miaPage.GetByTestId("decision").Filter(new() { HasText = "Commission à 20 %" }).GetByTestId("decision-result")).ToContainTextAsync("Adoptée");

            // And the cooperative's money desk has the new fee in force, without anyone setting it
            await adminPage.GotoAsync($"/fr/coops/{slug}/admin/payments");
            await Eventually.TrueAsync(
                async () =>
                {
                    await adminPage.ReloadAsync();
                    return await adminPage.GetByTestId("fee-in-force").TextContentAsync() == "En vigueur : 20 % du montant hors TVA, dont TVA à 20 % (version 1).";
                },
                "the adopted fee in force in Payments");
            await Expect(adminPage.GetByTestId("fee-voted")).ToHaveTextAsync("Adoptée par le vote des membres. Voir la proposition et son résultat");
            await adminPage.ScanAndCaptureAsync("fee-vote-5-money-desk");
            await adminPage.GetByTestId("fee-voted").GetByRole(AriaRole.Link).ClickAsync();
            await Expect(adminPage).ToHaveURLAsync(new Regex($"/fr/coops/{slug}/governance/proposals/{proposal}$"));
            await Expect(adminPage.GetByTestId("proposal-result")).ToHaveTextAsync("Adoptée");

            // When Zoé orders a loaf and the bakery accepts her order
            var order = await PlaceAndPayAsync(zoe, slug, bakery, bread);
            using var owner = web.Api(await web.TokenAsync(baker));
            await Eventually.TrueAsync(async () => (await owner.PostAsync($"/api/coops/{slug}/shops/{bakery}/orders/{order}/accept", null)).IsSuccessStatusCode, "the bakery accepting the order");

            // Then the split of her payment takes the voted 20 % of the 11.37 € without VAT (2.27 €), naming the fee's version and the vote
            using var customer = web.Api(await web.TokenAsync(zoe));
            JsonElement payment = default;
            await Eventually.TrueAsync(
                async () => (payment = await customer.GetFromJsonAsync<JsonElement>($"/api/coops/{slug}/orders/{order}/payment")).GetProperty("status").GetString() == "captured",
                "the payment captured");
            var line = payment.GetProperty("lines")[0];
            Assert.Equal(227, line.GetProperty("fee").GetProperty("minor").GetInt64());
            Assert.Equal(1, line.GetProperty("policyVersion").GetInt32());
            Assert.Equal(proposal, line.GetProperty("proposalId").GetGuid());
        }
        finally
        {
            web.App.GovernanceClock.Offset = TimeSpan.Zero;
        }
    }

    /// <summary>The customer orders one of the product for pickup next Monday at 10:00 and pays with the sandbox's test card; returns the order's id.</summary>
    private async Task<Guid> PlaceAndPayAsync(string customer, string slug, Guid shop, Guid product)
    {
        using var api = web.Api(await web.TokenAsync(customer));
        await Eventually.TrueAsync(async () => (await api.PutAsJsonAsync($"/api/coops/{slug}/basket/lines/{product}", new { quantity = 1 })).IsSuccessStatusCode, "Ordering sells " + product);
        var order = Guid.NewGuid();
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).Date;
        var days = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        var local = today.AddDays(days == 0 ? 7 : days).AddHours(10);
        var start = new DateTimeOffset(local, Paris.GetUtcOffset(local));
        var request = new { orderId = order, language = "fr", shops = new[] { new { shopId = shop, pickup = new { start, end = start.AddMinutes(30) } } } };
        await Eventually.TrueAsync(async () => (await api.PostAsJsonAsync($"/api/coops/{slug}/orders", request)).StatusCode == HttpStatusCode.Created, "the order placed");
        string? secret = null;
        await Eventually.TrueAsync(
            async () =>
            {
                using var payment = await api.GetAsync($"/api/coops/{slug}/orders/{order}/payment");
                secret = payment.IsSuccessStatusCode ? (await payment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString() : null;
                return secret is not null;
            },
            "the order's payment");
        var intent = await new PaymentIntentService(web.App.Stripe.Client()).ConfirmAsync(secret!.Split("_secret_")[0], new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });
        Assert.Equal("requires_capture", intent.Status);
        return order;
    }
}
