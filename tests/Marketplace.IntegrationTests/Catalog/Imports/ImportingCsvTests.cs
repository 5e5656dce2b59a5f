using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;

[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Scope = "namespace", Target = "~N:Marketplace.IntegrationTests.Catalog.Imports", Justification = "Named after the feature folder.")]

namespace Marketplace.IntegrationTests.Catalog.Imports;

/// <summary>A shop imports its stock file through the HTTP API: preview, commit all or nothing, re-import changes nothing.</summary>
public sealed class ImportingCsvTests : MarketplaceTest
{
    private const string Header = "Référence;Nom;Catégorie;Prix;TVA;Quantité";

    private TenantId _coop;
    private Guid _owner;
    private Guid _shop;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _owner = Guid.NewGuid();
        _shop = await App.RegisterShopAsync(_coop, "Épicerie du Marché", owner: _owner, approve: true);
        await App.OpenForOrdersAsync(_coop, _shop); // the tests count Catalog's events and rows
    }

    [Fact]
    public async Task The_preview_shows_each_rows_action_and_errors_in_the_callers_language()
    {
        // Given a shop that already sells jam and honey
        await App.ListProductAsync(_coop, _shop, "Confiture de fraises", priceMinor: 450, stock: 10, sku: "CONF-1");
        await App.ListProductAsync(_coop, _shop, "Miel de lavande", priceMinor: 890, stock: 5, sku: "MIEL-1");

        // When its owner uploads a French Excel file: a new product, a new price for the jam, the honey as it is, a wrong VAT rate
        var response = await UploadAsync(Windows1252(Header,
            "CAFE-1;Café moulu;Épicerie;6,90 €;5,5;12",
            "CONF-1;Confiture de fraises;Épicerie;4,80;5,5;10",
            "MIEL-1;Miel de lavande;Épicerie;8,90;5,5;5",
            "THE-1;Thé vert;Épicerie;12,50;7;3"), fileName: "stock.csv");

        // Then the preview is 201 with every row, its action and its errors, in French by default
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("windows-1252", preview.GetProperty("encoding").GetString());
        Assert.Equal("stock.csv", preview.GetProperty("fileName").GetString());
        Assert.Equal("previewed", preview.GetProperty("status").GetString());
        Assert.False(preview.GetProperty("canCommit").GetBoolean());
        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["list", "change", "unchanged", null], rows.Select(r => r.GetProperty("action").GetString()));
        Assert.Equal("Café moulu", rows[0].GetProperty("name").GetProperty("fr").GetString());
        Assert.Equal(690, rows[0].GetProperty("price").GetProperty("minor").GetInt64());
        Assert.Equal(550, rows[0].GetProperty("vatRate").GetInt32());
        var vatError = Assert.Single(rows[3].GetProperty("errors").EnumerateArray());
        Assert.Equal("vatRate", vatError.GetProperty("field").GetString());
        Assert.Equal("La TVA française est de 20 %, 10 %, 5,5 % ou 2,1 %.", vatError.GetProperty("message").GetString());
        Assert.Equal(5, rows[3].GetProperty("line").GetInt32());
        var counts = preview.GetProperty("counts");
        Assert.Equal((4, 3, 1, 1, 1, 1), (counts.GetProperty("rows").GetInt32(), counts.GetProperty("valid").GetInt32(), counts.GetProperty("errors").GetInt32(),
            counts.GetProperty("list").GetInt32(), counts.GetProperty("change").GetInt32(), counts.GetProperty("unchanged").GetInt32()));

        // and the stored preview answers in English to who asks for English
        using var owner = OwnerClient();
        owner.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB,en;q=0.9,fr;q=0.5");
        var stored = await owner.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal(preview.GetProperty("id").GetGuid(), stored.GetProperty("id").GetGuid());
        Assert.Equal("French VAT is 20 %, 10 %, 5.5 % or 2.1 %.", stored.GetProperty("rows")[3].GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Commit_lists_and_changes_products_and_the_same_file_again_appends_no_event()
    {
        var jam = await App.ListProductAsync(_coop, _shop, "Confiture de fraises", priceMinor: 450, stock: 10, sku: "CONF-1");
        var file = Windows1252(Header,
            "CAFE-1;Café moulu;Épicerie;6,90;5,5;12",
            "PAIN-1;\"Pain de campagne; au levain\";Boulangerie;3,20;5,5;0",
            "CONF-1;Confiture de fraises;Épicerie;4,80;5,5;7");

        // When the owner uploads and commits
        var preview = await PreviewAsync(file);
        using var owner = OwnerClient();
        var committed = await owner.PostAsync($"{ImportsPath}/{preview}/commit", null);

        // Then two products are listed and the jam changed (price and stock), in one go
        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        Assert.Equal((2, 1, 0), Result(await committed.Content.ReadFromJsonAsync<JsonElement>()));
        var products = await ProductsBySkuAsync();
        Assert.Equal(["CAFE-1", "CONF-1", "PAIN-1"], products.Keys.Order());
        Assert.Equal("Pain de campagne; au levain", products["PAIN-1"].GetProperty("name").GetProperty("fr").GetString());
        Assert.Equal(690, products["CAFE-1"].GetProperty("price").GetProperty("minor").GetInt64());
        Assert.Equal(12, products["CAFE-1"].GetProperty("stock").GetProperty("onHand").GetInt32());
        Assert.Equal(0, products["PAIN-1"].GetProperty("stock").GetProperty("onHand").GetInt32());
        Assert.Equal(jam, products["CONF-1"].GetProperty("id").GetGuid());
        Assert.Equal(480, products["CONF-1"].GetProperty("price").GetProperty("minor").GetInt64());
        Assert.Equal(7, products["CONF-1"].GetProperty("stock").GetProperty("onHand").GetInt32());
        var events = await EventCountAsync();

        // When the same preview is committed again, then it answers the same result and appends nothing
        var again = await owner.PostAsync($"{ImportsPath}/{preview}/commit", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((2, 1, 0), Result(await again.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(events, await EventCountAsync());

        // When the same file is imported again, then every row is unchanged and committing it appends no event
        var second = await UploadAsync(file);
        var secondPreview = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.All(secondPreview.GetProperty("rows").EnumerateArray(), row => Assert.Equal("unchanged", row.GetProperty("action").GetString()));
        var recommitted = await owner.PostAsync($"{ImportsPath}/{secondPreview.GetProperty("id").GetGuid()}/commit", null);
        Assert.Equal((0, 0, 3), Result(await recommitted.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(events, await EventCountAsync());
    }

    [Fact]
    public async Task Food_columns_set_the_food_information_the_product_page_and_the_filters_use()
    {
        // Given a till's file with the food columns a shop writes in French
        var file = Windows1252("Référence;Libellé;Famille;Prix TTC;TVA;Vendu au;Poids net;Allergènes;Labels;Origine",
            "COMTE;Comté 18 mois;Crèmerie;8,20;5,5;au poids;250 g;Lait;AOP;Jura",
            "PAIN;Pain de campagne;Boulangerie;4,20;5,5;pièce;800 g;aucun;bio;",
            "BRIE;Brie;Crèmerie;6,00;5,5;au poids;;lait;;");

        // When it is previewed: the row sold by weight without its weight is in error, named in the caller's language
        using var owner = OwnerClient();
        owner.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var uploaded = await owner.PostAsync(ImportsPath, Csv(file));
        var preview = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        var brie = preview.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("sku").GetString() == "BRIE");
        var error = Assert.Single(brie.GetProperty("errors").EnumerateArray());
        Assert.Equal(("netQuantity", "food.weight_required"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        Assert.Contains("sold by weight", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        // When the valid rows are committed
        var committed = await owner.PostAsync($"{ImportsPath}/{preview.GetProperty("id").GetGuid()}/commit?validOnly=true", null);
        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);

        // Then the Comté has its food information and its price per kilogram, and the filters find it
        var products = await ProductsBySkuAsync();
        var food = products["COMTE"].GetProperty("food");
        Assert.Equal("weight", food.GetProperty("soldBy").GetString());
        Assert.Equal(3280, food.GetProperty("unitPrice").GetProperty("price").GetProperty("minor").GetInt64());
        Assert.Equal(["milk"], food.GetProperty("allergens").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("Jura", food.GetProperty("origin").GetString());
        Assert.Empty(products["PAIN"].GetProperty("food").GetProperty("allergens").EnumerateArray());
        Assert.False(products.ContainsKey("BRIE"));
        var withoutMilk = await owner.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products?without=milk");
        Assert.Equal(["Pain de campagne"], withoutMilk.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetProperty("fr").GetString()));
        var aop = await owner.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products?label=aop");
        Assert.Equal(["Comté 18 mois"], aop.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetProperty("fr").GetString()));

        // When the same file comes again with only the origin changed, then only the food information changes
        var events = await EventCountAsync();
        var again = await PreviewAsync(Windows1252("Référence;Libellé;Famille;Prix TTC;TVA;Origine", "COMTE;Comté 18 mois;Crèmerie;8,20;5,5;Doubs"));
        Assert.Equal((0, 1, 0), Result(await (await owner.PostAsync($"{ImportsPath}/{again}/commit", null)).Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(events + 1, await EventCountAsync());
        var after = (await ProductsBySkuAsync())["COMTE"].GetProperty("food");
        Assert.Equal(("Doubs", "weight"), (after.GetProperty("origin").GetString(), after.GetProperty("soldBy").GetString()));
    }

    [Fact]
    public async Task A_preview_with_errors_is_not_committed_and_nothing_is_listed()
    {
        var preview = await PreviewAsync(Windows1252(Header,
            "CAFE-1;Café moulu;Épicerie;6,90;5,5;12",
            "THE-1;Thé vert;Épicerie;12,50;5,5;3;",
            "PRIX-1;Prix faux;Épicerie;douze;20;1"));
        var events = await EventCountAsync();

        using var owner = OwnerClient();
        var response = await owner.PostAsync($"{ImportsPath}/{preview}/commit", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([4], problem.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
        Assert.Empty(await ProductsBySkuAsync());
        Assert.Equal(events, await EventCountAsync());
    }

    [Fact]
    public async Task Asked_to_the_commit_applies_the_valid_rows_and_leaves_the_rows_in_error_out()
    {
        // Given a preview with two valid rows and one whose price is a word
        var preview = await PreviewAsync(Windows1252(Header,
            "CAFE-1;Café moulu;Épicerie;6,90;5,5;12",
            "PRIX-1;Prix faux;Épicerie;douze;20;1",
            "THE-1;Thé vert;Épicerie;12,50;5,5;3"));
        using var owner = OwnerClient();

        // When the owner commits the valid rows only
        var response = await owner.PostAsync($"{ImportsPath}/{preview}/commit?validOnly=true", null);

        // Then the two valid rows are listed, line 3 is reported left out, and committing again answers the same
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, 0, 0), Result(result));
        Assert.Equal(1, result.GetProperty("skipped").GetInt32());
        Assert.Equal([3], result.GetProperty("skippedLines").EnumerateArray().Select(l => l.GetInt32()));
        Assert.Equal(["CAFE-1", "THE-1"], (await ProductsBySkuAsync()).Keys.Order());
        var again = await (await owner.PostAsync($"{ImportsPath}/{preview}/commit", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, again.GetProperty("skipped").GetInt32());
        Assert.Equal(2L, await App.ScalarAsync<long>(Database, "select count(*) from catalog.mt_events where type = 'product_listed'"));
    }

    [Fact]
    public async Task A_preview_whose_every_row_is_in_error_has_nothing_valid_to_commit()
    {
        var preview = await PreviewAsync(Windows1252(Header, "PRIX-1;Prix faux;Épicerie;douze;20;1"));

        using var owner = OwnerClient();
        var response = await owner.PostAsync($"{ImportsPath}/{preview}/commit?validOnly=true", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(await ProductsBySkuAsync());
    }

    [Fact]
    public async Task Image_addresses_follow_the_product_rules()
    {
        var response = await UploadAsync(Encoding.UTF8.GetBytes(
            "sku;nom;catégorie;prix;tva;image\n" +
            "A-1;Bon;Épicerie;1;20;https://images.example.org/a.jpg\n" +
            "A-2;Interne;Épicerie;1;20;http://169.254.169.254/latest/meta-data\n" +
            "A-3;Local;Épicerie;1;20;http://localhost/a.jpg\n" +
            "A-4;Pas web;Épicerie;1;20;file:///etc/passwd\n"));

        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray().ToList();
        Assert.Empty(rows[0].GetProperty("errors").EnumerateArray());
        Assert.All(rows.Skip(1), row => Assert.Equal("imageUrl", row.GetProperty("errors")[0].GetProperty("field").GetString()));
    }

    [Fact]
    public async Task A_stock_below_what_checkouts_reserved_since_the_preview_refuses_the_whole_commit_naming_the_row()
    {
        // Given a jam with 10 on hand, and a preview that lists coffee and sets the jam's stock to 2
        var jam = await App.ListProductAsync(_coop, _shop, "Confiture de fraises", stock: 10, sku: "CONF-1");
        var preview = await PreviewAsync(Windows1252(Header,
            "CAFE-1;Café moulu;Épicerie;6,90;5,5;12",
            "CONF-1;Confiture de fraises;Épicerie;4,50;5,5;2"));

        // When a customer reserves 5 jars before the owner commits
        using var customer = App.CatalogClient(MarketplaceApp.Token($"{_coop}:customer"));
        var reserved = await customer.PostAsJsonAsync($"/api/coops/{_coop}/reservations", new { reservationId = Guid.NewGuid(), lines = new[] { new { productId = jam, quantity = 5 } } });
        Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
        var events = await ProductEventCountAsync(); // the reservation has a life of its own in its stream
        using var owner = OwnerClient();
        owner.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var response = await owner.PostAsync($"{ImportsPath}/{preview}/commit", null);

        // Then nothing is imported, not even the coffee, and the problem names the jam's line
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var row = Assert.Single(problem.GetProperty("rows").EnumerateArray());
        Assert.Equal((3, "CONF-1"), (row.GetProperty("line").GetInt32(), row.GetProperty("sku").GetString()));
        Assert.Equal("The wanted stock (2) is below the 5 units reserved by open checkouts.", row.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(["CONF-1"], (await ProductsBySkuAsync()).Keys);
        Assert.Equal(events, await ProductEventCountAsync());
    }

    [Fact]
    public async Task The_preview_of_a_reimport_gives_each_existing_products_values_before_the_file()
    {
        // Given a baguette at 1,40 € with 28 on hand
        await App.ListProductAsync(_coop, _shop, "Baguette", priceMinor: 140, stock: 28, sku: "BAG-1");

        // When the till's older export (1,30 €, 40) is uploaded with a new product
        var response = await UploadAsync(Windows1252(Header, "BAG-1;Baguette;Épicerie;1,30;5,5;40", "CAFE-1;Café moulu;Épicerie;6,90;5,5;12"));

        // Then the baguette's row says what it has now next to what the file would put, and the new product has no "before"
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows");
        var baguette = rows[0];
        Assert.Equal("change", baguette.GetProperty("action").GetString());
        Assert.Equal((130L, 40), (baguette.GetProperty("price").GetProperty("minor").GetInt64(), baguette.GetProperty("stock").GetInt32()));
        var before = baguette.GetProperty("before");
        Assert.Equal((140L, "EUR", 28), (before.GetProperty("price").GetProperty("minor").GetInt64(), before.GetProperty("price").GetProperty("currency").GetString(), before.GetProperty("onHand").GetInt32()));
        Assert.Equal("Baguette", before.GetProperty("name").GetProperty("fr").GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("before").ValueKind);
        Assert.Equal(140, (await ProductsBySkuAsync())["BAG-1"].GetProperty("price").GetProperty("minor").GetInt64());
    }

    [Fact]
    public async Task A_row_refused_after_a_thousand_others_were_written_leaves_none_of_them()
    {
        // Given a preview of 1,200 new products, written by the commit in several sessions of one transaction, then the jam
        var jam = await App.ListProductAsync(_coop, _shop, "Confiture de fraises", stock: 10, sku: "CONF-1");
        var lines = Enumerable.Range(0, 1_200).Select(i => $"NEW-{i:D4};Produit {i};Épicerie;1,50;5,5;3").Append("CONF-1;Confiture de fraises;Épicerie;4,50;5,5;2");
        var preview = await PreviewAsync(Windows1252([Header, .. lines]));

        // When checkouts reserve 5 jars before the commit, so the last row cannot apply
        using var customer = App.CatalogClient(MarketplaceApp.Token($"{_coop}:customer"));
        var reserved = await customer.PostAsJsonAsync($"/api/coops/{_coop}/reservations", new { reservationId = Guid.NewGuid(), lines = new[] { new { productId = jam, quantity = 5 } } });
        Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
        var events = await ProductEventCountAsync();
        using var owner = OwnerClient();
        var response = await owner.PostAsync($"{ImportsPath}/{preview}/commit", null);

        // Then the commit is refused and the parts already sent are rolled back with it: no product, no event, no search row
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(1_202, Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray()).GetProperty("line").GetInt32());
        Assert.Equal(["CONF-1"], (await ProductsBySkuAsync()).Keys);
        Assert.Equal(events, await ProductEventCountAsync());
        Assert.Equal(1L, await App.ScalarAsync<long>(Database, "select count(*) from catalog.search_listings"));
        using var reader = OwnerClient();
        Assert.Equal("previewed", (await reader.GetFromJsonAsync<JsonElement>($"{ImportsPath}/{preview}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_commit_applies_the_file_to_the_product_as_it_is_now_not_as_it_was_at_preview()
    {
        var jam = await App.ListProductAsync(_coop, _shop, "Confiture de fraises", priceMinor: 450, stock: 10, sku: "CONF-1");
        var preview = await PreviewAsync(Windows1252(Header, "CONF-1;Confiture de fraises;Épicerie;4,50;5,5;10"));

        // When the price and stock are changed by hand between preview ("unchanged") and commit
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products/{jam}/price-changes", new { price = new { minor = 700, currency = "EUR" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products/{jam}/stock-adjustments", new { quantity = 3, reason = "restock" })).StatusCode);
        using var owner = OwnerClient();
        var committed = await owner.PostAsync($"{ImportsPath}/{preview}/commit", null);

        // Then the file wins against the current state: price back to 4,50 and 10 on hand
        Assert.Equal((0, 1, 0), Result(await committed.Content.ReadFromJsonAsync<JsonElement>()));
        var product = (await ProductsBySkuAsync())["CONF-1"];
        Assert.Equal(450, product.GetProperty("price").GetProperty("minor").GetInt64());
        Assert.Equal(10, product.GetProperty("stock").GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task Two_commits_of_one_preview_at_once_list_its_products_once()
    {
        var preview = await PreviewAsync(Windows1252(Header, "CAFE-1;Café moulu;Épicerie;6,90;5,5;12", "THE-1;Thé vert;Épicerie;12,50;5,5;3"));

        using var owner = OwnerClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => owner.PostAsync($"{ImportsPath}/{preview}/commit", null)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(2, (await ProductsBySkuAsync()).Count);
        Assert.Equal(2L, await App.ScalarAsync<long>(Database, "select count(*) from catalog.mt_events where type = 'product_listed'"));
        Assert.Equal((2, 0, 0), Result(await (await owner.PostAsync($"{ImportsPath}/{preview}/commit", null)).Content.ReadFromJsonAsync<JsonElement>()));
    }

    [Fact]
    public async Task An_archived_product_named_in_the_file_is_reactivated()
    {
        var jam = await App.ListProductAsync(_coop, _shop, "Confiture de fraises", priceMinor: 450, stock: 10, sku: "CONF-1");
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/coops/{_coop}/shops/{_shop}/products/{jam}/archive", null)).StatusCode);

        var response = await UploadAsync(Windows1252(Header, "CONF-1;Confiture de fraises;Épicerie;4,50;5,5;10"));
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("change", preview.GetProperty("rows")[0].GetProperty("action").GetString());
        Assert.True(preview.GetProperty("rows")[0].GetProperty("reactivates").GetBoolean());
        using var owner = OwnerClient();
        await owner.PostAsync($"{ImportsPath}/{preview.GetProperty("id").GetGuid()}/commit", null);

        Assert.Equal("active", (await ProductsBySkuAsync())["CONF-1"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_browser_form_posts_the_file_as_multipart()
    {
        using var owner = OwnerClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Windows1252(Header, "CAFE-1;Café moulu;Épicerie;6,90;5,5;12"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "C:\\fakepath\\inventaire.csv");

        var response = await owner.PostAsync(ImportsPath, form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("inventaire.csv", preview.GetProperty("fileName").GetString());
        Assert.Equal("Café moulu", preview.GetProperty("rows")[0].GetProperty("name").GetProperty("fr").GetString());
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_400_naming_it()
    {
        var response = await UploadAsync(Windows1252("Référence;Nom;Prix;TVA", "CAFE-1;Café;6,90;5,5"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("catégorie / category", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tills_own_columns_are_mapped_once_and_remembered_for_the_next_file()
    {
        // Given a till export whose columns the importer does not know, and no VAT column at all
        var till = Windows1252("Code article;Désignation article;Famille;Prix de vente TTC;Stock magasin;Fournisseur",
            "BAG-1;Baguette tradition;Boulangerie;1,40;28;Moulin Dupont");
        var refused = await UploadAsync(till, fileName: "caisse.csv");

        // Then the upload is 400 naming what is missing, the file's columns and the kept file
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("import.columns", problem.GetProperty("code").GetString());
        Assert.Contains("tva / vat", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["Code article", "Désignation article", "Famille", "Prix de vente TTC", "Stock magasin", "Fournisseur"],
            problem.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var keptFile = problem.GetProperty("keptFile").GetGuid();

        // and the kept file says how each column is read today (known till names already understood)
        using var owner = OwnerClient();
        var kept = await owner.GetFromJsonAsync<JsonElement>($"{ShopPath}/import-files/{keptFile}");
        Assert.Equal("caisse.csv", kept.GetProperty("fileName").GetString());
        Assert.Equal(["sku", "ignore", "category", "price", "ignore", "ignore"],
            kept.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("field").GetString()));
        Assert.Equal("Baguette tradition", kept.GetProperty("columns")[1].GetProperty("example").GetString());

        // When the owner says which column is which, with one VAT rate for the whole file
        var mapped = await owner.PutAsJsonAsync($"{ShopPath}/import-mapping", new
        {
            columns = new Dictionary<string, string> { ["Désignation article"] = "name", ["Stock magasin"] = "stock", ["Fournisseur"] = "ignore" },
            vatRate = 550,
        });
        Assert.Equal(HttpStatusCode.OK, mapped.StatusCode);

        // Then the kept file previews without being sent again
        var preview = await owner.PostAsync($"{ShopPath}/import-files/{keptFile}/preview", null);
        Assert.Equal(HttpStatusCode.Created, preview.StatusCode);
        var row = Assert.Single((await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray());
        Assert.Equal(("BAG-1", "Baguette tradition", "Boulangerie", 140L, 550, 28), (row.GetProperty("sku").GetString(), row.GetProperty("name").GetProperty("fr").GetString(),
            row.GetProperty("category").GetString(), row.GetProperty("price").GetProperty("minor").GetInt64(), row.GetProperty("vatRate").GetInt32(), row.GetProperty("stock").GetInt32()));
        Assert.Empty(row.GetProperty("errors").EnumerateArray());

        // and the next export of the same till is understood at once
        var next = await UploadAsync(Windows1252("CODE ARTICLE;designation article;Famille;Prix de vente TTC;Stock magasin;Fournisseur",
            "BAG-1;Baguette tradition;Boulangerie;1,45;30;Moulin Dupont"));
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.Equal(145, (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows")[0].GetProperty("price").GetProperty("minor").GetInt64());
    }

    [Fact]
    public async Task A_wrong_mapping_is_400_field_by_field_and_changes_nothing()
    {
        using var owner = OwnerClient();
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"{ShopPath}/import-mapping", new { columns = new Dictionary<string, string> { ["Libellé caisse"] = "name" } })).StatusCode);

        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { columns = new Dictionary<string, string> { ["A"] = "name", ["B"] = "name" } }, "columns"),
            (new { columns = new Dictionary<string, string> { ["A"] = "colour" } }, "columns"),
            (new { columns = new Dictionary<string, string> { ["  "] = "sku" } }, "columns"),
            (new { columns = new Dictionary<string, string>(), vatRate = 700 }, "vatRate"),
            (new { vatRate = 550 }, "columns"),
        })
        {
            var response = await owner.PutAsJsonAsync($"{ShopPath}/import-mapping", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        }

        // the mapping saved first still reads the file
        var preview = await UploadAsync(Windows1252("sku;Libellé caisse;catégorie;prix;tva", "X-1;Pain de mie;Boulangerie;2,10;5,5"));
        Assert.Equal(HttpStatusCode.Created, preview.StatusCode);
    }

    [Fact]
    public async Task A_kept_file_and_the_mapping_belong_to_their_shop_and_cooperative()
    {
        var refused = await UploadAsync(Windows1252("Code;Libellé caisse", "X-1;Pain"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var keptFile = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keptFile").GetGuid();
        var otherOwner = Guid.NewGuid();
        var otherShop = await App.RegisterShopAsync(_coop, "Fromagerie", owner: otherOwner, approve: true);
        var elsewhere = await App.OnboardAsync();
        var mapping = new { columns = new Dictionary<string, string> { ["Libellé caisse"] = "name" } };

        using var neighbour = App.CatalogClient(MarketplaceApp.Token(otherOwner, $"{_coop}:member"));
        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.GetAsync($"{ShopPath}/import-files/{keptFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.PostAsync($"{ShopPath}/import-files/{keptFile}/preview", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.PutAsJsonAsync($"{ShopPath}/import-mapping", mapping)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/api/coops/{_coop}/shops/{otherShop}/import-files/{keptFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.PostAsync($"/api/coops/{_coop}/shops/{otherShop}/import-files/{keptFile}/preview", null)).StatusCode);

        using var foreignAdmin = App.CatalogClient(MarketplaceApp.Token($"{elsewhere}:admin"));
        Assert.Equal(HttpStatusCode.Forbidden, (await foreignAdmin.GetAsync($"{ShopPath}/import-files/{keptFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await foreignAdmin.PutAsJsonAsync($"{ShopPath}/import-mapping", mapping)).StatusCode);
        var theirShop = await App.RegisterShopAsync(elsewhere, "Ailleurs", approve: true);
        Assert.Equal(HttpStatusCode.NotFound, (await foreignAdmin.GetAsync($"/api/coops/{elsewhere}/shops/{theirShop}/import-files/{keptFile}")).StatusCode);

        using var anonymous = App.CatalogClient(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{ShopPath}/import-files/{keptFile}")).StatusCode);

        // the neighbour's refused mapping changed nothing: this shop's file still lacks its columns
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"{ShopPath}/import-files/{keptFile}/preview", null)).StatusCode);
    }

    [Fact]
    public async Task A_file_over_5_MB_is_413()
    {
        var big = new StringBuilder(Header + "\n");
        for (var i = 0; big.Length <= 5 * 1024 * 1024; i++)
        {
            big.Append("SKU-").Append(i).Append(";Un produit avec un nom assez long pour remplir;Épicerie;1,00;20;1\n");
        }

        var response = await UploadAsync(Encoding.UTF8.GetBytes(big.ToString()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Only_the_shops_owners_and_admins_import_and_only_in_their_cooperative()
    {
        var preview = await PreviewAsync(Windows1252(Header, "CAFE-1;Café moulu;Épicerie;6,90;5,5;12"));
        var otherOwner = Guid.NewGuid();
        var otherShop = await App.RegisterShopAsync(_coop, "Boulangerie", owner: otherOwner, approve: true);
        var elsewhere = await App.OnboardAsync();

        // The owner of another shop may not upload to this shop, read its import, or commit it
        using var neighbour = App.CatalogClient(MarketplaceApp.Token(otherOwner, $"{_coop}:member"));
        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.PostAsync(ImportsPath, Csv(Windows1252(Header, "X-1;X;X;1;20;1")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.GetAsync($"{ImportsPath}/{preview}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.PostAsync($"{ImportsPath}/{preview}/commit", null)).StatusCode);

        // nor reach it through their own shop's route
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/api/coops/{_coop}/shops/{otherShop}/imports/{preview}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.PostAsync($"/api/coops/{_coop}/shops/{otherShop}/imports/{preview}/commit", null)).StatusCode);

        // An admin of another cooperative is refused, and this cooperative's import does not exist in theirs
        using var foreignAdmin = App.CatalogClient(MarketplaceApp.Token($"{elsewhere}:admin"));
        Assert.Equal(HttpStatusCode.Forbidden, (await foreignAdmin.GetAsync($"{ImportsPath}/{preview}")).StatusCode);
        var theirShop = await App.RegisterShopAsync(elsewhere, "Ailleurs", approve: true);
        Assert.Equal(HttpStatusCode.NotFound, (await foreignAdmin.GetAsync($"/api/coops/{elsewhere}/shops/{theirShop}/imports/{preview}")).StatusCode);

        // This cooperative's admin may
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_coop}:admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{ImportsPath}/{preview}")).StatusCode);
        Assert.Empty(await ProductsBySkuAsync());
    }

    private string ShopPath => $"/api/coops/{_coop}/shops/{_shop}";

    private string ImportsPath => $"{ShopPath}/imports";

    private string Database => TenantRegistry.DatabaseNameFor(_coop);

    private HttpClient OwnerClient() => App.CatalogClient(MarketplaceApp.Token(_owner, $"{_coop}:member"));

    private async Task<HttpResponseMessage> UploadAsync(byte[] file, string? fileName = null)
    {
        using var owner = OwnerClient();
        return await owner.PostAsync(ImportsPath + (fileName is null ? "" : "?fileName=" + Uri.EscapeDataString(fileName)), Csv(file));
    }

    private async Task<Guid> PreviewAsync(byte[] file)
    {
        var response = await UploadAsync(file);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<Dictionary<string, JsonElement>> ProductsBySkuAsync()
    {
        using var owner = OwnerClient();
        var products = await owner.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{_shop}/products?status=all");
        return products.EnumerateArray().ToDictionary(p => p.GetProperty("sku").GetString()!);
    }

    private async Task<long> EventCountAsync() => await App.ScalarAsync<long>(Database, "select count(*) from catalog.mt_events");

    private async Task<long> ProductEventCountAsync() =>
        await App.ScalarAsync<long>(Database, "select count(*) from catalog.mt_events where stream_id in (select id from catalog.mt_doc_product) or type = 'product_listed'");

    private static (int Listed, int Changed, int Unchanged) Result(JsonElement result) =>
        (result.GetProperty("listed").GetInt32(), result.GetProperty("changed").GetInt32(), result.GetProperty("unchanged").GetInt32());

    private static ByteArrayContent Csv(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    /// <summary>The lines as French Excel saves them: Windows-1252, CRLF.</summary>
    internal static byte[] Windows1252(params string[] lines)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetBytes(string.Join("\r\n", lines) + "\r\n");
    }
}
