using Microsoft.Extensions.Configuration;

namespace Marketplace.ServiceDefaults;

/// <summary>The settings every service reads, from configuration section "Marketplace" and the connection strings.</summary>
public sealed record MarketplaceSettings
{
    /// <summary>A connection string to the PostgreSQL server, without a database name.</summary>
    public required string PostgresServer { get; init; }

    /// <summary>The database holding the platform's own data and the cooperatives' registry.</summary>
    public required string PlatformDatabase { get; init; }

    public required Uri RabbitMq { get; init; }

    /// <summary>Connections each service's store may open per cooperative database (see README: connection budget).</summary>
    public int MaxPoolSizePerCooperative { get; init; } = 3;

    /// <summary>How often a service's async daemon rereads the registry to find new cooperatives.</summary>
    public TimeSpan RegistryPollingInterval { get; init; } = TimeSpan.FromSeconds(5);

    public string PlatformConnectionString => DatabaseConnectionString(PlatformDatabase, maxPoolSize: 10);

    public string DatabaseConnectionString(string database, int maxPoolSize) =>
        new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer) { Database = database, MaxPoolSize = maxPoolSize }.ConnectionString;

    public static MarketplaceSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Marketplace");
        return new MarketplaceSettings
        {
            PostgresServer = configuration.GetConnectionString("Postgres")
                ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set."),
            RabbitMq = new Uri(configuration.GetConnectionString("RabbitMq")
                ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not set.")),
            PlatformDatabase = section["PlatformDatabase"] ?? "marketplace_platform",
            MaxPoolSizePerCooperative = section.GetValue("MaxPoolSizePerCooperative", 3),
            RegistryPollingInterval = section.GetValue("RegistryPollingInterval", TimeSpan.FromSeconds(5)),
        };
    }
}
