using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Accounts;
using Marketplace.IntegrationTests.Catalog.Photos;
using Marketplace.IntegrationTests.Gateway;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;
using CatalogContracts = Marketplace.Contracts.Catalog;

namespace Marketplace.IntegrationTests.Export;

/// <summary>A cooperative's admin downloads everything it holds; nothing of another cooperative is in it; it restores.</summary>
public sealed class ExportingCooperativeDataTests : GatewayTest
{
    private TenantId _a;
    private TenantId _b;
    private Guid _shopA;
    private Guid _shopB;
    private string _shopBName = null!;
    private string _memberA = null!;
    private string _memberB = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _a = await App.OnboardAsync();
        _b = await App.OnboardAsync();
        _shopA = await App.RegisterShopAsync(_a, "Boulangerie A", approve: true);
        _shopBName = $"Distinctive-B-{Guid.NewGuid():N}";
        _shopB = await App.RegisterShopAsync(_b, _shopBName, approve: true);
        _memberA = AccountsApi.NewEmail("member-a");
        _memberB = AccountsApi.NewEmail("member-b");
        await App.SignUpAsync(_memberA);
        await App.SignUpAsync(_memberB);
        await AddMemberAsync(_a, _memberA);
        await AddMemberAsync(_b, _memberB);
        await WaitUntilAcceptsOrdersAsync(_a, _shopA);
        await WaitUntilAcceptsOrdersAsync(_b, _shopB);
        await SetFeePolicyAsync(_a, 750);
        await SetFeePolicyAsync(_b, 250);
    }

    [Fact]
    public async Task Admin_downloads_every_service_of_their_cooperative_and_nothing_of_another()
    {
        using var client = Gateway.Client(MarketplaceApp.Token($"{_a}:admin"));
        using var response = await client.GetAsync($"/api/coops/{_a}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var files = zip.Entries.ToDictionary(e => e.FullName, e => Read(e));
        Assert.Equal(["catalog.jsonl", "governance.jsonl", "manifest.json", "ordering.jsonl", "payments.jsonl", "platform.jsonl"], files.Keys.Order(StringComparer.Ordinal));

        // The manifest names each file, its row counts and a SHA-256 that matches.
        using var manifest = JsonDocument.Parse(files["manifest.json"]);
        Assert.Equal("marketplace-export/1", manifest.RootElement.GetProperty("format").GetString());
        Assert.Equal(_a.Value, manifest.RootElement.GetProperty("cooperative").GetString());
        foreach (var file in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            var content = files[file.GetProperty("file").GetString()!];
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))));
        }

        var catalog = Lines(files["catalog.jsonl"]);
        Assert.Equal("manifest", catalog[0].GetProperty("kind").GetString());
        Assert.Equal(_a.Value, catalog[0].GetProperty("cooperative").GetString());
        Assert.Equal("end", catalog[^1].GetProperty("kind").GetString());
        Assert.Contains(Rows(catalog, "mt_events"), row => row.GetProperty("stream_id").GetGuid() == _shopA);
        Assert.Contains(Rows(catalog, "mt_streams"), row => row.GetProperty("id").GetGuid() == _shopA);
        Assert.Contains(Rows(catalog, "mt_doc_shop"), row => row.GetProperty("id").GetGuid() == _shopA && row.GetProperty("data").GetProperty("Name").GetString() == "Boulangerie A");
        Assert.NotEmpty(Rows(catalog, "mt_event_progression"));
        var seqIds = Rows(catalog, "mt_events").Select(row => row.GetProperty("seq_id").GetInt64()).ToList();
        Assert.Equal(seqIds.Order(), seqIds);
        Assert.Equal(catalog.Count - 2, catalog[^1].GetProperty("rows").EnumerateObject().Sum(table => table.Value.GetInt64()));

        var ordering = Lines(files["ordering.jsonl"]);
        Assert.Contains(Rows(ordering, "mt_events"), row => row.GetProperty("stream_id").GetGuid() == _shopA);
        Assert.NotEmpty(Rows(ordering, "mt_doc_processedmessage"));

        var payments = Lines(files["payments.jsonl"]);
        Assert.Contains(Rows(payments, "mt_doc_feepolicyhistory"), row => row.GetProperty("data").GetProperty("Versions")[0].GetProperty("Terms").GetProperty("FeeRate").GetInt32() == 750);
        Assert.Single(Rows(payments, "mt_events"), row => row.GetProperty("type").GetString() == "fee_policy_set");

        var platform = Lines(files["platform.jsonl"]);
        Assert.Equal(_a.Value, Assert.Single(Rows(platform, "mt_doc_cooperative")).GetProperty("id").GetString());
        Assert.Contains(Rows(platform, "mt_events"), row => row.GetProperty("stream_id").GetString() == _a.Value);
        Assert.Contains(Rows(platform, "account_profiles"), row => row.GetProperty("email").GetString() == _memberA);
        Assert.All(Rows(platform, "mt_doc_membership"), row => Assert.Equal(_a.Value, row.GetProperty("data").GetProperty("Cooperative").GetString()));
        Assert.DoesNotContain("PasswordHash", files["platform.jsonl"], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SecurityStamp", files["platform.jsonl"], StringComparison.OrdinalIgnoreCase);

        // Nothing of cooperative B, anywhere: its slug, its shop, its shop's name, its member.
        foreach (var (name, content) in files)
        {
            Assert.False(content.Contains(_b.Value, StringComparison.Ordinal), $"{name} mentions cooperative {_b}");
            Assert.False(content.Contains(_shopB.ToString(), StringComparison.Ordinal), $"{name} holds B's shop");
            Assert.False(content.Contains(_shopBName, StringComparison.Ordinal), $"{name} holds B's shop name");
            Assert.False(content.Contains(_memberB, StringComparison.OrdinalIgnoreCase), $"{name} holds B's member");
        }
    }

    [Theory]
    [InlineData("platform")]
    [InlineData("catalog")]
    [InlineData("ordering")]
    [InlineData("governance")]
    [InlineData("payments")]
    public async Task Each_service_part_is_also_reachable_through_the_gateway(string service)
    {
        using var client = Gateway.Client(MarketplaceApp.Token($"{_a}:admin"));
        using var response = await client.GetAsync($"/api/coops/{_a}/export/{service}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = Lines(await response.Content.ReadAsStringAsync());
        Assert.Equal(service, lines[0].GetProperty("service").GetString());
        Assert.Equal("end", lines[^1].GetProperty("kind").GetString());
        using var member = Gateway.Client(MarketplaceApp.Token($"{_a}:member"));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/coops/{_a}/export/{service}")).StatusCode);
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData("member", HttpStatusCode.Forbidden)]
    [InlineData("shop_owner", HttpStatusCode.Forbidden)]
    [InlineData("other-admin", HttpStatusCode.Forbidden)]
    public async Task Only_an_admin_of_the_cooperative_downloads_it(string caller, HttpStatusCode expected)
    {
        var token = caller switch
        {
            "anonymous" => null,
            "other-admin" => MarketplaceApp.Token($"{_b}:admin"),
            _ => MarketplaceApp.Token($"{_a}:{caller}"),
        };
        using var client = Gateway.Client(token);

        using var response = await client.GetAsync($"/api/coops/{_a}/export");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_catalog_export_restores_into_an_empty_schema_and_the_relay_publishes_nothing_again()
    {
        await App.Probe.WaitForAsync<CatalogContracts.ShopRegistered>(e => e.ShopId == _shopA);
        // The shop's photo lives in the cooperative's catalog schema: it goes out with the export and comes back with the restore.
        using var admin = App.CatalogClient(MarketplaceApp.Token($"{_a}:admin"));
        using var uploaded = await admin.PostAsync($"/api/coops/{_a}/shops/{_shopA}/photo", PhotosTests.Form(PhotoFiles.Jpeg(640, 480), "vitrine.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var photoUrl = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var photoBytes = await App.CatalogClient().GetByteArrayAsync(photoUrl);
        var export = await ExportAsync(_a, "catalog");
        var database = TenantRegistry.DatabaseNameFor(_a);

        // Simulates the fresh database: the schema is there, empty.
        await using (var connection = await App.OpenAsync(database))
        {
            await ExecuteAsync(connection, """
                do $$ declare t text; begin
                  for t in select table_name from information_schema.tables
                           where table_schema = 'catalog' and table_type = 'BASE TABLE' and table_name <> 'mt_event_progression' loop
                    execute format('truncate catalog.%I cascade', t);
                  end loop;
                end $$
                """);
            Assert.Equal(HttpStatusCode.NotFound, (await App.CatalogClient().GetAsync($"/api/coops/{_a}/shops/{_shopA}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await App.CatalogClient().GetAsync(photoUrl)).StatusCode);
            await RestoreAsync(connection, export);
        }

        var shop = await App.CatalogClient().GetFromJsonAsync<JsonElement>($"/api/coops/{_a}/shops/{_shopA}");
        Assert.Equal("Boulangerie A", shop.GetProperty("name").GetString());
        Assert.Equal(photoUrl, shop.GetProperty("photo").GetProperty("url").GetString());
        Assert.Equal(photoBytes, await App.CatalogClient().GetByteArrayAsync(photoUrl));
        Assert.True(shop.GetProperty("acceptsOrders").GetBoolean());
        Assert.Equal(WithoutManifest(export), WithoutManifest(await ExportAsync(_a, "catalog")));

        // New events continue after the restored sequence numbers.
        var next = await App.RegisterShopAsync(_a, "Après restauration");
        var seq = await App.ScalarAsync<long>(database, "select seq_id from catalog.mt_events where stream_id = $1", next);
        var restoredMax = Lines(export).Where(l => l.GetProperty("kind").GetString() == "row" && l.GetProperty("table").GetString() == "mt_events").Max(l => l.GetProperty("row").GetProperty("seq_id").GetInt64());
        Assert.True(seq > restoredMax, $"seq_id {seq} after the restored {restoredMax}");
        await App.Probe.WaitForAsync<CatalogContracts.ShopRegistered>(e => e.ShopId == next);
        Assert.Single(App.Probe.Of<CatalogContracts.ShopRegistered>(e => e.ShopId == _shopA));
    }

    [Fact]
    public async Task A_restore_into_another_cooperative_or_a_schema_with_data_is_refused()
    {
        var export = await ExportAsync(_a, "catalog");

        await using (var other = await App.OpenAsync(TenantRegistry.DatabaseNameFor(_b)))
        {
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => RestoreAsync(other, export));
            Assert.Contains("not of this database", refused.MessageText, StringComparison.Ordinal);
        }

        await using var own = await App.OpenAsync(TenantRegistry.DatabaseNameFor(_a));
        var notEmpty = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => RestoreAsync(own, export));
        Assert.Contains("already holds", notEmpty.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payments_export_restores_the_fee_policy_and_its_history()
    {
        var export = await ExportAsync(_a, "payments");
        var database = TenantRegistry.DatabaseNameFor(_a);

        // Simulates the fresh database: the schema is there, empty (the policy back to the default).
        await using (var connection = await App.OpenAsync(database))
        {
            await ExecuteAsync(connection, """
                do $$ declare t text; begin
                  for t in select table_name from information_schema.tables
                           where table_schema = 'payments' and table_type = 'BASE TABLE' and table_name <> 'mt_event_progression' loop
                    execute format('truncate payments.%I cascade', t);
                  end loop;
                end $$
                """);
            Assert.Equal(0, (await FeePolicyAsync(_a)).GetProperty("version").GetInt32());
            await RestoreAsync(connection, export);
        }

        var policy = await FeePolicyAsync(_a);
        Assert.Equal(1, policy.GetProperty("version").GetInt32());
        Assert.Equal(750, policy.GetProperty("feeRate").GetInt32());
        Assert.Equal(2, policy.GetProperty("history").GetArrayLength());
        Assert.Equal(WithoutManifest(export), WithoutManifest(await ExportAsync(_a, "payments")));
    }

    private async Task SetFeePolicyAsync(TenantId tenant, int feeRate)
    {
        using var client = Gateway.Client(MarketplaceApp.Token($"{tenant}:admin"));
        using var response = await client.PutAsJsonAsync($"/api/coops/{tenant}/payments/fee-policy", new
        {
            expectedVersion = 0,
            feeRate,
            feeBase = "excludingVat",
            feeVatRate = 2000,
            stripeRefundFeeBorneBy = "cooperative",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonElement> FeePolicyAsync(TenantId tenant)
    {
        using var client = App.PaymentsClient(MarketplaceApp.Token($"{tenant}:member"));
        return await client.GetFromJsonAsync<JsonElement>($"/api/coops/{tenant}/payments/fee-policy");
    }

    /// <summary>The export but its first line (the manifest has the time of the export).</summary>
    private static string WithoutManifest(string export) => export[(export.IndexOf('\n', StringComparison.Ordinal) + 1)..];

    private async Task<string> ExportAsync(TenantId tenant, string service)
    {
        using var client = service switch
        {
            "catalog" => App.Catalog.CreateClient(),
            "payments" => App.Payments.CreateClient(),
            _ => App.Ordering.CreateClient(),
        };
        client.DefaultRequestHeaders.Authorization = new("Bearer", MarketplaceApp.Token($"{tenant}:admin"));
        using var response = await client.GetAsync($"/api/coops/{tenant}/export/{service}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>What README.md's restore steps do with psql: load the lines into export_lines, run the script, in one transaction.</summary>
    private static async Task RestoreAsync(Npgsql.NpgsqlConnection connection, string export)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "create temp table export_lines (n bigserial, line jsonb) on commit drop");
        await using (var copy = await connection.BeginTextImportAsync("copy export_lines (line) from stdin with (format csv, quote e'\\x01', delimiter e'\\x02')"))
        {
            await copy.WriteAsync(export);
        }

        await ExecuteAsync(connection, await File.ReadAllTextAsync(Path.Combine(TestInfrastructure.RepositoryRoot(), "deploy", "restore", "restore-service.sql")));
        await transaction.CommitAsync();
    }

    private static async Task ExecuteAsync(Npgsql.NpgsqlConnection connection, string sql)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task AddMemberAsync(TenantId tenant, string email)
    {
        using var client = App.PlatformClient(MarketplaceApp.Token($"{tenant}:admin"));
        var response = await client.PostAsJsonAsync($"/api/coops/{tenant}/memberships", new { email, role = "customer" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task WaitUntilAcceptsOrdersAsync(TenantId tenant, Guid shop)
    {
        using var client = App.CatalogClient();
        // Ordering opens a shop for orders once Catalog's profile says approved and Payments says it can receive
        // transfers (ADR 33): the payouts told here as Payments tells them.
        await App.PayoutsPossibleAsync(tenant, shop);
        await Eventually.TrueAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"/api/coops/{tenant}/shops/{shop}")).GetProperty("acceptsOrders").GetBoolean(),
            $"shop {shop} accepting orders");
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static List<JsonElement> Lines(string jsonl) =>
        jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

    private static List<JsonElement> Rows(List<JsonElement> lines, string table) =>
        lines.Where(l => l.GetProperty("kind").GetString() == "row" && l.GetProperty("table").GetString() == table)
            .Select(l => l.GetProperty("row"))
            .ToList();
}
