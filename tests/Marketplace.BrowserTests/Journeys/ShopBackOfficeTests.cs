using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Marketplace.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.BrowserTests.Journeys;

/// <summary>A shopkeeper puts their shop online: registers it, gets it approved, imports their till's CSV, keeps the stock right.</summary>
[Collection(BrowserCollection.Name)]
public class ShopBackOfficeTests(WebApp web)
{
    // As French Excel saves it: semicolons, decimal commas, "é" in Windows-1252, CRLF. Line 4's price is a word.
    private const string TillExportWithAnError =
        "sku;nom;description;catégorie;prix;tva;stock;image\r\n" +
        "PAIN-001;Pain de campagne;Levain naturel, 800 g;Boulangerie;4,20;5,5;12;\r\n" +
        "CAFE-250;Café moulu Éthiopie;Torréfié à Lyon;Épicerie;7,90;5,5;30;\r\n" +
        "SAV-010;Savon à l'huile d'olive;;Droguerie;trois;20;0;\r\n";

    private const string TillExportFixed =
        "sku;nom;description;catégorie;prix;tva;stock;image\r\n" +
        "PAIN-001;Pain de campagne;Levain naturel, 800 g;Boulangerie;4,20;5,5;12;\r\n" +
        "CAFE-250;Café moulu Éthiopie;Torréfié à Lyon;Épicerie;7,90;5,5;30;\r\n" +
        "SAV-010;Savon à l'huile d'olive;;Droguerie;1 234,50;20;0;\r\n";

    [Fact]
    public async Task A_shop_registers_is_approved_imports_its_till_csv_and_keeps_its_stock_right()
    {
        // Given a cooperative, its admin, and a shopkeeper the admin made a member
        var admin = await web.CreateAccountAsync("Ana Admin");
        var shopkeeper = await web.CreateAccountAsync("Bruno Boulanger");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de la Croix-Rousse");
        await web.AddMemberAsync(admin, slug, shopkeeper, "shop_owner");

        // When the shopkeeper registers their shop, in French
        var page = await web.SignedInVisitorAsync(shopkeeper);
        await page.GotoAsync($"/fr/coops/{slug}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mes boutiques" }).ClickAsync();
        await Expect(page.GetByText("Vous n'avez pas encore de boutique")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Inscrire une boutique" }).ClickAsync();
        await page.ScanAndCaptureAsync("shop-1-register");
        await page.GetByLabel("Nom de la boutique").FillAsync("Boulangerie Bruno");
        await page.GetByLabel("Présentation en français").FillAsync("Pain au levain cuit au feu de bois.");
        await page.GetByLabel("Numéro et rue").FillAsync("12 rue d'Austerlitz");
        await page.GetByLabel("Code postal").FillAsync("6904");
        await page.GetByLabel("Ville").FillAsync("Lyon");
        await page.GetByLabel("Mardi : ouverture").FillAsync("07:30");
        await page.GetByLabel("Mardi : fermeture").FillAsync("19:30");
        await page.GetByLabel("Samedi : ouverture").FillAsync("08:00");
        await page.GetByLabel("Samedi : fermeture").FillAsync("13:00");
        await page.GetByLabel("Adresse e-mail de la boutique").FillAsync("bonjour@boulangerie-bruno.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inscrire la boutique" }).ClickAsync();

        // Then a wrong postcode is shown next to its field, in French
        await Expect(page.Locator("#Form_Postcode-error")).ToHaveTextAsync("Un code postal a 5 chiffres (ex. : 75011).");
        await Expect(page.GetByLabel("Code postal")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ScanAndCaptureAsync("shop-2-register-errors");

        // When they fix it, the shop is registered and waits for the admin
        await page.GetByLabel("Code postal").FillAsync("69004");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inscrire la boutique" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Boulangerie Bruno");
        await page.GetByRole(AriaRole.Link, new() { Name = "Boulangerie Bruno" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Boulangerie Bruno");
        await Expect(page.GetByText("En attente d'approbation")).ToBeVisibleAsync();
        var backOffice = new Uri(page.Url).AbsolutePath;
        var shop = Guid.Parse(backOffice.Split('/').Last());

        // When the admin, who reads English, approves it from the cooperative's admin area
        var adminPage = await web.SignedInVisitorAsync(admin);
        await adminPage.GotoAsync($"/fr/coops/{slug}");
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await adminPage.GetByRole(AriaRole.Link, new() { Name = "Members and roles" }).ClickAsync();
        await adminPage.GetByRole(AriaRole.Link, new() { Name = "Shops to approve" }).ClickAsync();
        await Expect(adminPage.GetByRole(AriaRole.Heading, new() { Name = "Boulangerie Bruno" })).ToBeVisibleAsync();
        await adminPage.ScanAndCaptureAsync("shop-3-admin-approvals-en");
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Approve Boulangerie Bruno" }).ClickAsync();
        await Expect(adminPage.GetByRole(AriaRole.Status)).ToContainTextAsync("The shop “Boulangerie Bruno” is approved.");
        await Expect(adminPage.GetByText("No shop is waiting for approval.")).ToBeVisibleAsync();

        // Then the shopkeeper's back office says so
        await page.ReloadAsync();
        await Expect(page.GetByText("Approuvée", new() { Exact = true })).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("shop-4-back-office-empty");

        // When they upload their till's export, with a row in error
        await page.GetByRole(AriaRole.Link, new() { Name = "Importer un fichier CSV" }).ClickAsync();
        await page.ScanAndCaptureAsync("shop-5-import");
        await page.GetByLabel("Fichier CSV").SetInputFilesAsync(new FilePayload { Name = "caisse.csv", MimeType = "text/csv", Buffer = Shops.Windows1252.GetBytes(TillExportWithAnError) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir l'aperçu" }).ClickAsync();

        // Then the preview shows every row, the accents read right, the erroneous row's message in French, and no way to commit
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aperçu de l'import");
        var rows = page.GetByRole(AriaRole.Row);
        await Expect(rows.Filter(new() { HasText = "CAFE-250" })).ToContainTextAsync("Café moulu Éthiopie");
        await Expect(rows.Filter(new() { HasText = "PAIN-001" })).ToContainTextAsync("Nouveau produit");
        var wrongRow = rows.Filter(new() { HasText = "SAV-010" });
        await Expect(wrongRow).ToContainTextAsync("Erreur");
        await Expect(wrongRow).ToContainTextAsync(FrenchPriceError);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirmer l'import" })).ToBeDisabledAsync();
        await Expect(page.GetByText("l'import se fait en entier ou pas du tout")).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("shop-6-preview-errors");

        // And the same preview in English tells the error in English
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Import preview");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SAV-010" })).ToContainTextAsync(EnglishPriceError);
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();

        // When they upload the fixed file and commit it
        await page.GetByRole(AriaRole.Link, new() { Name = "Déposer le fichier corrigé" }).ClickAsync();
        await page.GetByLabel("Fichier CSV").SetInputFilesAsync(new FilePayload { Name = "caisse.csv", MimeType = "text/csv", Buffer = Shops.Windows1252.GetBytes(TillExportFixed) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir l'aperçu" }).ClickAsync();
        await Expect(page.GetByText("3 ligne(s) lue(s), dont 0 avec des erreurs.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer l'import" }).ClickAsync();

        // Then the counts say what happened, and the products are in the back office with their prices in French
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Import terminé : 3 produit(s) ajouté(s), 0 modifié(s), 0 inchangé(s).");
        await page.ScanAndCaptureAsync("shop-7-import-done");
        await page.GetByRole(AriaRole.Link, new() { Name = "Voir les produits" }).ClickAsync();
        var products = page.GetByRole(AriaRole.Row);
        await Expect(products.Filter(new() { HasText = "PAIN-001" })).ToContainTextAsync(Shops.Price(4.20m, "fr-FR"));
        await Expect(products.Filter(new() { HasText = "CAFE-250" })).ToContainTextAsync("Café moulu Éthiopie");
        await Expect(products.Filter(new() { HasText = "CAFE-250" })).ToContainTextAsync(Shops.Price(7.90m, "fr-FR"));
        await Expect(products.Filter(new() { HasText = "SAV-010" })).ToContainTextAsync(Shops.Price(1234.50m, "fr-FR"));
        await Expect(products.Filter(new() { HasText = "CAFE-250" })).ToContainTextAsync("5,5 %");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Produits en rupture : 1" })).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("shop-8-back-office-products");

        // And the API agrees on the amounts in minor units
        var stored = await web.ProductsBySkuAsync(shopkeeper, slug, shop);
        Assert.Equal(420, stored["PAIN-001"].GetProperty("price").GetProperty("minor").GetInt64());
        Assert.Equal(123450, stored["SAV-010"].GetProperty("price").GetProperty("minor").GetInt64());
        Assert.Equal("Café moulu Éthiopie", stored["CAFE-250"].GetProperty("name").GetProperty("fr").GetString());

        // When they look at what is out of stock, the soap is there
        await page.GetByRole(AriaRole.Link, new() { Name = "Produits en rupture : 1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SAV-010" })).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("shop-9-out-of-stock");

        // When they restock 10 soaps, then record 3 sold in the shop
        await page.GetByRole(AriaRole.Link, new() { Name = "Savon à l'huile d'olive" }).ClickAsync();
        await page.GetByLabel("Motif").SelectOptionAsync(new SelectOptionValue { Value = "restock" });
        await page.GetByLabel("Quantité").FillAsync("10");
        await page.GetByLabel("Note (facultative)").FillAsync("Livraison du savonnier");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'ajustement" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Le stock de « Savon à l'huile d'olive » a été ajusté.");
        await page.GetByLabel("Motif").SelectOptionAsync(new SelectOptionValue { Value = "sale-in-shop" });
        await page.GetByLabel("Quantité").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'ajustement" }).ClickAsync();

        // Then 7 are on hand and available, and nothing is out of stock any more
        var facts = page.Locator("dl.facts");
        await Expect(facts).ToContainTextAsync(new Regex(@"En stock\s*7"));
        await Expect(facts).ToContainTextAsync(new Regex(@"Disponible\s*7"));
        await page.ScanAndCaptureAsync("shop-10-product-stock");
        await page.GotoAsync($"{backOffice}/out-of-stock");
        await Expect(page.GetByText("Aucun produit en rupture de stock.")).ToBeVisibleAsync();

        // When they count the soaps on the shelf: the form starts at what is on hand, a negative count is refused on its field
        await page.GotoAsync(backOffice);
        await page.GetByRole(AriaRole.Link, new() { Name = "Savon à l'huile d'olive" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Compter le stock" })).ToBeVisibleAsync();
        var counted = page.GetByLabel("Articles en stock (compte)");
        await Expect(counted).ToHaveValueAsync("7");
        await counted.FillAsync("-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le compte" }).ClickAsync();
        await Expect(counted).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#count-error")).ToHaveTextAsync("Indiquez un nombre entier, zéro ou plus.");
        await Expect(counted).ToHaveValueAsync("-2");

        // Then counting 4 (three bars broken) sets the stock to 4, not 7 − 4
        await counted.FillAsync("4");
        await page.GetByLabel("Note du comptage (facultative)").FillAsync("Inventaire du samedi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le compte" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Le stock de « Savon à l'huile d'olive » a été compté.");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync(new Regex(@"En stock\s*4"));
        await Expect(page.GetByLabel("Articles en stock (compte)")).ToHaveValueAsync("4");
        await page.ScanAndCaptureAsync("shop-10b-product-stock-count");

        // When they change the bread's price, the back office shows the new one in English too
        await page.GotoAsync(backOffice);
        await page.GetByRole(AriaRole.Link, new() { Name = "Pain de campagne" }).ClickAsync();
        await page.GetByLabel("Prix TTC en euros").FillAsync("4,50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer le prix" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Le prix de « Pain de campagne » a changé.");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("dl.facts")).ToContainTextAsync(Shops.Price(4.50m, "en-GB"));
        await Expect(page.GetByRole(AriaRole.List).Filter(new() { HasText = Shops.Price(4.20m, "en-GB") })).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("shop-11-product-en");

        // When they import their till's old export again (bread at 4,20 and 12 on hand, soap at 0)
        await page.GotoAsync(backOffice.Replace("/fr/", "/en/", StringComparison.Ordinal) + "/import");
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "caisse.csv", MimeType = "text/csv", Buffer = Shops.Windows1252.GetBytes(TillExportFixed) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the import" }).ClickAsync();

        // Then the preview shows, before anything is committed, what the file would put back: old → new
        var bread = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "PAIN-001" });
        await Expect(bread).ToContainTextAsync("Update");
        await Expect(bread.Locator("del")).ToHaveTextAsync("before: " + Shops.Price(4.50m, "en-GB"));
        await Expect(bread.Locator("ins")).ToHaveTextAsync("after import: " + Shops.Price(4.20m, "en-GB"));
        var soap = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SAV-010" });
        await Expect(soap.Locator("del")).ToHaveTextAsync("before: 4");
        await Expect(soap.Locator("ins")).ToHaveTextAsync("after import: 0");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CAFE-250" }).Locator("del")).ToHaveCountAsync(0);
        await page.ScanAndCaptureAsync("shop-12-reimport-changes-en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await Expect(bread.Locator("del")).ToHaveTextAsync("avant : " + Shops.Price(4.50m, "fr-FR"));
        await Expect(bread.Locator("ins")).ToHaveTextAsync("après import : " + Shops.Price(4.20m, "fr-FR"));
        await page.ScanAndCaptureAsync("shop-12-reimport-changes-fr");
    }

    [Fact]
    public async Task Someone_who_neither_owns_the_shop_nor_administers_the_cooperative_sees_a_refusal_in_their_language()
    {
        // Given an approved shop and another member of the cooperative
        var admin = await web.CreateAccountAsync("Clara Admin");
        var owner = await web.CreateAccountAsync("Denis Droguiste");
        var neighbour = await web.CreateAccountAsync("Elsa Épicière");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de Vaise");
        await web.AddMemberAsync(admin, slug, owner, "shop_owner");
        await web.AddMemberAsync(admin, slug, neighbour, "shop_owner");
        var shop = await web.RegisterApprovedShopAsync(owner, admin, slug, "Droguerie Denis");

        // When the neighbour opens its back office
        var page = await web.SignedInVisitorAsync(neighbour);
        var response = await page.GotoAsync($"/fr/coops/{slug}/back-office/{shop}");

        // Then they get a 403 page saying who may see it, and none of the shop's data
        Assert.Equal(403, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accès réservé");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("réservée aux propriétaires de la boutique");
        await Expect(page.GetByText("Importer un fichier CSV")).ToHaveCountAsync(0);
        await page.ScanAndCaptureAsync("shop-forbidden");

        // And in English once they switch
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Access restricted");

        // And the other back-office pages refuse them as well
        response = await page.GotoAsync($"/en/coops/{slug}/back-office/{shop}/import");
        Assert.Equal(403, response!.Status);
    }

    private const string FrenchPriceError = "« trois » n'est pas un prix (ex. 12,50).";

    private const string EnglishPriceError = "\"trois\" is not a price (e.g. 12.50).";

    [Fact]
    public async Task A_shop_answers_a_customers_question_and_keeps_the_answer_private()
    {
        // Given an approved shop with a product, and a customer's question on it
        var admin = await web.CreateAccountAsync("Fanny Admin");
        var owner = await web.CreateAccountAsync("Gilles Fromager");
        var customer = await web.CreateAccountAsync("Hugo Client");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de Monplaisir");
        await web.AddMemberAsync(admin, slug, owner, "shop_owner");
        var shop = await web.RegisterApprovedShopAsync(owner, admin, slug, "Fromagerie Gilles");
        var product = await web.AddProductAsync(owner, slug, shop, "COMTE-18", "Comté 18 mois", "Comté aged 18 months", 2890);
        using (var asking = web.App.CatalogClient(await web.TokenAsync(customer)))
        {
            var asked = await asking.PostAsJsonAsync($"/api/coops/{slug}/products/{product}/questions", new { text = "Est-il au lait cru ?" });
            Assert.Equal(System.Net.HttpStatusCode.Created, asked.StatusCode);
        }

        // When the shopkeeper, who reads English, opens their back office
        var page = await web.SignedInVisitorAsync(owner);
        await page.GotoAsync($"/fr/coops/{slug}/back-office/{shop}");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        // Then the question waits for them, and they answer it privately
        await page.GetByRole(AriaRole.Link, new() { Name = "Unanswered questions: 1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Waiting for an answer (1)" })).ToBeVisibleAsync();
        var question = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Est-il au lait cru ?" });
        await Expect(question).ToContainTextAsync("Comté aged 18 months");
        await page.ScanAndCaptureAsync("shop-questions-en");
        await question.GetByLabel("Your answer").FillAsync("Yes, raw milk from the Jura.");
        await question.GetByLabel("Keep the answer private").CheckAsync();
        // (its label on one line beside its box on a desktop: it was once squeezed to a letter a line by its hint)
        var label = await question.Locator("label", new() { HasText = "Keep the answer private" }).BoundingBoxAsync();
        Assert.True(label!.Height < 40, $"The label is {label.Height} px high, {label.Width} px wide.");
        await question.GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();

        // Then it is answered, privately, and nothing waits any more
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your answer has been sent to the customer only.");
        await Expect(page.GetByText("No question is waiting for an answer.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Yes, raw milk from the Jura." })).ToContainTextAsync("Private answer");
        using var anyone = web.App.CatalogClient();
        var shown = await anyone.GetFromJsonAsync<List<System.Text.Json.JsonElement>>($"/api/coops/{slug}/products/{product}/questions");
        Assert.Empty(shown!);
    }

    [Fact]
    public async Task A_tills_own_columns_are_mapped_once_without_choosing_the_file_again_and_remembered()
    {
        // Given an approved bakery whose till exports its own column names, and no VAT column
        var admin = await web.CreateAccountAsync("Irène Admin");
        var owner = await web.CreateAccountAsync("Jules Boulanger");
        var slug = await web.CreateCooperativeAsAsync(admin, "Commerçants de la Guillotière");
        await web.AddMemberAsync(admin, slug, owner, "shop_owner");
        var shop = await web.RegisterApprovedShopAsync(owner, admin, slug, "Boulangerie Jules");
        const string till = "Code article;Désignation article;Famille;Prix de vente TTC;Stock magasin;Fournisseur\r\n" +
            "BAG-1;Baguette tradition;Boulangerie;1,40;28;Moulin Dupont\r\n";

        // When the baker uploads it
        var page = await web.SignedInVisitorAsync(owner);
        await page.GotoAsync($"/fr/coops/{slug}/back-office/{shop}/import");
        await page.GetByLabel("Fichier CSV").SetInputFilesAsync(new FilePayload { Name = "caisse.csv", MimeType = "text/csv", Buffer = Shops.Windows1252.GetBytes(till) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir l'aperçu" }).ClickAsync();

        // Then she is asked which column is which, the columns the importer knows already chosen
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Quelle colonne contient quoi ?");
        await Expect(page.GetByText("caisse.csv")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Code article")).ToHaveValueAsync("sku");
        await Expect(page.GetByLabel("Famille")).ToHaveValueAsync("category");
        await Expect(page.GetByLabel("Désignation article")).ToHaveValueAsync("ignore");
        await Expect(page.GetByText("Première ligne : Baguette tradition")).ToBeVisibleAsync();
        await page.ScanAndCaptureAsync("shop-import-columns-fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Which column is which?");
        await page.ScanAndCaptureAsync("shop-import-columns-en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();

        // When she says so, with one VAT rate for the whole file, without choosing the file again
        await page.GetByLabel("Désignation article").SelectOptionAsync("name");
        await page.GetByLabel("Stock magasin").SelectOptionAsync("stock");
        await page.GetByLabel("Taux de TVA de tous les produits").SelectOptionAsync("550");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir l'aperçu" }).ClickAsync();

        // Then the preview reads the baguette right
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aperçu de l'import");
        var baguette = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "BAG-1" });
        await Expect(baguette).ToContainTextAsync("Baguette tradition");
        await Expect(baguette).ToContainTextAsync("Nouveau produit");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirmer l'import" })).ToBeEnabledAsync();

        // and the till's next export goes straight to its preview
        await page.GotoAsync($"/fr/coops/{slug}/back-office/{shop}/import");
        await page.GetByLabel("Fichier CSV").SetInputFilesAsync(new FilePayload { Name = "caisse-2.csv", MimeType = "text/csv", Buffer = Shops.Windows1252.GetBytes(till.Replace("1,40", "1,45", StringComparison.Ordinal)) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir l'aperçu" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aperçu de l'import");
    }

    [Fact]
    public async Task Example_csv_is_in_the_french_excel_style_the_import_reads()
    {
        var page = await web.NewVisitorAsync();
        var response = await page.APIRequest.GetAsync("/examples/import-produits.csv");
        Assert.Equal(200, response.Status);
        var bytes = await response.BodyAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("sku;nom;description;catégorie;prix;tva;stock;image;vendu au;quantité nette;allergènes;labels;origine\r\n", text, StringComparison.Ordinal);
        Assert.Contains(";4,20;5,5;", text, StringComparison.Ordinal);
    }
}
