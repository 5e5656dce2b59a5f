using System.Net;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.IntegrationTests.Authorization;

/// <summary>
/// Every endpoint of the authorization matrix, called by an admin of a cooperative whose database is in
/// trouble: never a 500. What the server cannot do right now is a 503 with Retry-After and a ProblemDetails
/// with its code; everything else answers as usual (401/403/404/409...).
/// </summary>
public sealed class FaultSweepTests : MarketplaceTest
{
    [Fact]
    public async Task A_cooperative_registered_but_not_yet_prepared_by_the_services_gets_503_never_500()
    {
        // Given a cooperative whose database exists and is registered, but no service has applied its schema there
        var tenant = MarketplaceApp.NewSlug();
        await App.DatabaseDdlAsync($"create database \"{TenantRegistry.DatabaseNameFor(tenant)}\"");
        await App.Platform.Services.GetRequiredService<TenantRegistry>().RegisterAsync(tenant, ConnectionStringOf(tenant), CancellationToken.None);

        var answers = await SweepAsync(tenant);

        AssertNoServerError(answers);
        Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable && a.Code == "cooperative-not-ready");
    }

    [Fact]
    public async Task A_cooperative_whose_database_was_removed_gets_503_never_500()
    {
        // Given a cooperative the services have used, whose database is then dropped under them
        var tenant = await App.OnboardAsync();
        await App.RegisterShopAsync(tenant, "Bientôt fermée", approve: true);
        await using (var server = await App.OpenAsync("postgres"))
        {
            // Dropping a database waits for a checkpoint, which takes long on a busy machine.
            await using var drop = new NpgsqlCommand($"drop database \"{TenantRegistry.DatabaseNameFor(tenant)}\" with (force)", server) { CommandTimeout = 300 };
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            var answers = await SweepAsync(tenant);

            AssertNoServerError(answers);
            Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            // The removal completes, as the Platform's undo does: a registered cooperative without a database would
            // be retried by every service started later (StartingBesideABrokenCooperativeTests), logging each time.
            await App.Platform.Services.GetRequiredService<TenantRegistry>().RemoveAsync(tenant, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Statements_cancelled_by_a_timeout_get_503_never_500()
    {
        // Given a cooperative whose every statement is cancelled by PostgreSQL's statement timeout
        var tenant = await App.OnboardAsync();
        await App.RegisterShopAsync(tenant, "Très lente", approve: true);
        var database = TenantRegistry.DatabaseNameFor(tenant);
        await App.ScalarAsync<object>("postgres", $"alter database \"{database}\" set statement_timeout = '1ms'");
        await App.ScalarAsync<object>("postgres", "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = $1", database);

        try
        {
            var answers = await SweepAsync(tenant);

            AssertNoServerError(answers);
            Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable && a.Code == "service-busy");
        }
        finally
        {
            // Back to normal, so that a service started later can apply its schema there.
            await App.ScalarAsync<object>("postgres", $"alter database \"{database}\" reset statement_timeout");
        }
    }

    [Fact]
    public async Task An_exhausted_connection_pool_gets_503_never_500()
    {
        // Given a cooperative whose Catalog and Ordering pools are entirely taken (held by this test)
        var tenant = await App.OnboardAsync();
        await App.RegisterShopAsync(tenant, "Très demandée", approve: true);
        var held = new List<NpgsqlConnection>();
        try
        {
            foreach (var store in new[] { App.Catalog.Services.GetRequiredService<IDocumentStore>(), App.Ordering.Services.GetRequiredService<IDocumentStore>() })
            {
                var database = (await store.Options.Tenancy.GetTenantAsync(tenant.Value)).Database;
                while (await TryOpenAsync(database) is { } connection)
                {
                    held.Add(connection);
                }
            }

            var answers = await SweepAsync(tenant);

            AssertNoServerError(answers);
            Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable && a.Code == "service-busy");
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>A connection from the pool, or null once the pool has none left to give within a second.</summary>
    private static async Task<NpgsqlConnection?> TryOpenAsync(Marten.Storage.IMartenDatabase database)
    {
        var connection = database.CreateConnection();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await connection.OpenAsync(timeout.Token);
            return connection;
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException)
        {
            await connection.DisposeAsync();
            return null;
        }
    }

    private sealed record Answer(string Call, HttpStatusCode Status, string? RetryAfter, string? MediaType, string? Code);

    /// <summary>Every endpoint of every service, all at once, as an admin of the cooperative (and of no other).</summary>
    private async Task<List<Answer>> SweepAsync(TenantId tenant)
    {
        var token = MarketplaceApp.Token(Guid.NewGuid(), $"{tenant}:admin", $"{tenant}:member", $"{tenant}:shop_owner");
        var calls = Matrix.Load().SelectMany(row => AuthorizationMatrixTests.Services(App)
            .Where(service => row.Key.Service == "*" || row.Key.Service == service.Name)
            .Select(async service =>
            {
                using var client = service.CreateClient();
                using var request = new HttpRequestMessage(row.Key.HttpMethod, Matrix.Concrete(row.Key.Route, tenant, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()));
                request.Headers.Authorization = new("Bearer", token);
                request.Content = Matrix.Body(row, tenant, Guid.NewGuid(), Guid.NewGuid());
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                    && System.Text.Json.JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
                return new Answer($"{service.Name} {row.Key.Method} {row.Key.Route}", response.StatusCode,
                    response.Headers.RetryAfter?.ToString(), response.Content.Headers.ContentType?.MediaType, code);
            }));
        return [.. await Task.WhenAll(calls)];
    }

    private static void AssertNoServerError(List<Answer> answers)
    {
        var wrong = answers.Where(a => (int)a.Status >= 500
            && !(a.Status == HttpStatusCode.ServiceUnavailable && a.RetryAfter is not null && a.MediaType == "application/problem+json" && a.Code is not null))
            .Select(a => $"{a.Call}: {(int)a.Status} (Retry-After {a.RetryAfter ?? "none"}, {a.MediaType}, code {a.Code ?? "none"})")
            .ToList();
        Assert.True(wrong.Count == 0, "Server errors:\n" + string.Join('\n', wrong));
    }

    private string ConnectionStringOf(TenantId tenant) =>
        new NpgsqlConnectionStringBuilder(App.Infrastructure.Postgres) { Database = TenantRegistry.DatabaseNameFor(tenant) }.ConnectionString;
}
