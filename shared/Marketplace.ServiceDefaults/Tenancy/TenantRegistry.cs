using JasperFx;
using Marketplace.Contracts;
using Marten;
using Marten.Storage;
using Npgsql;

namespace Marketplace.ServiceDefaults.Tenancy;

/// <summary>
/// The registry of cooperative databases, in the platform database. Its table has the shape Marten's
/// master-table tenancy reads (<c>tenancy.mt_tenant_databases</c>); every service's store reads it, only
/// the Platform service writes it. A row may point at another PostgreSQL server.
/// </summary>
public sealed class TenantRegistry(MarketplaceSettings settings)
{
    public const string Schema = "tenancy";

    // Any constant works: it only serialises the registry's DDL between services starting together.
    private const long DdlLockKey = 0x6d61726b6574;

    public static string DatabaseNameFor(TenantId tenant) => "coop_" + tenant.Value.Replace('-', '_');

    /// <summary>Creates the platform database and the registry table when missing. Safe to run from every service at once.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using (var server = new NpgsqlConnection(settings.DatabaseConnectionString("postgres", 2)))
        {
            await server.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", server)
            {
                Parameters = { new() { Value = settings.PlatformDatabase } },
            };
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                try
                {
                    await using var create = new NpgsqlCommand($"create database \"{settings.PlatformDatabase}\"", server);
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
                {
                    // another service created it at the same moment
                }
            }
        }

        // The table's shape is Marten's (it grows columns between versions), so Marten creates it, once:
        // the advisory lock keeps services that start together from racing on the same DDL.
        await using var platform = new NpgsqlConnection(settings.PlatformConnectionString);
        await platform.OpenAsync(cancellationToken);
        await using (var lockRegistry = new NpgsqlCommand($"select pg_advisory_lock({DdlLockKey})", platform))
        {
            await lockRegistry.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            using var store = DocumentStore.For(options =>
                options.MultiTenantedDatabasesWithMasterDatabaseTable(tenancy =>
                {
                    tenancy.ConnectionString = settings.PlatformConnectionString;
                    tenancy.SchemaName = Schema;
                    tenancy.AutoCreate = AutoCreate.CreateOrUpdate;
                }));
            var tenancy = (ITenancyWithMasterDatabase)store.Options.Tenancy;
            await tenancy.TenantDatabase.ApplyAllConfiguredChangesToDatabaseAsync(ct: cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"select pg_advisory_unlock({DdlLockKey})", platform);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public async Task RegisterAsync(TenantId tenant, string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(settings.PlatformConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            $"insert into {Schema}.mt_tenant_databases (tenant_id, connection_string) values ($1, $2)", connection)
        {
            Parameters = { new() { Value = tenant.Value }, new() { Value = connectionString } },
        };
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(settings.PlatformConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var delete = new NpgsqlCommand($"delete from {Schema}.mt_tenant_databases where tenant_id = $1", connection)
        {
            Parameters = { new() { Value = tenant.Value } },
        };
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether the cooperative is registered (one indexed row read, whatever the number of cooperatives).</summary>
    public async Task<bool> ContainsAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(settings.PlatformConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var select = new NpgsqlCommand($"select 1 from {Schema}.mt_tenant_databases where tenant_id = $1", connection)
        {
            Parameters = { new() { Value = tenant.Value } },
        };
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Every registered cooperative, for work a service does in each of them (sweepers).</summary>
    public async Task<IReadOnlyList<TenantId>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(settings.PlatformConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var select = new NpgsqlCommand($"select tenant_id from {Schema}.mt_tenant_databases order by tenant_id", connection);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var tenants = new List<TenantId>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (TenantId.TryParse(reader.GetString(0), out var tenant))
            {
                tenants.Add(tenant);
            }
        }

        return tenants;
    }
}
