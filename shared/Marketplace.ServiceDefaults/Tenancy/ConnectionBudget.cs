using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Marketplace.ServiceDefaults.Tenancy;

/// <summary>
/// One budget of PostgreSQL connections per service process, shared by the cooperatives' pools (ADR 2, amended
/// 2026-12-05). Npgsql prunes each pool on its own, taking up to twice its idle lifetime, so idle connections added
/// up with the number of cooperatives touched lately: at 500 cooperatives Catalog alone held 713 under a light
/// load spread over them, and the server ran out of its 1,000. Here the pools' own counts (Npgsql's
/// <c>db.client.connection.count</c> metric, per pool) are read every <see cref="Tick"/>; when the process holds more
/// than <see cref="MarketplaceSettings.ConnectionBudget"/>, the idle connections of the cooperatives used least
/// recently are closed first, and a cooperative unused for <see cref="MarketplaceSettings.ConnectionIdleLifetime"/>
/// is closed whatever the budget. A busy cooperative's pool still grows as its load asks (up to
/// <see cref="MarketplaceSettings.MaxPoolSizePerCooperative"/>); what the budget takes away is what others left idle.
/// </summary>
public sealed partial class ConnectionBudget : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    /// <summary>A pool used this recently is never closed for the budget: its connections are about to be used again.</summary>
    private static readonly TimeSpan JustUsed = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Pool> _pools = new(StringComparer.Ordinal);
    private readonly MarketplaceSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger<ConnectionBudget> _logger;
    private readonly MeterListener _listener = new();

    public ConnectionBudget(MarketplaceSettings settings, TimeProvider clock, ILogger<ConnectionBudget> logger)
    {
        _settings = settings;
        _clock = clock;
        _logger = logger;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && (IsOperation(instrument.Name) || IsConnectionCount(instrument.Name)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => OnMeasurement(instrument, 0, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => OnMeasurement(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnMeasurement(instrument, (int)value, tags));
        _listener.Start();
    }

    /// <summary>Connections this process holds to cooperatives' databases, idle and in use, as last counted.</summary>
    public int Held => _pools.Values.Sum(p => p.Idle + p.Used);

    /// <summary>
    /// A cooperative's pool, named after its database (the name Npgsql's metrics carry). Marten can build more than one
    /// for a database (two first requests at once each build the tenant's database, and one is kept: JasperFx/marten's
    /// <c>MasterTableTenancy</c> caches without a lock), and the one not kept may still be used, by a daemon built on
    /// it: every pool of the name is counted and closed, or that one's connections outlived the idle lifetime (5 of 500
    /// cooperatives in the tenant-scale benchmark).
    /// </summary>
    internal void Track(string name, NpgsqlDataSource dataSource)
    {
        var pool = _pools.GetOrAdd(name, _ => new Pool());
        pool.Add(dataSource);
        pool.LastUsed = _clock.GetTimestamp();
    }

    /// <summary>Unique per service and database: services hosted in one process (the tests) each count their own.</summary>
    internal static string PoolName(string applicationName, string connectionString) =>
        applicationName + ":" + new NpgsqlConnectionStringBuilder(connectionString).Database;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Balance();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Counts every pool, then closes the idle connections of the quiet ones and, over budget, the least recently used.</summary>
    internal void Balance()
    {
        foreach (var pool in _pools.Values)
        {
            pool.Idle = pool.Used = 0; // a pool disposed since (its cooperative removed) is no longer reported
        }

        _listener.RecordObservableInstruments();
        var now = _clock.GetTimestamp();
        var held = 0;
        var idle = new List<(Pool Pool, TimeSpan Unused)>();
        foreach (var pool in _pools.Values)
        {
            held += pool.Idle + pool.Used;
            if (pool.Used > 0)
            {
                pool.LastUsed = now;
            }
            else if (pool.Idle > 0)
            {
                idle.Add((pool, _clock.GetElapsedTime(pool.LastUsed, now)));
            }
        }

        // Least recently used first.
        idle.Sort((a, b) => b.Unused.CompareTo(a.Unused));
        foreach (var (pool, unused) in idle)
        {
            if (unused >= _settings.ConnectionIdleLifetime || (held > _settings.ConnectionBudget && unused >= JustUsed))
            {
                held -= pool.Idle;
                pool.Close();
            }
        }

        if (held > _settings.ConnectionBudget)
        {
            LogOverBudget(held, _settings.ConnectionBudget);
        }
    }

    private void OnMeasurement(Instrument instrument, int value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? name = null;
        string? state = null;
        foreach (var (key, tagValue) in tags)
        {
            if (key.EndsWith("pool.name", StringComparison.Ordinal))
            {
                name = tagValue as string;
            }
            else if (key.EndsWith("state", StringComparison.Ordinal))
            {
                state = tagValue as string;
            }
        }

        if (name is null || !_pools.TryGetValue(name, out var pool))
        {
            return;
        }

        if (IsOperation(instrument.Name))
        {
            pool.LastUsed = _clock.GetTimestamp();
        }
        else if (state == "idle")
        {
            pool.Idle += value; // one measurement per data source of the name
        }
        else if (state == "used")
        {
            pool.Used += value;
        }
    }

    private static bool IsOperation(string instrument) => instrument is "db.client.operation.duration" or "db.client.commands.duration";

    private static bool IsConnectionCount(string instrument) => instrument is "db.client.connection.count" or "db.client.connections.usage";

    public override void Dispose()
    {
        _listener.Dispose();
        base.Dispose();
    }

    private sealed class Pool
    {
        private readonly List<NpgsqlDataSource> _dataSources = [];
        private long _lastUsed;

        public long LastUsed
        {
            get => Volatile.Read(ref _lastUsed);
            set => Volatile.Write(ref _lastUsed, value);
        }

        public int Idle { get; set; }

        public int Used { get; set; }

        public void Add(NpgsqlDataSource dataSource)
        {
            lock (_dataSources)
            {
                _dataSources.Add(dataSource);
            }
        }

        /// <summary>Closes the idle connections now (one in use is closed when given back instead of kept).</summary>
        public void Close()
        {
            lock (_dataSources)
            {
                _dataSources.RemoveAll(dataSource =>
                {
                    try
                    {
                        dataSource.Clear();
                        return false;
                    }
                    catch (ObjectDisposedException)
                    {
                        return true; // its cooperative was removed meanwhile: nothing left to close
                    }
                });
            }

            Idle = 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Holding {Held} connections to cooperatives' databases, over the budget of {Budget}: all are in use")]
    private partial void LogOverBudget(int held, int budget);
}
