using Npgsql;
using Weasel.Postgresql.Connections;

namespace Marketplace.ServiceDefaults.Tenancy;

/// <summary>
/// One Npgsql pool per cooperative database, capped: with a database per cooperative, uncapped pools
/// (100 each by default) would exhaust the server's max_connections after a handful of cooperatives.
/// </summary>
internal sealed class CappedDataSourceFactory(int maxPoolSize, string applicationName) : INpgsqlDataSourceFactory
{
    public NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = maxPoolSize,
            ApplicationName = applicationName,
        };
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    public bool OwnsDataSource(NpgsqlDataSource dataSource) => true;
}
