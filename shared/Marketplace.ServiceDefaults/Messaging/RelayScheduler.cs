using System.Collections.Concurrent;
using System.Threading.Channels;
using JasperFx;
using JasperFx.Events.Daemon;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Marten.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// Runs the relay (<see cref="IntegrationEventRelay"/>) in a cooperative's database only when that database
/// has something to relay, instead of one always-on daemon per database. Marten's hot/cold daemon keeps a
/// connection per cooperative database holding its advisory lock and polls every one of them, so a quiet
/// cooperative costs connections and CPU; here a quiet cooperative costs nothing.
/// <list type="bullet">
/// <item>A commit that appended events wakes its database (<see cref="WakeRelayOnAppend"/>); so does start-up
/// (every registered database once, for what was appended while no replica ran) and a slow safety sweep
/// (<see cref="MarketplaceSettings.RelaySweepInterval"/>) for a replica that died between commit and visit.</item>
/// <item>A visit takes the service's lock id as a PostgreSQL advisory lock in that database (hot/cold between
/// replicas, one relay per database at a time), catches the relay up to the high-water mark with Marten's own
/// daemon machinery (same progress row, same gap detection as the always-on daemon), then lets go.</item>
/// <item>At most <see cref="MarketplaceSettings.RelayConcurrency"/> visits run at once, whatever the number of
/// cooperatives: a per-server budget, not a per-cooperative cost. A database woken again while visited is
/// visited once more after <see cref="MarketplaceSettings.RelayBusyPause"/>: under a rush, one visit relays what
/// many commits appended instead of one visit per commit.</item>
/// </list>
/// A visit's daemon is kept while its database is busy (its gap detector remembers how long a sequence gap
/// has been open) and dropped after a quiet spell, with no connection held in between.
/// </summary>
public sealed partial class RelayScheduler : BackgroundService
{
    private static readonly TimeSpan MaxFailureDelay = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FirstLaterDelay = TimeSpan.FromMilliseconds(25);

    private readonly IDocumentStore _store;
    private readonly MarketplaceSettings _settings;
    private readonly RelayLock _lock;
    private readonly TimeProvider _clock;
    private readonly ILogger<RelayScheduler> _logger;
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, VisitState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedDaemon> _daemons = new(StringComparer.Ordinal);

    public RelayScheduler(IDocumentStore store, MarketplaceSettings settings, RelayLock relayLock, TimeProvider clock, ILogger<RelayScheduler> logger)
    {
        _store = store;
        _settings = settings;
        _lock = relayLock;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Visits in progress, for the benchmarks and tests that count the relay's connections.</summary>
    public int Running => _states.Values.Count(s => s.Status == VisitStatus.Running);

    /// <summary>Daemons kept for busy databases (each holds no connection between visits).</summary>
    public int KeptDaemons => _daemons.Count;

    /// <summary>Asks for a visit of the database that holds <paramref name="tenantId"/> (Marten's default tenant for the platform).</summary>
    /// <param name="tenantId">The cooperative, or Marten's default tenant for the platform database.</param>
    /// <param name="onlyIfBehind">
    /// A sweep's wake: the visit first asks, with one query and no lock, whether anything is left to relay
    /// there, and stops at that when nothing is. A commit's wake always catches up.
    /// </param>
    public void Wake(string tenantId, bool onlyIfBehind = false)
    {
        var state = _states.GetOrAdd(tenantId, _ => new VisitState());
        lock (state)
        {
            switch (state.Status)
            {
                case VisitStatus.Idle:
                    state.Status = VisitStatus.Queued;
                    state.OnlyIfBehind = onlyIfBehind;
                    _queue.Writer.TryWrite(tenantId);
                    break;
                case VisitStatus.Queued:
                    state.OnlyIfBehind &= onlyIfBehind;
                    break;
                case VisitStatus.Running:
                    state.WokenWhileRunning = true;
                    break;
                case VisitStatus.Resting:
                    break; // its next visit is already due
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, Math.Max(1, _settings.RelayConcurrency))
            .Select(_ => WorkAsync(stoppingToken))
            .Append(SweepAsync(stoppingToken))
            .Append(ForgetQuietDaemonsAsync(stoppingToken))
            .ToList();
        await Task.WhenAll(workers);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var tenantId in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                var state = _states[tenantId];
                bool onlyIfBehind;
                lock (state)
                {
                    state.Status = VisitStatus.Running;
                    state.WokenWhileRunning = false;
                    onlyIfBehind = state.OnlyIfBehind;
                }

                var outcome = await VisitAsync(tenantId, onlyIfBehind, stoppingToken);
                TimeSpan? later;
                lock (state)
                {
                    state.Failures = outcome == Outcome.Failed ? state.Failures + 1 : 0;
                    state.Laters = outcome == Outcome.Later ? state.Laters + 1 : 0;
                    var busy = state.WokenWhileRunning && outcome != Outcome.Failed;
                    state.Status = busy ? VisitStatus.Resting : VisitStatus.Idle;
                    later = outcome switch
                    {
                        _ when busy => _settings.RelayBusyPause,
                        Outcome.Done => null,
                        // Most gaps are transactions committing out of order, closed milliseconds later: look again soon,
                        // then less often (a rolled-back transaction's gap stays open until the daemon skips it).
                        Outcome.Later => TimeSpan.FromTicks(Math.Min(FirstLaterDelay.Ticks << Math.Min(state.Laters - 1, 16), _settings.RelayRetryDelay.Ticks)),
                        // A cooperative in trouble (database removed, timing out) is retried less and less often.
                        _ => TimeSpan.FromTicks(Math.Min(_settings.RelayRetryDelay.Ticks << Math.Min(state.Failures, 16), MaxFailureDelay.Ticks)),
                    };
                }

                if (later is { } delay)
                {
                    _ = WakeLaterAsync(tenantId, delay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>One catch-up under the lock.</summary>
    private async Task<Outcome> VisitAsync(string tenantId, bool onlyIfBehind, CancellationToken stoppingToken)
    {
        try
        {
            // The tenant's cached database (FindOrCreateDatabase builds a new one, with a pool of its own, for a
            // cooperative not cached yet: every sweep visit made one more).
            var database = (await _store.Options.Tenancy.GetTenantAsync(tenantId)).Database;
            if (onlyIfBehind && !await _lock.HasUnrelayedEventsAsync(database, stoppingToken))
            {
                CooperativeReadiness.ReleaseIdleConnections(database); // the sweep's question must not keep a quiet cooperative's connection
                return Outcome.Done;
            }

            await using var held = await _lock.TryAcquireAsync(database, stoppingToken);
            if (held is null)
            {
                return Outcome.Later; // another replica relays there now; our commit may be after its high-water mark
            }

            var daemon = await DaemonForAsync(tenantId);
            await daemon.CatchUpAsync(_settings.RelayVisitTimeout, stoppingToken);
            // A gap still open (a transaction about to commit) or an event committed during the visit.
            return await _lock.HasUnrelayedEventsAsync(held.Connection, stoppingToken) ? Outcome.Later : Outcome.Done;
        }
        catch (JasperFx.MultiTenancy.UnknownTenantIdException)
        {
            ForgetDaemon(tenantId);
            return Outcome.Done; // removed from the registry: nothing left to relay there
        }
        catch (Exception e)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                // The stop interrupted the visit (Marten's catch-up says so with a CatchUpException, not a cancellation):
                // the progress it stored stands, and the next visit, here or in another replica, goes on from there.
                return Outcome.Done;
            }

            LogVisitFailed(e, tenantId);
            ForgetDaemon(tenantId);
            return Outcome.Failed;
        }
    }

    private async Task WakeLaterAsync(string tenantId, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _clock, stoppingToken);
            var state = _states[tenantId];
            lock (state)
            {
                if (state.Status == VisitStatus.Resting)
                {
                    state.Status = VisitStatus.Idle;
                }
            }

            Wake(tenantId);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task<IProjectionDaemon> DaemonForAsync(string tenantId)
    {
        var now = _clock.GetUtcNow();
        if (_daemons.TryGetValue(tenantId, out var cached))
        {
            cached.LastUsed = now;
            return cached.Daemon;
        }

        var daemon = await _store.BuildProjectionDaemonAsync(tenantId == StorageConstants.DefaultTenantId ? null : tenantId);
        _daemons[tenantId] = new CachedDaemon(daemon) { LastUsed = now };
        return daemon;
    }

    private void ForgetDaemon(string tenantId)
    {
        if (_daemons.TryRemove(tenantId, out var cached))
        {
            cached.Daemon.Dispose();
        }
    }

    /// <summary>
    /// Start-up asks every database once whether anything is left to relay, then the safety sweep does so again,
    /// spread evenly over its interval so that a thousand cooperatives cost a query every few hundred milliseconds,
    /// never a burst of a thousand.
    /// </summary>
    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            var pace = TimeSpan.Zero;
            while (!stoppingToken.IsCancellationRequested)
            {
                var started = _clock.GetUtcNow();
                try
                {
                    var tenants = (await _store.Storage.AllDatabases()).SelectMany(TenantsOf).ToList();
                    foreach (var tenantId in tenants)
                    {
                        Wake(tenantId, onlyIfBehind: true);
                        if (pace > TimeSpan.Zero)
                        {
                            await Task.Delay(pace, _clock, stoppingToken);
                        }
                    }

                    pace = tenants.Count == 0 ? TimeSpan.Zero : _settings.RelaySweepInterval / tenants.Count;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSweepFailed(e);
                }

                var rest = _settings.RelaySweepInterval - (_clock.GetUtcNow() - started);
                await Task.Delay(rest > TimeSpan.Zero ? rest : TimeSpan.Zero, _clock, stoppingToken);
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // stopping (a listing interrupted by the stop may say so with another exception than a cancellation)
        }
    }

    private static List<string> TenantsOf(IMartenDatabase database)
    {
        if (database.TenantIds.Count > 0)
        {
            return [.. database.TenantIds];
        }

#pragma warning disable CS0618 // Identifier: with master-table tenancy, the cooperative's registry key
        return [Contracts.TenantId.TryParse(database.Identifier, out var tenant) ? tenant.Value : StorageConstants.DefaultTenantId];
#pragma warning restore CS0618
    }

    private async Task ForgetQuietDaemonsAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(_settings.RelayDaemonIdleTime, _clock, stoppingToken);
                var cutoff = _clock.GetUtcNow() - _settings.RelayDaemonIdleTime;
                foreach (var (tenantId, cached) in _daemons)
                {
                    if (cached.LastUsed < cutoff && _states.TryGetValue(tenantId, out var state) && state.Status == VisitStatus.Idle)
                    {
                        ForgetDaemon(tenantId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    public override void Dispose()
    {
        foreach (var tenantId in _daemons.Keys)
        {
            ForgetDaemon(tenantId);
        }

        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay visit of {Tenant} failed; trying again shortly")]
    private partial void LogVisitFailed(Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay sweep could not list the databases")]
    private partial void LogSweepFailed(Exception exception);

    private enum Outcome
    {
        Done,
        Later,
        Failed,
    }

    private enum VisitStatus
    {
        Idle,
        Queued,
        Running,

        /// <summary>Busy: visited again after <see cref="MarketplaceSettings.RelayBusyPause"/>, whatever wakes it meanwhile.</summary>
        Resting,
    }

    private sealed class VisitState
    {
        public VisitStatus Status { get; set; }

        public bool WokenWhileRunning { get; set; }

        public int Failures { get; set; }

        /// <summary>Visits in a row that left something to relay (a gap still open, or another replica's lock).</summary>
        public int Laters { get; set; }

        public bool OnlyIfBehind { get; set; }
    }

    private sealed class CachedDaemon(IProjectionDaemon daemon)
    {
        public IProjectionDaemon Daemon { get; } = daemon;

        public DateTimeOffset LastUsed { get; set; }
    }
}

/// <summary>The relay's hot/cold lock in one database, and the check for events it has not relayed yet.</summary>
public sealed class RelayLock(int lockId, string schema)
{
    internal const string ProgressName = "integration-event-relay:All";

    /// <summary>A connection holding the lock, or null when another replica holds it.</summary>
    public async Task<Held?> TryAcquireAsync(IMartenDatabase database, CancellationToken cancellationToken)
    {
        var connection = database.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"select pg_try_advisory_lock({lockId})", connection);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new Held(connection, lockId);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>True when committed events lie beyond the relay's progress, asked on a connection of its own.</summary>
    public async Task<bool> HasUnrelayedEventsAsync(IMartenDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return await HasUnrelayedEventsAsync(connection, cancellationToken);
    }

    /// <summary>True when committed events lie beyond the relay's progress (a gap not yet closed, or a late commit).</summary>
    public async Task<bool> HasUnrelayedEventsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select coalesce((select max(seq_id) from {schema}.mt_events), 0) > coalesce((select last_seq_id from {schema}.mt_event_progression where name = $1), 0)",
            connection)
        {
            Parameters = { new() { Value = ProgressName } },
        };
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    public sealed class Held(NpgsqlConnection connection, int lockId) : IAsyncDisposable
    {
        internal NpgsqlConnection Connection { get; } = connection;

        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var unlock = new NpgsqlCommand($"select pg_advisory_unlock({lockId})", Connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
            finally
            {
                // Closing also ends the session, which frees the lock if the unlock failed.
                await Connection.DisposeAsync();
            }
        }
    }
}
