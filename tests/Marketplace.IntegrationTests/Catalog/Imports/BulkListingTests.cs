using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Catalog.Imports.Committing;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Ordering.Catalog;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using CatalogContracts = Marketplace.Contracts.Catalog;

namespace Marketplace.IntegrationTests.Catalog.Imports;

/// <summary>
/// The products an import lists are written by COPY (BulkListing, ADR 0050), not by Marten's StartStream: their rows
/// must be Marten's own, and the products must then behave like any other (loaded from their events, searched,
/// changed, relayed).
/// </summary>
public sealed class BulkListingTests : MarketplaceTest
{
    private const string Header = "Référence;Libellé;Famille;Prix TTC;TVA;Quantité;Vendu au;Poids net;Allergènes;Labels;Origine";

    private TenantId _coop;
    private Guid _owner;
    private Guid _shop;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _coop = await App.OnboardAsync();
        _owner = Guid.NewGuid();
        _shop = await App.RegisterShopAsync(_coop, "Crèmerie du Marché", owner: _owner, approve: true);
        await App.OpenForOrdersAsync(_coop, _shop); // the tests count Catalog's events and rows
    }

    [Fact]
    public async Task A_bulk_listed_product_has_the_rows_Marten_writes_for_the_same_events_in_every_table()
    {
        // Given the events an import decides for a new product sold by weight, with stock (taken from a committed import)
        var template = (await ImportAsync("COMTE;Comté 18 mois;Crèmerie;8,20;5,5;7;au poids;250 g;Lait;AOP;Jura")).Single().Value;
        IReadOnlyList<object> events;
        await using (var session = Sessions.QuerySession(_coop))
        {
            events = [.. (await session.Events.FetchStreamAsync(template)).Select(e => e.Data)];
        }

        Assert.Equal([typeof(ProductListed), typeof(ProductFoodInformationSet), typeof(StockAdjusted)], events.Select(e => e.GetType()));
        Guid marten = Guid.CreateVersion7(), bulk = Guid.CreateVersion7();
        var before = await RowCountsAsync();

        // When one product is listed by Marten's StartStream and the other by BulkListing, each in a transaction of its own
        await using (var transaction = await Sessions.BeginTransactionAsync(_coop, CancellationToken.None))
        {
            await using var session = transaction.OpenSession();
            session.Events.StartStream<Product>(marten, For(events, marten, "BY-MARTEN"));
            await session.SaveChangesAsync();
            await transaction.CommitAsync(CancellationToken.None);
        }

        var afterMarten = await RowCountsAsync();
        await using (var transaction = await Sessions.BeginTransactionAsync(_coop, CancellationToken.None))
        {
            await using var session = transaction.OpenSession();
            await BulkListing.WriteAsync(session, [(bulk, For(events, bulk, "BY-BULK"))], DateTimeOffset.UtcNow, CancellationToken.None);
            await session.SaveChangesAsync();
            await transaction.CommitAsync(CancellationToken.None);
        }

        var afterBulk = await RowCountsAsync();

        // Then both wrote as many rows in the same tables (whatever inline projection Marten runs, the bulk path misses none)
        var byMarten = Delta(before, afterMarten);
        Assert.Equal(byMarten, Delta(afterMarten, afterBulk));
        Assert.Equal(["mt_doc_product", "mt_events", "mt_streams", "search_listings"], byMarten.Keys.Order(StringComparer.Ordinal));

        // and the same rows, column by column, but for the ids, the sequence numbers and the times
        foreach (var (table, key, order) in new[] { ("mt_streams", "id", "id"), ("mt_events", "stream_id", "version"), ("mt_doc_product", "id", "id"), ("search_listings", "id", "id") })
        {
            var expected = await RowsAsync(table, key, order, marten, "BY-MARTEN");
            var actual = await RowsAsync(table, key, order, bulk, "BY-BULK");
            Assert.Equal(expected, actual);
        }

        // and the events' sequence numbers come after every earlier event, as Marten's append takes them
        var sequences = await App.ScalarAsync<long>(Database, "select count(*) from catalog.mt_events where stream_id = $1 and seq_id > (select max(seq_id) from catalog.mt_events where stream_id = $2)", bulk, marten);
        Assert.Equal(3L, sequences);
    }

    [Fact]
    public async Task Products_listed_by_an_import_load_from_their_events_are_found_change_and_reach_Ordering()
    {
        // Given products listed by an import
        var listed = await ImportAsync(
            "COMTE;Comté 18 mois;Crèmerie;8,20;5,5;7;au poids;250 g;Lait;AOP;Jura",
            "TOMME;Tomme de Savoie;Crèmerie;6,40;5,5;0;pièce;300 g;Lait;;Savoie",
            "BEURRE;Beurre demi-sel;Crèmerie;3,10;5,5;12;;;;;");

        // Then each snapshot is what its events fold to, at the stream's version
        await using (var session = Sessions.QuerySession(_coop))
        {
            foreach (var id in listed.Values)
            {
                var snapshot = await session.LoadAsync<Product>(id);
                var folded = await session.Events.AggregateStreamAsync<Product>(id);
                Assert.NotNull(snapshot);
                Assert.Equal(JsonSerializer.Serialize(folded), JsonSerializer.Serialize(snapshot));
                var state = await session.Events.FetchStreamStateAsync(id);
                Assert.Equal((await session.Events.FetchStreamAsync(id)).Count, state!.Version);
            }
        }

        // and the storefront search finds them with their stock
        using var anonymous = App.CatalogClient();
        var found = await anonymous.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/products?q={Uri.EscapeDataString("comté")}");
        var comte = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal(listed["COMTE"], comte.GetProperty("id").GetGuid());
        Assert.Contains("Beurre demi-sel", (await anonymous.GetStringAsync($"/api/coops/{_coop}/products?q=beurre")), StringComparison.Ordinal);

        // and Ordering gets each listing through the relay, as the message of the committed event
        foreach (var (sku, id) in listed)
        {
            var received = await App.Probe.WaitForAsync<CatalogContracts.ProductListed>(e => e.ProductId == id);
            var eventId = await App.ScalarAsync<Guid>(Database, "select id from catalog.mt_events where stream_id = $1 and type = 'product_listed'", id);
            Assert.Equal(eventId, received.MessageId);
            Assert.Equal(_coop, received.Message.Tenant);
        }

        await Eventually.TrueAsync(async () =>
        {
            await using var ordering = App.Ordering.Services.GetRequiredService<CooperativeSessions>().QuerySession(_coop);
            return (await ordering.LoadManyAsync<ProductCopy>(listed.Values)).Count == listed.Count;
        }, "Ordering's copies of the imported products");

        // When the owner changes the price and the stock of one through the usual endpoints
        using var owner = OwnerClient();
        var beurre = listed["BEURRE"];
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products/{beurre}/price-changes", new { price = new { minor = 350, currency = "EUR" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"/api/coops/{_coop}/shops/{_shop}/products/{beurre}/stock-adjustments", new { quantity = 3, reason = "restock" })).StatusCode);

        // Then its stream goes on from the bulk-written version, and the snapshot, the search and Ordering follow
        await using (var session = Sessions.QuerySession(_coop))
        {
            var versions = (await session.Events.FetchStreamAsync(beurre)).Select(e => e.Version);
            Assert.Equal([1L, 2L, 3L, 4L], versions);
            Assert.Equal(4, (await session.Events.FetchStreamStateAsync(beurre))!.Version);
            var snapshot = await session.LoadAsync<Product>(beurre);
            Assert.Equal((350L, 15), (snapshot!.Price.Minor, snapshot.Stock.OnHand));
            Assert.Equal(JsonSerializer.Serialize(await session.Events.AggregateStreamAsync<Product>(beurre)), JsonSerializer.Serialize(snapshot));
        }

        Assert.Equal(15, await App.ScalarAsync<int>(Database, "select on_hand from catalog.search_listings where id = $1", beurre));
        Assert.Equal(350L, await App.ScalarAsync<long>(Database, "select price_minor from catalog.search_listings where id = $1", beurre));
        await App.Probe.WaitForAsync<CatalogContracts.ProductPriceChanged>(e => e.ProductId == beurre);
    }

    private string Database => TenantRegistry.DatabaseNameFor(_coop);

    private CooperativeSessions Sessions => App.Catalog.Services.GetRequiredService<CooperativeSessions>();

    private HttpClient OwnerClient() => App.CatalogClient(MarketplaceApp.Token(_owner, $"{_coop}:member"));

    /// <summary>Uploads and commits the rows; the listed products by reference.</summary>
    private async Task<Dictionary<string, Guid>> ImportAsync(params string[] rows)
    {
        using var owner = OwnerClient();
        using var content = new ByteArrayContent(ImportingCsvTests.Windows1252([Header, .. rows]));
        content.Headers.ContentType = new("text/csv");
        var uploaded = await owner.PostAsync($"/api/coops/{_coop}/shops/{_shop}/imports", content);
        var preview = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(preview.GetProperty("canCommit").GetBoolean(), preview.ToString());
        var committed = await owner.PostAsync($"/api/coops/{_coop}/shops/{_shop}/imports/{preview.GetProperty("id").GetGuid()}/commit", null);
        Assert.True(committed.StatusCode == HttpStatusCode.OK, await committed.Content.ReadAsStringAsync());
        Assert.Equal(rows.Length, (await committed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listed").GetInt32());
        var products = await owner.GetFromJsonAsync<JsonElement>($"/api/coops/{_coop}/shops/{_shop}/products?status=all");
        return products.EnumerateArray().ToDictionary(p => p.GetProperty("sku").GetString()!, p => p.GetProperty("id").GetGuid());
    }

    private static List<object> For(IReadOnlyList<object> events, Guid id, string sku) =>
    [
        .. events.Select(object (e) => e switch
        {
            ProductListed listed => listed with { ProductId = id, Sku = sku },
            ProductFoodInformationSet food => food with { ProductId = id },
            StockAdjusted stock => stock with { ProductId = id },
            _ => throw new InvalidOperationException(e.GetType().Name),
        }),
    ];

    /// <summary>The rows of every table of the catalog schema but the daemon's progress (written by the relay, on its own time).</summary>
    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        await using var connection = await App.OpenAsync(Database);
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = 'catalog' and table_type = 'BASE TABLE' and table_name <> 'mt_event_progression'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from catalog.\"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    private static Dictionary<string, long> Delta(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Where(t => t.Value != before.GetValueOrDefault(t.Key)).ToDictionary(t => t.Key, t => t.Value - before.GetValueOrDefault(t.Key));

    /// <summary>A product's rows of a table as JSON, its id and reference blanked, the columns that differ by nature left out.</summary>
    private async Task<List<string>> RowsAsync(string table, string key, string order, Guid id, string sku)
    {
        string[] volatileColumns = ["seq_id", "timestamp", "created", "mt_last_modified"];
        await using var connection = await App.OpenAsync(Database);
        await using var command = new NpgsqlCommand($"select row_to_json(t)::text from catalog.{table} t where {key} = $1 order by {order}", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = JsonNode.Parse(reader.GetString(0)!.Replace(id.ToString(), "<id>", StringComparison.Ordinal).Replace(sku, "<sku>", StringComparison.Ordinal))!.AsObject();
            foreach (var column in volatileColumns)
            {
                Assert.True(!row.ContainsKey(column) || row[column] is not null, $"{table}.{column} is null");
                row.Remove(column);
            }

            if (table == "mt_events")
            {
                Assert.NotEqual(Guid.Empty, row["id"]!.GetValue<Guid>());
                row.Remove("id");
                // the trace differs from one request to the next: what matters is that it is there
                row["headers"] = row["headers"] is JsonObject headers ? new JsonArray([.. headers.Select(h => (JsonNode)h.Key)]) : null;
            }

            rows.Add(row.ToJsonString());
        }

        Assert.NotEmpty(rows);
        return rows;
    }
}
