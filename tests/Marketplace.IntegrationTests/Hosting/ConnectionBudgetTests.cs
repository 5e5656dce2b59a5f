using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Tenancy;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Marketplace.IntegrationTests.Hosting;

/// <summary>
/// One budget of connections per service process, shared by the cooperatives' pools: over it, the idle connections of
/// the cooperatives used least recently are closed first; a pool unused for the idle lifetime is closed whatever the
/// budget; a connection in use is never taken away. Counted by PostgreSQL itself (pg_stat_activity), on a clock the
/// test moves.
/// </summary>
public sealed class ConnectionBudgetTests : MarketplaceTest
{
    private readonly string _prefix = $"budget-{Guid.NewGuid():N}"[..15];
    private readonly SteppedClock _clock = new();
    private readonly List<NpgsqlDataSource> _pools = [];

    [Fact]
    public async Task Over_budget_the_least_recently_used_cooperatives_lose_their_idle_connections_first()
    {
        using var budget = Budget(connections: 2, idleLifetime: TimeSpan.FromMinutes(5));
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await UseAsync(Pool(budget, name));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["a", "b", "c", "d"], await HeldAsync());

        _clock.Advance(TimeSpan.FromSeconds(2));
        budget.Balance();

        await Eventually.TrueAsync(async () => (await HeldAsync()).SequenceEqual(["c", "d"]), "only the two cooperatives used last to keep their connection");
        budget.Balance();
        Assert.Equal(2, budget.Held);
    }

    [Fact]
    public async Task A_cooperative_unused_for_the_idle_lifetime_holds_no_connection_whatever_the_budget()
    {
        using var budget = Budget(connections: 100, idleLifetime: TimeSpan.FromSeconds(30));
        await UseAsync(Pool(budget, "quiet"));

        _clock.Advance(TimeSpan.FromSeconds(29));
        budget.Balance();
        Assert.Equal(["quiet"], await HeldAsync());

        _clock.Advance(TimeSpan.FromSeconds(2));
        budget.Balance();
        await Eventually.TrueAsync(async () => (await HeldAsync()).Count == 0, "the quiet cooperative's connection to be closed");
    }

    [Fact]
    public async Task A_connection_in_use_is_never_taken_away_and_the_idle_ones_of_others_go_instead()
    {
        using var budget = Budget(connections: 1, idleLifetime: TimeSpan.FromMinutes(5));
        var busy = Pool(budget, "busy");
        await using var inUse = await busy.OpenConnectionAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));
        await UseAsync(Pool(budget, "other"));
        _clock.Advance(TimeSpan.FromSeconds(2));

        budget.Balance();

        await Eventually.TrueAsync(async () => (await HeldAsync()).SequenceEqual(["busy"]), "the idle connection of the other cooperative to be closed");
        await using var command = new NpgsqlCommand("select 1", inUse);
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Two_pools_built_for_one_cooperative_are_both_counted_and_closed()
    {
        // Marten built the cooperative's database twice (two first requests at once); a daemon keeps using the first.
        using var budget = Budget(connections: 100, idleLifetime: TimeSpan.FromSeconds(30));
        var first = Pool(budget, "twice");
        var second = Pool(budget, "twice");
        await UseAsync(first);
        await UseAsync(second);
        budget.Balance();
        Assert.Equal(2, budget.Held);

        _clock.Advance(TimeSpan.FromSeconds(31));
        budget.Balance();

        await Eventually.TrueAsync(async () => (await HeldAsync()).Count == 0, "the idle connections of both pools to be closed");
    }

    private ConnectionBudget Budget(int connections, TimeSpan idleLifetime) =>
        new(new MarketplaceSettings { ConnectionBudget = connections, ConnectionIdleLifetime = idleLifetime }, _clock, NullLogger<ConnectionBudget>.Instance);

    /// <summary>A cooperative's pool as the service's factory makes it, its connections named for pg_stat_activity.</summary>
    private NpgsqlDataSource Pool(ConnectionBudget budget, string name)
    {
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(App.Infrastructure.Postgres)
        {
            Database = "postgres",
            ApplicationName = $"{_prefix}-{name}",
            ConnectionIdleLifetime = 300, // Npgsql's own pruning stays out of the way: the budget is what is tested
        }.ConnectionString)
        {
            Name = $"{_prefix}:{name}",
        };
        var pool = builder.Build();
        _pools.Add(pool);
        budget.Track(builder.Name, pool);
        return pool;
    }

    private static async Task UseAsync(NpgsqlDataSource pool)
    {
        await using var command = pool.CreateCommand("select 1");
        await command.ExecuteScalarAsync();
    }

    /// <summary>The pools that hold a connection, by name, as PostgreSQL sees them.</summary>
    private async Task<List<string>> HeldAsync()
    {
        await using var connection = new NpgsqlConnection(App.Infrastructure.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select application_name from pg_stat_activity where application_name like $1 order by 1", connection)
        {
            Parameters = { new() { Value = _prefix + "-%" } },
        };
        var held = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            held.Add(reader.GetString(0)[(_prefix.Length + 1)..]);
        }

        return held;
    }

    public override async Task DisposeAsync()
    {
        foreach (var pool in _pools)
        {
            await pool.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>The real clock whose monotonic timestamps the test moves forward.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _offset;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offset, (long)(by.TotalSeconds * TimestampFrequency));

        public override long GetTimestamp() => base.GetTimestamp() + Interlocked.Read(ref _offset);
    }
}
