using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Marketplace.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>
/// A customer finding a product: searching without accents from the cooperative's home, the product's page
/// (price for the culture, VAT, stock, shop), the shop's page (hours, address, map), the same in English;
/// asking the shopkeeper; narrowing the catalog with filters, sort and pages. Data goes in through the API.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FindingAProductTests(WebApp web)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>A product photo (an SVG): the photos' host is answered by the test, not the internet.</summary>
    private const string Photo =
        """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"><rect width="400" height="300" fill="#f4e3b5"/><g fill="none" stroke="#d9a441" stroke-width="14" stroke-linecap="round"><path d="M40 90q60-50 120 0t120 0 100 0"/><path d="M40 150q60-50 120 0t120 0 100 0"/><path d="M40 210q60-50 120 0t120 0 100 0"/></g></svg>""";

    [Fact]
    public async Task Customer_searches_pates_finds_the_pasta_sees_its_price_and_shop_then_reads_it_in_English()
    {
        // Given a cooperative with an approved shop selling fresh pasta (two left) and a tomato sauce
        var (coop, shop, pasta) = await PastaShopAsync();
        var sauce = await web.ListProductAsync(shop, Product("Sauce tomate au basilic", "Tomato and basil sauce", "Épicerie", 390, stock: 30));
        await web.UntilSearchFindsAsync(coop, "pates", pasta);
        await web.UntilSearchFindsAsync(coop, "sauce", sauce);
        var page = await VisitorAsync();

        // When a customer searches "pates" (no accent) from the cooperative's home
        await page.GotoAsync($"/fr/coops/{coop}");
        await page.GetByLabel("Rechercher un produit").FillAsync("pates");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher", Exact = true }).ClickAsync();

        // Then the results list the pasta with its accents, its price for fr-FR, its shop, its stock and photo, and not the sauce
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/products\\?q=pates$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Résultats pour « pates »");
        var card = page.GetByTestId("results").GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Pâtes fraîches aux œufs" });
        await Expect(card).ToContainTextAsync(Euros(450, French));
        await Expect(card).ToContainTextAsync(shop.Name);
        await Expect(card).ToContainTextAsync("Plus que 2");
        await Expect(card.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("alt", "Pâtes fraîches aux œufs");
        await Expect(page.GetByTestId("results")).Not.ToContainTextAsync("Sauce tomate");
        await page.ScanAndCaptureAsync("finding-1-search-results");

        // When they open the pasta
        await card.GetByRole(AriaRole.Link, new() { Name = "Pâtes fraîches aux œufs" }).ClickAsync();

        // Then its page shows the price including VAT with the rate, the stock, the shop, and how to ask a question
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pâtes fraîches aux œufs");
        await Expect(page.GetByTestId("price")).ToHaveTextAsync(Euros(450, French));
        await Expect(page.GetByTestId("vat")).ToContainTextAsync(0.055m.ToString("P1", French));
        await Expect(page.GetByTestId("availability")).ToHaveTextAsync("Plus que 2");
        await Expect(page.GetByText("Faites le matin même")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Connectez-vous pour poser une question" })).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("finding-2-product");

        // When they go to the shop's page
        await page.GetByRole(AriaRole.Link, new() { Name = shop.Name, Exact = true }).ClickAsync();

        // Then it tells who they are, where they are (with a map link), their hours by weekday, pickup and delivery, contact
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(shop.Name);
        await Expect(page.GetByText("Pâtes fraîches faites chaque matin")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("address")).ToContainTextAsync("12 rue des Halles");
        await Expect(page.GetByTestId("address")).ToContainTextAsync("69001 Lyon");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Voir l'adresse sur OpenStreetMap" }))
            .ToHaveAttributeAsync("href", "https://www.openstreetmap.org/search?query=" + Uri.EscapeDataString("12 rue des Halles, 69001 Lyon"));
        var hours = page.GetByTestId("opening-hours").GetByRole(AriaRole.Row);
        await Expect(hours).ToHaveCountAsync(7);
        await Expect(hours.First).ToContainTextAsync("Lundi");
        await Expect(hours.First).ToContainTextAsync("Fermé");
        await Expect(hours.Filter(new() { HasText = "Mardi" })).ToContainTextAsync($"{Time(9, 0, French)} – {Time(12, 30, French)}, {Time(14, 0, French)} – {Time(19, 0, French)}");
        await Expect(hours.Filter(new() { HasText = "Samedi" })).ToContainTextAsync($"{Time(8, 30, French)} – {Time(13, 0, French)}");
        await Expect(page.GetByTestId("fulfilment")).ToContainTextAsync("Retrait en boutique");
        await Expect(page.GetByTestId("fulfilment")).ToContainTextAsync("À vélo dans le 1er arrondissement.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "bonjour@pates.example.org" })).ToHaveAttributeAsync("href", "mailto:bonjour@pates.example.org");
        await Expect(page.GetByTestId("shop-products")).ToContainTextAsync("Pâtes fraîches aux œufs");
        await page.ScanAndCaptureAsync("finding-3-shop");

        // When they switch to English
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        // Then the shop's page is in English, at its English address, days and hours written for en-GB
        await Expect(page).ToHaveURLAsync(new Regex($"/en/coops/{coop}/shops/{shop.Id}/about$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByText("Fresh pasta made by hand every morning")).ToBeVisibleAsync();
        await Expect(hours.Filter(new() { HasText = "Tuesday" })).ToContainTextAsync($"{Time(9, 0, English)} – {Time(12, 30, English)}");
        await Expect(hours.First).ToContainTextAsync("Closed");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "See the address on OpenStreetMap" })).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("finding-4-shop-en");

        // And the same product has its English name and a price written for en-GB
        await page.GetByTestId("shop-products").GetByRole(AriaRole.Link, new() { Name = "Fresh egg pasta" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/en/coops/{coop}/products/{pasta}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Fresh egg pasta");
        await Expect(page.GetByTestId("price")).ToHaveTextAsync(Euros(450, English));
        await Expect(page.GetByTestId("availability")).ToHaveTextAsync("Only 2 left");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in to ask a question" })).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("finding-5-product-en");

        // And a link shared from the French page opens in French, for them as for a new visitor: the address says what the page is in
        await page.GotoAsync($"/fr/coops/{coop}/products/{pasta}");
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/products/{pasta}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pâtes fraîches aux œufs");
        var newcomer = await VisitorAsync();
        await newcomer.GotoAsync($"/fr/coops/{coop}/products/{pasta}");
        await Expect(newcomer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pâtes fraîches aux œufs");
    }

    [Fact]
    public async Task Signed_in_customer_asks_the_shopkeeper_and_everyone_sees_the_answer_in_the_shops_name()
    {
        // Given the pasta shop, and a customer with an account who is not signed in yet
        var (coop, shop, pasta) = await PastaShopAsync();
        var customer = await web.CreateAccountAsync("Zoé Cliente");
        var page = await VisitorAsync();
        await page.GotoAsync($"/fr/coops/{coop}/products/{pasta}");
        await Expect(page.GetByText("Pas encore de question publique")).ToBeVisibleAsync();

        // When they follow "sign in to ask" and sign in
        await page.GetByRole(AriaRole.Link, new() { Name = "Connectez-vous pour poser une question" }).ClickAsync();
        await page.GetByLabel("Adresse e-mail").FillAsync(customer);
        await page.GetByLabel("Mot de passe").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).Last.ClickAsync();

        // Then they are back on the product, where the form to ask is
        await Expect(page).ToHaveURLAsync(new Regex($"/fr/coops/{coop}/products/{pasta}#ask$"));
        var question = page.GetByLabel("Votre question");
        await Expect(question).ToBeVisibleAsync();

        // When they send an empty question, they are told it is needed; then they ask one
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma question" }).ClickAsync();
        await Expect(page.Locator("#text-error")).ToHaveTextAsync("Ce champ est obligatoire.");
        await Expect(question).ToHaveAttributeAsync("aria-invalid", "true");
        await question.FillAsync("Combien de jours se conservent-elles au réfrigérateur ?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma question" }).ClickAsync();

        // Then the page confirms the shop was notified
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"la boutique {shop.Name} est prévenue");
        await page.ScanAndCaptureAsync("finding-6-question-sent");

        // And the shop has it among its questions, and answers it publicly
        using var owner = web.Api(shop.OwnerToken);
        var asked = await owner.GetFromJsonAsync<JsonElement>($"/api/coops/{coop}/shops/{shop.Id}/questions");
        var mine = asked.EnumerateArray().Single(item => item.GetProperty("text").GetString() == "Combien de jours se conservent-elles au réfrigérateur ?");
        var answered = await owner.PostAsJsonAsync(
            $"/api/coops/{coop}/shops/{shop.Id}/questions/{mine.GetProperty("id").GetGuid()}/answer",
            new { text = "Trois jours au frais, ou un mois au congélateur.", @private = false });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);

        // Then anyone, signed in or not, reads the question and its answer in the shop's name
        var anyone = await VisitorAsync();
        await anyone.GotoAsync($"/fr/coops/{coop}/products/{pasta}");
        var shown = anyone.GetByTestId("questions").GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Combien de jours" });
        await Expect(shown).ToContainTextAsync($"Réponse de {shop.Name}");
        await Expect(shown).ToContainTextAsync("Trois jours au frais, ou un mois au congélateur.");
        await anyone.ScanAndCaptureAsync("finding-7-answered-question");
    }

    [Fact]
    public async Task Customer_narrows_a_category_to_what_is_in_stock_sorted_by_price_and_pages_through_it()
    {
        // Given a shop with a sold-out cheese, 22 cheeses in stock, and a pasta in another category
        var (coop, shop, pasta) = await PastaShopAsync();
        await web.ListProductAsync(shop, Product("Comté épuisé", "Sold-out comté", "Fromagerie", 100, stock: 0));
        var cheeses = new List<Guid>();
        for (var i = 1; i <= 22; i++)
        {
            cheeses.Add(await web.ListProductAsync(shop, Product($"Fromage n°{i}", $"Cheese no. {i}", "Fromagerie", 300 + (i * 10), stock: 10)));
        }

        await web.UntilSearchFindsAsync(coop, "fromage", cheeses[^1]);
        var page = await VisitorAsync();

        // When a customer browses all products, picks the cheese category, in stock only, cheapest first
        await page.GotoAsync($"/fr/coops/{coop}/products");
        await page.GetByLabel("Rayon").SelectOptionAsync("Fromagerie");
        await page.GetByLabel("En stock uniquement").CheckAsync();
        await page.GetByLabel("Trier par").SelectOptionAsync(new SelectOptionValue { Label = "Prix croissant" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Appliquer" }).ClickAsync();

        // Then the first page holds 20 cheeses from the cheapest, none sold out, and no pasta
        var results = page.GetByTestId("results").GetByRole(AriaRole.Listitem);
        await Expect(page.GetByTestId("result-count")).ToHaveTextAsync("22 produits trouvés");
        await Expect(results).ToHaveCountAsync(20);
        await Expect(results.First).ToContainTextAsync("Fromage n°1");
        await Expect(results.First).ToContainTextAsync(Euros(310, French));
        await Expect(page.GetByTestId("results")).Not.ToContainTextAsync("Comté épuisé");
        await Expect(page.GetByTestId("results")).Not.ToContainTextAsync("Pâtes");
        var pages = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages de résultats" });
        await Expect(pages.GetByRole(AriaRole.Link, new() { Name = "Page 1", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await page.ScanAndCaptureAsync("finding-8-filtered");

        // When they go to the next page
        await pages.GetByRole(AriaRole.Link, new() { Name = "Page suivante" }).ClickAsync();

        // Then it holds the two dearest, and keeps the filters
        await Expect(results).ToHaveCountAsync(2);
        await Expect(results.Last).ToContainTextAsync("Fromage n°22");
        await Expect(pages.GetByRole(AriaRole.Link, new() { Name = "Page 2", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByLabel("En stock uniquement")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Rayon")).ToHaveValueAsync("Fromagerie");

        // When they sort dearest first, the dearest cheese comes first
        await page.GetByLabel("Trier par").SelectOptionAsync(new SelectOptionValue { Label = "Prix décroissant" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Appliquer" }).ClickAsync();
        await Expect(results.First).ToContainTextAsync("Fromage n°22");

        // When they search for something nobody sells, they are told so, with what to try next
        await page.GetByLabel("Rechercher un produit").FillAsync("parapluie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Aucun produit ne correspond à votre recherche.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Voir tous les produits" }).First).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("finding-9-no-results");

        // And the cooperative's shops list leads to the shop
        await page.GotoAsync($"/fr/coops/{coop}/shops");
        await Expect(page.GetByTestId("shops").GetByRole(AriaRole.Link, new() { Name = shop.Name, Exact = true })).ToHaveAttributeAsync("href", $"/fr/coops/{coop}/shops/{shop.Id}/about");
        await page.ScanAndCaptureAsync("finding-10-shops");

        // And the sold-out cheese is there when "in stock only" is off, said to be sold out, as the pasta is in its category
        await page.GotoAsync($"/fr/coops/{coop}/products?category=Fromagerie&sort=price");
        await Expect(results.First).ToContainTextAsync("Comté épuisé");
        await Expect(results.First).ToContainTextAsync("Épuisé");
        await page.GotoAsync($"/fr/coops/{coop}/products?category={Uri.EscapeDataString("Épicerie")}");
        await Expect(page.GetByTestId("results").GetByRole(AriaRole.Link, new() { Name = "Pâtes fraîches aux œufs" })).ToHaveAttributeAsync("href", $"/fr/coops/{coop}/products/{pasta}");
    }

    /// <summary>A fresh cooperative with the pasta shop open and its fresh pasta listed (two left, one photo).</summary>
    [Fact]
    public async Task On_a_phone_the_results_come_above_the_fold_with_the_filters_folded_until_used()
    {
        // Given the pasta shop, and a customer on a phone
        var (coop, _, pasta) = await PastaShopAsync();
        await web.UntilSearchFindsAsync(coop, "pates", pasta);
        var page = await VisitorAsync();
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);

        // When she searches "pates"
        await page.GotoAsync($"/fr/coops/{coop}/products?q=pates");

        // Then the first result's name and price show without scrolling, the filters folded under "Affiner"
        var card = page.GetByTestId("results").GetByRole(AriaRole.Listitem).First;
        await Expect(card).ToContainTextAsync("Pâtes fraîches aux œufs");
        var price = await card.GetByText(Euros(450, French)).BoundingBoxAsync();
        Assert.NotNull(price);
        Assert.True(price.Y + price.Height <= Screens.Phone.Height, $"the first result's price is at {price.Y + price.Height} px, below the fold ({Screens.Phone.Height} px)");
        await Expect(page.GetByLabel("Rayon")).Not.ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("finding-phone-results-first");

        // And unfolding them lets her narrow the search, after which they stay unfolded and say they are on
        await page.GetByTestId("filters").Locator("> summary").ClickAsync();
        await page.GetByLabel("En stock uniquement").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Appliquer" }).ClickAsync();
        await Expect(page.GetByTestId("filters").Locator("> summary")).ToHaveTextAsync("Affiner (filtres actifs)");
        await Expect(page.GetByLabel("En stock uniquement")).ToBeCheckedAsync();

        // And on a desktop the filters are shown without unfolding anything
        await page.SetViewportSizeAsync(Screens.Desktop.Width, Screens.Desktop.Height);
        await page.GotoAsync($"/fr/coops/{coop}/products?q=pates");
        await Expect(page.GetByLabel("Rayon")).ToBeVisibleAsync();
    }

    private async Task<(TenantId Coop, OpenShop Shop, Guid Pasta)> PastaShopAsync()
    {
        var coop = await web.App.OnboardAsync();
        var shop = await web.OpenShopAsync(coop, "Pastificio " + Guid.NewGuid().ToString("N")[..6]);
        var pasta = await web.ListProductAsync(shop, Product(
            "Pâtes fraîches aux œufs",
            "Fresh egg pasta",
            "Épicerie",
            450,
            stock: 2,
            description: new { fr = "Faites le matin même, 250 g.", en = "Made the same morning, 250 g." },
            imageUrls: ["https://images.example.org/pates-fraiches.svg"]));
        return (coop, shop, pasta);
    }

    private static object Product(string french, string english, string category, long minor, int stock, object? description = null, string[]? imageUrls = null) => new
    {
        name = new { fr = french, en = english },
        description,
        category,
        imageUrls = imageUrls ?? [],
        price = new { minor, currency = "EUR" },
        vatRate = 550,
        initialStock = stock,
    };

    /// <summary>A new visitor whose browser gets the product photos from the test.</summary>
    private async Task<IPage> VisitorAsync()
    {
        var page = await web.NewVisitorAsync();
        await page.RouteAsync("https://images.example.org/**", route => route.FulfillAsync(new() { ContentType = "image/svg+xml", Body = Photo }));
        return page;
    }

    /// <summary>Euros as the culture writes them (the culture's number format, the euro sign).</summary>
    private static string Euros(long minor, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = "€";
        return (minor / 100m).ToString("C", format);
    }

    private static string Time(int hour, int minute, CultureInfo culture) => new TimeOnly(hour, minute).ToString("t", culture);
}
