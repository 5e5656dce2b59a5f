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
/// remembered; another replica's apply is found by looking in the database. A cooperative whose apply
/// failed at start-up (its database missing or unusable) stays unprepared until a retry succeeds
/// (<see cref="CooperativeSchemaPreparer"/>), whatever tables an older version left there.
/// </summary>
public sealed class CooperativeReadiness(IDocumentStore store, string schema)
{
    private readonly ConcurrentDictionary<string, bool> _prepared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _applying = new(StringComparer.Ordinal);

    public string Schema { get; } = schema;

    public void MarkPrepared(TenantId tenant) => _prepared[tenant.Value] = true;

    /// <summary>
    /// Those of <paramref name="cooperatives"/> this process has prepared (at start-up, or on hearing of them): what a
    /// sweeper's full pass visits. The others have no tables yet, or none it can trust; they are visited once prepared.
    /// </summary>
    public IReadOnlyList<TenantId> Prepared(IEnumerable<TenantId> cooperatives) =>
        cooperatives.Where(c => _prepared.TryGetValue(c.Value, out var prepared) && prepared).ToList();

    /// <summary>Known not to be prepared (its apply failed): no look in the database says otherwise until it is.</summary>
    public void MarkFailed(TenantId tenant) => _prepared[tenant.Value] = false;

    /// <summary>
    /// Applies this service's schema to the cooperative's database (idempotent) and marks it prepared; one apply
    /// at a time per cooperative, so the start-up pass, its retries and the onboarding consumer never race on DDL.
    /// </summary>
    public async Task PrepareAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var gate = _applying.GetOrAdd(tenant.Value, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // GetTenantAsync caches the database (one capped pool per cooperative, shared with the daemon);
            // FindOrCreateDatabase would build an uncached one with a pool of its own, left open.
            var database = (await store.Options.Tenancy.GetTenantAsync(tenant.Value)).Database;
            await database.ApplyAllConfiguredChangesToDatabaseAsync(ct: cancellationToken);
            MarkPrepared(tenant);
            ReleaseIdleConnections(database);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Closes the cooperative's idle pooled connections. A pass over every cooperative (start-up's schema check, the
    /// relay's sweep) must not leave each quiet one holding the connection it used until the idle lifetime: after a
    /// restart of three services on a server of some hundreds of cooperatives, that was over max_connections (ADR 2).
    /// </summary>
    public static void ReleaseIdleConnections(Marten.Storage.IMartenDatabase database)
    {
        if (database is Weasel.Postgresql.PostgresqlDatabase postgres)
        {
            postgres.DataSource.Clear();
        }
    }

    /// <summary>Closes the idle pooled connections of a cooperative a pass over every cooperative has just visited (<see cref="ReleaseIdleConnections"/>).</summary>
    public async Task ReleaseIdleConnectionsAsync(TenantId tenant) =>
        ReleaseIdleConnections((await store.Options.Tenancy.GetTenantAsync(tenant.Value)).Database);

    /// <summary>True when prepared, false when not yet, null when no such cooperative is registered.</summary>
    public async Task<bool?> IsPreparedAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        if (_prepared.TryGetValue(tenant.Value, out var prepared))
        {
            return prepared;
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
