using System.Diagnostics;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marten;
using Marten.Services;
using Npgsql;

namespace Marketplace.ServiceDefaults.Tenancy;

/// <summary>
/// The only way service code opens a Marten session on a cooperative's database: the tenant is always
/// named, never taken from ambient state. Cross-tenant queries are for platform admin code only.
/// </summary>
public sealed class CooperativeSessions(IDocumentStore store, RelayScheduler? relay = null)
{
    /// <summary>The event header that carries the W3C trace context from the write to the relay's publish.</summary>
    public const string TraceParentHeader = "traceparent";

    public IDocumentSession OpenSession(TenantId tenant) => Traced(store.LightweightSession(tenant.Value));

    /// <summary>The session's events carry the current trace, so the relay's publish continues it.</summary>
    internal static IDocumentSession Traced(IDocumentSession session)
    {
        if (Activity.Current is { } activity)
        {
            session.SetHeader(TraceParentHeader, activity.Id!);
        }

        return session;
    }

    public IQuerySession QuerySession(TenantId tenant) => store.QuerySession(tenant.Value);

    /// <summary>
    /// A query session and hand-written SQL on one open connection: a request that does both holds one connection of
    /// the cooperative's pool, not two (a search held two, and at 100 cooperatives the pools outgrew the budget).
    /// </summary>
    public async Task<CooperativeQuery> OpenQueryAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var database = (await store.Options.Tenancy.GetTenantAsync(tenant.Value)).Database;
        var connection = database.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            var options = SessionOptions.ForConnection(connection);
            options.TenantId = tenant.Value;
            return new CooperativeQuery(store.QuerySession(options), connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// One transaction on the cooperative's database that several sessions write into, committed once: for a
    /// write too large for one session (Marten's unit of work checks each new document against every pending
    /// operation, so one session of 10,000 streams spends seconds before sending a byte).
    /// </summary>
    public async Task<CooperativeTransaction> BeginTransactionAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var database = (await store.Options.Tenancy.GetTenantAsync(tenant.Value)).Database;
        if (database is not Weasel.Postgresql.PostgresqlDatabase postgres)
        {
            throw new InvalidOperationException($"The database of {tenant} is not a PostgreSQL database.");
        }

        var connection = await postgres.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new CooperativeTransaction(store, tenant, connection, transaction, relay);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>A cooperative's query session and the open connection it reads through, for SQL of one's own beside it.</summary>
public sealed class CooperativeQuery(IQuerySession session, NpgsqlConnection connection) : IAsyncDisposable
{
    public IQuerySession Session { get; } = session;

    public NpgsqlConnection Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await Connection.DisposeAsync();
    }
}

/// <summary>
/// Sessions of one cooperative that share one open transaction: their SaveChanges send their work without
/// committing; <see cref="CommitAsync"/> commits it all, and disposing without committing rolls it all back.
/// </summary>
public sealed class CooperativeTransaction : IAsyncDisposable
{
    private readonly IDocumentStore _store;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly RelayScheduler? _relay;

    internal CooperativeTransaction(IDocumentStore store, TenantId tenant, NpgsqlConnection connection, NpgsqlTransaction transaction, RelayScheduler? relay)
    {
        _store = store;
        Tenant = tenant;
        _connection = connection;
        _transaction = transaction;
        _relay = relay;
    }

    public TenantId Tenant { get; }

    /// <summary>A session whose reads and writes go through this transaction; its SaveChanges commits nothing.</summary>
    public IDocumentSession OpenSession()
    {
        var options = SessionOptions.ForTransaction(_transaction, shouldAutoCommit: false);
        options.TenantId = Tenant.Value;
        return CooperativeSessions.Traced(_store.LightweightSession(options));
    }

    /// <summary>
    /// Commits every session's work, then wakes the relay: the sessions' own commit listeners ran when they sent
    /// their work, before anything was visible to it.
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction.CommitAsync(cancellationToken);
        _relay?.Wake(Tenant.Value);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
