using System.Collections.Concurrent;
using Marketplace.Contracts;
using Marten;
using Npgsql;
using UnknownTenantIdException = JasperFx.MultiTenancy.UnknownTenantIdException;

namespace Marketplace.ServiceDefaults.Tenancy;

/// <summary>
/// Whether this service has prepared a cooperative's database (applied its schema there). A cooperative
/// onboarded a moment ago is registered before each service has heard of it; until then its requests get
/// 503 with Retry-After instead of reaching tables that do not exist yet. Once seen prepared, it is
/// remembered; another replica's apply is found by looking in the database.
/// </summary>
public sealed class CooperativeReadiness(IDocumentStore store, string schema)
{
    private readonly ConcurrentDictionary<string, bool> _prepared = new(StringComparer.Ordinal);

    public string Schema { get; } = schema;

    public void MarkPrepared(TenantId tenant) => _prepared[tenant.Value] = true;

    /// <summary>True when prepared, false when not yet, null when no such cooperative is registered.</summary>
    public async Task<bool?> IsPreparedAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        if (_prepared.ContainsKey(tenant.Value))
        {
            return true;
        }

        Marten.Storage.IMartenDatabase database;
        try
        {
            database = (await store.Options.Tenancy.GetTenantAsync(tenant.Value)).Database;
        }
        catch (UnknownTenantIdException)
        {
            return null;
        }

        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        // The relay's progress table is among the last objects a schema apply creates.
        await using var command = new NpgsqlCommand("select to_regclass($1) is not null and to_regclass($2) is not null", connection)
        {
            Parameters = { new() { Value = Schema + ".mt_events" }, new() { Value = Schema + ".mt_event_progression" } },
        };
        if (await command.ExecuteScalarAsync(cancellationToken) is true)
        {
            MarkPrepared(tenant);
            return true;
        }

        return false;
    }
}
