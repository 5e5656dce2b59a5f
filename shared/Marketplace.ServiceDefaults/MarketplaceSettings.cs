using System.ComponentModel.DataAnnotations;
using Marketplace.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Marketplace.ServiceDefaults;

/// <summary>
/// The settings every service reads, from configuration section "Marketplace" and the connection strings
/// "Postgres" and "RabbitMq"; bound once and checked while the service is composed (<see cref="Settings"/>).
/// </summary>
public sealed record MarketplaceSettings
{
    public const string Section = "Marketplace";

    /// <summary>A connection string to the PostgreSQL server, without a database name (ConnectionStrings:Postgres).</summary>
    [Required(ErrorMessage = "ConnectionStrings:Postgres is not set.")]
    public string PostgresServer { get; set; } = "";

    /// <summary>The database holding the platform's own data and the cooperatives' registry.</summary>
    [Required]
    public string PlatformDatabase { get; set; } = "marketplace_platform";

    /// <summary>The broker (ConnectionStrings:RabbitMq, an amqp:// address).</summary>
    [Required(ErrorMessage = "ConnectionStrings:RabbitMq is not set.")]
    public Uri? RabbitMq { get; set; }

    /// <summary>
    /// The most connections one service process may open to one cooperative database: a busy cooperative's
    /// pool grows up to this, and shrinks back to none once quiet (<see cref="ConnectionIdleLifetime"/>).
    /// Kept above <see cref="MaxConcurrentRequestsPerCooperative"/> so that requests admitted never wait for a
    /// connection, with room for the relay, consumers and sweepers.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxPoolSizePerCooperative { get; init; } = 16;

    /// <summary>How long an unused connection stays open: a quiet cooperative holds none after this.</summary>
    public TimeSpan ConnectionIdleLifetime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The connections one service process keeps to all cooperatives' databases together, idle ones included: over
    /// it, the idle connections of the cooperatives used least recently are closed first (<see cref="Tenancy.ConnectionBudget"/>).
    /// Services with cooperatives' stores (four) × replicas × this, plus the platform database's pools (10 connections
    /// each), must stay below the server's max_connections: 4 × 200 + about 100 of 1,000 for one replica each. At 100
    /// cooperatives sharing a light load a service needs about two each, or its pools are closed between two requests.
    /// </summary>
    [Range(1, 100_000)]
    public int ConnectionBudget { get; init; } = 200;

    /// <summary>Requests one service process works on at once for one cooperative; more wait their turn in its queue.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrentRequestsPerCooperative { get; init; } = 8;

    /// <summary>
    /// Requests one service process works on at once for all cooperatives together: its share of the
    /// server's connection budget (see README). A cooperative's burst queues behind its own limit first,
    /// so the others keep their turn.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxConcurrentRequests { get; init; } = 48;

    /// <summary>How long a request may wait for its turn before it is answered 503 with Retry-After.</summary>
    public TimeSpan RequestQueueTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests that may wait per cooperative; beyond that, 503 with Retry-After at once.</summary>
    [Range(1, 100_000)]
    public int RequestQueueLimitPerCooperative { get; init; } = 1_000;

    /// <summary>
    /// False for a host that only serves requests and publishes (an API-only replica, a test's second host with a moved
    /// clock): it takes nothing from the service's queues, which the other hosts consume.
    /// </summary>
    public bool ConsumeMessages { get; init; } = true;

    /// <summary>Cooperative databases the relay visits at once, whatever their number.</summary>
    [Range(1, 100_000)]
    public int RelayConcurrency { get; init; } = 4;

    /// <summary>How often the relay visits every database, for commits whose process died before it could.</summary>
    public TimeSpan RelaySweepInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest the relay waits before visiting again when a sequence gap is still open or another replica holds the
    /// lock; it looks again after 25 ms first, doubling each time.
    /// </summary>
    public TimeSpan RelayRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The pause before visiting again a database whose commits kept coming during the last visit: a busy database
    /// is relayed a few pages a second rather than one visit per commit, at the cost of that much delay.
    /// </summary>
    public TimeSpan RelayBusyPause { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest one visit may take before it gives way (it resumes from its stored progress).</summary>
    public TimeSpan RelayVisitTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the relay keeps a busy database's daemon (its gap detector's memory) after its last visit.</summary>
    public TimeSpan RelayDaemonIdleTime { get; init; } = TimeSpan.FromMinutes(2);

    public string PlatformConnectionString => DatabaseConnectionString(PlatformDatabase, maxPoolSize: 10);

    public string DatabaseConnectionString(string database, int maxPoolSize) =>
        new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer) { Database = database, MaxPoolSize = maxPoolSize }.ConnectionString;

    /// <summary>The service's settings, bound and checked once per host.</summary>
    public static MarketplaceSettings Of(IHostApplicationBuilder builder) =>
        builder.AddSettings<MarketplaceSettings>(Section, (settings, configuration) =>
        {
            settings.PostgresServer = configuration.GetConnectionString("Postgres") ?? "";
            settings.RabbitMq = configuration.GetConnectionString("RabbitMq") is { Length: > 0 } broker ? new Uri(broker) : null;
        });
}
