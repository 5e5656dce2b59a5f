using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Platform.Cooperatives;
using Marketplace.Platform.Cooperatives.Onboarding;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PlatformContracts = Marketplace.Contracts.Platform;

namespace Marketplace.IntegrationTests.Cooperatives;

public sealed class OnboardingCooperativeTests : MarketplaceTest
{
    private static object Request(string slug, string country = "FR", string currency = "EUR", string[]? languages = null, string name = "Coop du Marché") =>
        new { slug, name, country, currency, languages = languages ?? ["fr", "en"] };

    [Fact]
    public async Task Cooperatives_are_listed_a_page_at_a_time_by_name()
    {
        // Given three cooperatives whose names share a word no other has
        var word = "Pagination" + Guid.NewGuid().ToString("N")[..8];
        using var client = App.PlatformClient(MarketplaceApp.Token());
        var slugs = new List<string>();
        foreach (var town in new[] { "Crest", "Albi", "Blois" })
        {
            var slug = MarketplaceApp.NewSlug();
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/cooperatives", Request(slug.Value, name: $"{town} {word}"))).StatusCode);
            slugs.Add(slug.Value);
        }

        using (var admin = App.PlatformClient(MarketplaceApp.PlatformAdminToken()))
        {
            foreach (var slug in slugs)
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/cooperatives/{slug}/approval", null)).StatusCode);
            }
        }

        // When anyone lists them two at a time
        var first = await client.GetFromJsonAsync<JsonElement>($"/api/cooperatives?q={word.ToLowerInvariant()}&pageSize=2");
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/cooperatives?q={word}&pageSize=2&page=2");

        // Then the pages hold them by name, say how many there are, and never more than asked
        Assert.Equal([$"Albi {word}", $"Blois {word}"], first.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal([$"Crest {word}"], second.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(3, first.GetProperty("total").GetInt64());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(50, (await client.GetFromJsonAsync<JsonElement>("/api/cooperatives")).GetProperty("pageSize").GetInt32());
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task A_page_out_of_bounds_is_a_field_error(string query, string field)
    {
        using var client = App.PlatformClient();

        var response = await client.GetAsync($"/api/cooperatives?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task New_cooperative_works_at_its_address_waits_for_approval_and_is_announced_with_its_tenant_and_database()
    {
        var slug = MarketplaceApp.NewSlug();
        using var client = App.PlatformClient(MarketplaceApp.Token());

        var response = await client.PostAsJsonAsync("/api/cooperatives", Request(slug.Value, name: $"Coop du Marché {slug}"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/cooperatives/{slug}", response.Headers.Location?.ToString());
        var one = await client.GetFromJsonAsync<JsonElement>($"/api/cooperatives/{slug}");
        Assert.Equal($"Coop du Marché {slug}", one.GetProperty("name").GetString());
        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/cooperatives?q={slug}");
        Assert.Empty(listed.GetProperty("items").EnumerateArray()); // on the public list once a platform admin approves it

        var announced = await App.Probe.WaitForAsync<PlatformContracts.CooperativeOnboarded>(e => e.Tenant == slug);
        Assert.Equal(slug.Value, announced.TenantHeader);
        Assert.Equal(1L, await App.ScalarAsync<long>("postgres", "select count(*) from pg_database where datname = $1", TenantRegistry.DatabaseNameFor(slug)));
        Assert.Equal(1L, await App.ScalarAsync<long>(App.PlatformDatabase, "select count(*) from tenancy.mt_tenant_databases where tenant_id = $1", slug.Value));
    }

    [Fact]
    public async Task Every_service_uses_a_new_cooperative_within_60_seconds_without_restart_and_relays_there()
    {
        var clock = Stopwatch.StartNew();
        var tenant = await App.OnboardAsync();
        using var catalog = App.CatalogClient(MarketplaceApp.Token($"{tenant}:member"));

        // Catalog writes in the new database; its relay there tells Ordering, whose relay there tells Catalog back.
        var shop = await App.RegisterShopAsync(tenant, "Épicerie Martin", approve: true);
        await App.PayoutsPossibleAsync(tenant, shop);
        var location = $"/api/coops/{tenant}/shops/{shop}";
        await Eventually.TrueAsync(
            async () => (await catalog.GetFromJsonAsync<JsonElement>(location)).GetProperty("acceptsOrders").GetBoolean(),
            "Ordering to open the shop for orders");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");

        // Both services relayed there, each under its own lock id, and neither keeps the lock once done.
        var database = TenantRegistry.DatabaseNameFor(tenant);
        Assert.True(await RelayProgressAsync(database, "catalog") > 0);
        Assert.True(await RelayProgressAsync(database, "ordering") > 0);
        await Eventually.TrueAsync(async () => (await AdvisoryLocksAsync(database)).Count == 0, "the relays to let go of their locks");
    }

    [Fact]
    public async Task A_quiet_cooperative_holds_no_connection()
    {
        var tenant = await App.OnboardAsync();
        await App.RegisterShopAsync(tenant, "Boulangerie du coin", approve: true);
        var database = TenantRegistry.DatabaseNameFor(tenant);

        // Idle connections close after Marketplace:ConnectionIdleLifetime (30 s): nothing polls a quiet cooperative.
        await Eventually.TrueAsync(
            async () => await App.ScalarAsync<long>("postgres", "select count(*) from pg_stat_activity where datname = $1", database) == 0,
            "every service to close its connections to " + database,
            TimeSpan.FromSeconds(90));
        // And it stays so: no daemon comes back to poll it.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(0L, await App.ScalarAsync<long>("postgres", "select count(*) from pg_stat_activity where datname = $1", database));
    }

    private Task<long> RelayProgressAsync(string database, string schema) =>
        App.ScalarAsync<long>(database, $"select coalesce(max(last_seq_id), 0) from {schema}.mt_event_progression where name like 'integration-event-relay%'");

    [Fact]
    public async Task An_account_whose_e_mail_address_is_not_confirmed_creates_no_cooperative()
    {
        var slug = MarketplaceApp.NewSlug();
        using var client = App.PlatformClient(MarketplaceApp.UnconfirmedToken(Guid.NewGuid()));

        var response = await client.PostAsJsonAsync("/api/cooperatives", Request(slug.Value));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("account.email_unconfirmed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/cooperatives/{slug}")).StatusCode);
        Assert.Equal(0L, await App.ScalarAsync<long>("postgres", "select count(*) from pg_database where datname = $1", TenantRegistry.DatabaseNameFor(slug)));
    }

    [Fact]
    public async Task Duplicate_slug_gets_409_and_changes_nothing()
    {
        var tenant = await App.OnboardAsync();
        using var client = App.PlatformClient(MarketplaceApp.Token());

        var response = await client.PostAsJsonAsync("/api/cooperatives", Request(tenant.Value, name: "Someone else"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["slug"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var existing = await client.GetFromJsonAsync<JsonElement>($"/api/cooperatives/{tenant}");
        Assert.Equal("Coop " + tenant.Value, existing.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("Bad_Slug", "FR", "EUR", "fr", "slug")]
    [InlineData("ab", "FR", "EUR", "fr", "slug")]
    [InlineData("good-slug-1", "France", "EUR", "fr", "country")]
    [InlineData("good-slug-2", "XX", "EUR", "fr", "country")]
    [InlineData("good-slug-3", "FR", "EURO", "fr", "currency")]
    [InlineData("good-slug-4", "FR", "EUR", "de", "languages")]
    public async Task Invalid_request_gets_400_with_the_field_in_error_and_creates_nothing(
        string slug, string country, string currency, string language, string field)
    {
        using var client = App.PlatformClient(MarketplaceApp.Token());

        var response = await client.PostAsJsonAsync("/api/cooperatives", Request(slug, country, currency, [language], name: $"Refused {slug}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal([field], errors);
        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/cooperatives?q={Uri.EscapeDataString($"Refused {slug}")}");
        Assert.Equal(0, listed.GetProperty("total").GetInt64());
        if (TenantId.IsValid(slug))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/cooperatives/{slug}")).StatusCode);
            Assert.Equal(0L, await App.ScalarAsync<long>("postgres", "select count(*) from pg_database where datname = $1", TenantRegistry.DatabaseNameFor(TenantId.Parse(slug))));
        }
    }

    [Fact]
    public async Task Unknown_member_in_the_body_gets_400_problem_details()
    {
        using var client = App.PlatformClient(MarketplaceApp.Token());

        var response = await client.PostAsJsonAsync("/api/cooperatives", new
        {
            slug = MarketplaceApp.NewSlug().Value,
            name = "x",
            country = "FR",
            currency = "EUR",
            languages = new[] { "fr" },
            fee = 5,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["fee"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("Marketplace.", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_concurrent_requests_for_one_new_slug_create_one_cooperative()
    {
        var slug = MarketplaceApp.NewSlug();
        using var client = App.PlatformClient(MarketplaceApp.Token());

        var responses = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => client.PostAsJsonAsync("/api/cooperatives", Request(slug.Value))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await App.Probe.WaitForAsync<PlatformContracts.CooperativeOnboarded>(e => e.Tenant == slug);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a second announcement would arrive by now
        Assert.Single(App.Probe.Of<PlatformContracts.CooperativeOnboarded>(e => e.Tenant == slug));
        Assert.Equal(1L, await App.ScalarAsync<long>(App.PlatformDatabase, "select count(*) from tenancy.mt_tenant_databases where tenant_id = $1", slug.Value));
    }

    [Fact]
    public async Task Failed_provisioning_leaves_nothing_half_created_and_the_slug_free()
    {
        // Given a registry row for the slug that no cooperative owns (left by an earlier crash): registering fails.
        var slug = MarketplaceApp.NewSlug();
        var orphan = App.Platform.Services.GetRequiredService<MarketplaceSettings>().DatabaseConnectionString(TenantRegistry.DatabaseNameFor(slug), 3);
        await App.ScalarAsync<object>(App.PlatformDatabase,
            "insert into tenancy.mt_tenant_databases (tenant_id, connection_string) values ($1, $2)", slug.Value, orphan);
        using var client = App.PlatformClient(MarketplaceApp.Token());

        var failed = await client.PostAsJsonAsync("/api/cooperatives", Request(slug.Value));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The cooperative could not be created.", (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        // (the answer comes within CooperativeProvisioner.AnswerWithin; dropping the database may take longer)
        await Eventually.TrueAsync(
            async () => await App.ScalarAsync<long>("postgres", "select count(*) from pg_database where datname = $1", TenantRegistry.DatabaseNameFor(slug)) == 0
                && (await client.GetAsync($"/api/cooperatives/{slug}")).StatusCode == HttpStatusCode.NotFound,
            "the failed attempt's database and claim to be gone", DroppingADatabase);
        Assert.Equal(orphan, await App.ScalarAsync<string>(App.PlatformDatabase,
            "select connection_string from tenancy.mt_tenant_databases where tenant_id = $1", slug.Value)); // not ours: untouched

        // Once the cause is gone, the same slug onboards normally.
        await App.ScalarAsync<object>(App.PlatformDatabase, "delete from tenancy.mt_tenant_databases where tenant_id = $1", slug.Value);
        Assert.Equal(slug, await App.OnboardAsync(slug));
    }

    [Fact]
    public async Task Onboarding_abandoned_by_a_crashed_process_is_undone_and_frees_the_slug()
    {
        // Given what a process that died mid-onboarding leaves: a claim from ten minutes ago, a database and a registry row
        var abandoned = MarketplaceApp.NewSlug();
        var recent = MarketplaceApp.NewSlug();
        var store = App.Platform.Services.GetRequiredService<IDocumentStore>();
        var settings = App.Platform.Services.GetRequiredService<MarketplaceSettings>();
        await using (var session = store.LightweightSession())
        {
            session.Insert(Claim(abandoned, DateTimeOffset.UtcNow.AddMinutes(-10)));
            session.Insert(Claim(recent, DateTimeOffset.UtcNow)); // an onboarding still in progress
            await session.SaveChangesAsync();
        }

        await App.DatabaseDdlAsync($"create database \"{TenantRegistry.DatabaseNameFor(abandoned)}\"");
        await App.Platform.Services.GetRequiredService<TenantRegistry>().RegisterAsync(
            abandoned, settings.DatabaseConnectionString(TenantRegistry.DatabaseNameFor(abandoned), 3), CancellationToken.None);

        // When the sweeper runs (this call, or the Platform's own periodic sweep when it comes first: the claim is the
        // one either of them takes, so this call may find nothing left to do)
        var swept = await App.Platform.Services.GetRequiredService<AbandonedOnboardingSweeper>().SweepAsync(CancellationToken.None);

        // Then the abandoned attempt is gone entirely, the one in progress untouched, and the slug can be onboarded
        Assert.DoesNotContain(recent.Value, swept);
        await Eventually.TrueAsync(
            async () => await App.ScalarAsync<long>("postgres", "select count(*) from pg_database where datname = $1", TenantRegistry.DatabaseNameFor(abandoned)) == 0
                && await App.ScalarAsync<long>(App.PlatformDatabase, "select count(*) from tenancy.mt_tenant_databases where tenant_id = $1", abandoned.Value) == 0
                && await ClaimOfAsync(store, abandoned) is null,
            "the abandoned onboarding's database, registry row and claim to be gone", DroppingADatabase);
        Assert.NotNull(await ClaimOfAsync(store, recent));

        Assert.Equal(abandoned, await App.OnboardAsync(abandoned));
    }

    /// <summary>
    /// PostgreSQL 15 drops a database only after an immediate checkpoint of the whole server: with the rest of
    /// the suite writing beside it, tens of seconds (CI once took over 60 s), and a failed undo is retried by
    /// the sweeper a minute later.
    /// </summary>
    private static readonly TimeSpan DroppingADatabase = TimeSpan.FromMinutes(5);

    private static async Task<Cooperative?> ClaimOfAsync(IDocumentStore store, TenantId slug)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<Cooperative>(slug.Value);
    }

    private static Cooperative Claim(TenantId slug, DateTimeOffset requestedAt) => new()
    {
        Id = slug.Value,
        Name = "Crashed",
        Country = "FR",
        Currency = "EUR",
        Languages = ["fr"],
        Database = TenantRegistry.DatabaseNameFor(slug),
        Status = CooperativeStatus.Provisioning,
        RequestedAt = requestedAt,
    };

    [Fact]
    public async Task Onboarding_needs_a_signed_in_account()
    {
        using var anonymous = App.PlatformClient();
        using var forged = App.PlatformClient(MarketplaceApp.Token(MarketplaceApp.OtherRsaCredentials(), MarketplaceApp.Issuer, []));
        using var expired = App.PlatformClient(MarketplaceApp.Token(MarketplaceApp.Credentials, MarketplaceApp.Issuer, [], DateTime.UtcNow.AddMinutes(-5)));
        using var otherIssuer = App.PlatformClient(MarketplaceApp.Token(MarketplaceApp.Credentials, "someone-else", []));

        foreach (var client in new[] { anonymous, forged, expired, otherIssuer })
        {
            var response = await client.PostAsJsonAsync("/api/cooperatives", Request(MarketplaceApp.NewSlug().Value));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    private async Task<List<int>> AdvisoryLocksAsync(string database)
    {
        await using var connection = await App.OpenAsync("postgres");
        await using var command = new Npgsql.NpgsqlCommand(
            "select l.objid::int from pg_locks l join pg_database d on d.oid = l.database where l.locktype = 'advisory' and d.datname = $1", connection)
        {
            Parameters = { new() { Value = database } },
        };
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }
}
