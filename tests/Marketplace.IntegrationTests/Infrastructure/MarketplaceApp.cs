using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Marketplace.Catalog;
using Marketplace.Contracts;
using Marketplace.Ordering;
using Marketplace.Platform;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Marketplace.IntegrationTests.Infrastructure;

/// <summary>
/// The three services, each its own host as in production, sharing one real PostgreSQL server and one
/// real RabbitMQ, started once per test run. Test classes never share a cooperative: each onboards its
/// own through the real API (<see cref="OnboardAsync"/>), so they can run in parallel.
/// </summary>
public sealed class MarketplaceApp
{
    public const string Issuer = "marketplace-tests";
    public const string Audience = "marketplace-api";
    private const string SigningKey = "integration-tests-signing-key-0123456789";

    /// <summary>Every database a run creates starts with this, so the next run can drop leftovers.</summary>
    private const string RunPrefix = "it";

    private static readonly Lazy<Task<MarketplaceApp>> Shared = new(StartAsync);
    private static readonly string[] Languages = ["fr", "en"];

    private MarketplaceApp(TestInfrastructure infrastructure, string platformDatabase, Probe probe)
    {
        Infrastructure = infrastructure;
        PlatformDatabase = platformDatabase;
        Probe = probe;
        Platform = new ServiceFactory<PlatformService>();
        Catalog = new ServiceFactory<CatalogService>();
        Ordering = new ServiceFactory<OrderingService>();
    }

    public TestInfrastructure Infrastructure { get; }

    public string PlatformDatabase { get; }

    public Probe Probe { get; }

    public WebApplicationFactory<PlatformService> Platform { get; }

    public WebApplicationFactory<CatalogService> Catalog { get; }

    public WebApplicationFactory<OrderingService> Ordering { get; }

    public static Task<MarketplaceApp> GetAsync() => Shared.Value;

    private static async Task<MarketplaceApp> StartAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        await DropLeftoversAsync(infrastructure.Postgres);

        var platformDatabase = $"{RunPrefix}_platform_{Guid.NewGuid():N}"[..30];
        // The hosts read their settings from the environment, as in production; all three share them.
        Set("ConnectionStrings__Postgres", infrastructure.Postgres);
        Set("ConnectionStrings__RabbitMq", infrastructure.RabbitMq.ToString());
        Set("Marketplace__PlatformDatabase", platformDatabase);
        Set("Marketplace__RegistryPollingInterval", "00:00:01");
        Set("Marketplace__Auth__Issuer", Issuer);
        Set("Marketplace__Auth__Audience", Audience);
        Set("Marketplace__Auth__SigningKey", SigningKey);
        Set("Serilog__MinimumLevel__Default", "Warning");
        Set("Serilog__MinimumLevel__Override__MassTransit", "Error"); // the outage test makes it warn on purpose

        var probe = await Probe.StartAsync(infrastructure.RabbitMq);
        var app = new MarketplaceApp(infrastructure, platformDatabase, probe);
        // One at a time: WebApplicationFactory intercepts the next host that starts in the process.
        _ = app.Platform.Server;
        _ = app.Catalog.Server;
        _ = app.Ordering.Server;
        return app;
    }

    public HttpClient PlatformClient(string? token = null) => WithToken(Platform.CreateClient(), token);

    public HttpClient CatalogClient(string? token = null) => WithToken(Catalog.CreateClient(), token);

    /// <summary>A signed access token as the Platform will issue: roles per cooperative, "slug:role".</summary>
    public static string Token(params string[] cooperativeRoles) => Token(SigningKey, Issuer, cooperativeRoles);

    public static string Token(string key, string issuer, string[] cooperativeRoles, DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["coop_role"] = cooperativeRoles };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString())]),
            Claims = claims,
            Issuer = issuer,
            Audience = Audience,
            NotBefore = expires?.AddHours(-1),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    public static TenantId NewSlug() => TenantId.Parse($"{RunPrefix}-{Guid.NewGuid():N}"[..16]);

    /// <summary>Onboards a fresh cooperative and waits until Catalog and Ordering have their schema in it.</summary>
    public async Task<TenantId> OnboardAsync(TenantId? slug = null)
    {
        var tenant = slug ?? NewSlug();
        using var client = PlatformClient(Token());
        var response = await client.PostAsJsonAsync("/api/cooperatives", new
        {
            slug = tenant.Value,
            name = "Coop " + tenant.Value,
            country = "FR",
            currency = "EUR",
            languages = Languages,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await Eventually.TrueAsync(() => SchemaExistsAsync(tenant, "catalog"), "catalog schema in " + tenant);
        await Eventually.TrueAsync(() => SchemaExistsAsync(tenant, "ordering"), "ordering schema in " + tenant);
        return tenant;
    }

    /// <summary>Registers a shop through Catalog's API as a member of the cooperative; returns its id.</summary>
    public async Task<Guid> RegisterShopAsync(TenantId tenant, string name)
    {
        using var client = CatalogClient(Token($"{tenant}:member"));
        var response = await client.PostAsJsonAsync($"/api/coops/{tenant}/shops", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<bool> SchemaExistsAsync(TenantId tenant, string schema)
    {
        await using var connection = await OpenAsync(TenantRegistry.DatabaseNameFor(tenant));
        await using var command = new NpgsqlCommand("select count(*) from information_schema.tables where table_schema = $1 and table_name = 'mt_events'", connection)
        {
            Parameters = { new() { Value = schema } },
        };
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    public async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Infrastructure.Postgres) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T?> ScalarAsync<T>(string database, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    private static HttpClient WithToken(HttpClient client, string? token)
    {
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static void Set(string name, string value) => Environment.SetEnvironmentVariable(name, value);

    /// <summary>Databases of earlier runs on a long-lived local server: a run starts clean.</summary>
    private static async Task DropLeftoversAsync(string server)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand(
            $"select datname from pg_database where datname like '{RunPrefix}\\_platform\\_%' or datname like 'coop\\_{RunPrefix}\\_%'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private sealed class ServiceFactory<T> : WebApplicationFactory<T>
        where T : class
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment("Testing");
    }
}
