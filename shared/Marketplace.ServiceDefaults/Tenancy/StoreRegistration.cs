using JasperFx;
using JasperFx.Events.Daemon;
using Marketplace.ServiceDefaults.Messaging;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.ServiceDefaults.Tenancy;

public static class StoreRegistration
{
    /// <summary>
    /// The service's event store in every cooperative's database, in a schema of its own, found through
    /// the tenant registry. Its async daemon (hot/cold, one lock id per service) relays committed events
    /// to RabbitMQ, and picks up cooperatives added at run time at its next registry poll.
    /// </summary>
    /// <param name="schema">The service's own schema in each cooperative database.</param>
    /// <param name="daemonLockId">Unique per service: replicas of one service share it, services never do.</param>
    public static IHostApplicationBuilder AddCooperativeStore<TMapper>(
        this IHostApplicationBuilder builder, string schema, int daemonLockId, Action<StoreOptions>? configure = null)
        where TMapper : class, IIntegrationEventMapper
    {
        var settings = MarketplaceSettings.From(builder.Configuration);
        builder.Services.AddMarten(_ =>
            {
                var options = BaseOptions(schema, daemonLockId, settings);
                options.MultiTenantedDatabasesWithMasterDatabaseTable(tenancy =>
                {
                    tenancy.ConnectionString = settings.PlatformConnectionString;
                    tenancy.SchemaName = TenantRegistry.Schema;
                    tenancy.ApplicationName = schema;
                    tenancy.AutoCreate = AutoCreate.None; // the registry belongs to the platform (TenantRegistry)
                });
                options.DataSourceFactory(new CappedDataSourceFactory(settings.MaxPoolSizePerCooperative, schema), settings.PlatformConnectionString);
                configure?.Invoke(options);
                return options;
            })
            // Existing cooperatives get this service's schema (new or changed) when it starts;
            // new ones get it when CooperativeOnboarded arrives (ApplyCooperativeSchema).
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.HotCold)
            .AddSubscriptionWithServices<IntegrationEventRelay>(ServiceLifetime.Singleton);

        builder.Services.AddSingleton<IIntegrationEventMapper, TMapper>();
        builder.Services.AddSingleton<CooperativeSessions>();
        AddRegistryInitializerFirst(builder.Services);
        return builder;
    }

    /// <summary>A store in the platform database only (the Platform service's own data), with the same relay.</summary>
    public static IHostApplicationBuilder AddPlatformStore<TMapper>(
        this IHostApplicationBuilder builder, string schema, int daemonLockId, Action<StoreOptions>? configure = null)
        where TMapper : class, IIntegrationEventMapper
    {
        var settings = MarketplaceSettings.From(builder.Configuration);
        builder.Services.AddMarten(_ =>
            {
                var options = BaseOptions(schema, daemonLockId, settings);
                options.Connection(settings.PlatformConnectionString);
                configure?.Invoke(options);
                return options;
            })
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.HotCold)
            .AddSubscriptionWithServices<IntegrationEventRelay>(ServiceLifetime.Singleton);

        builder.Services.AddSingleton<IIntegrationEventMapper, TMapper>();
        AddRegistryInitializerFirst(builder.Services);
        return builder;
    }

    /// <summary>Hosted services start in registration order, and Marten puts its own activator first.</summary>
    private static void AddRegistryInitializerFirst(IServiceCollection services) =>
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, RegistryInitializer>());

    private static StoreOptions BaseOptions(string schema, int daemonLockId, MarketplaceSettings settings)
    {
        var options = new StoreOptions();
        options.DatabaseSchemaName = schema;
        options.Events.DatabaseSchemaName = schema;
        // Schema changes are applied on purpose (startup, onboarding), never as a side effect of a query:
        // an implicit apply races the daemon's own DDL on a fresh database.
        options.AutoCreateSchemaObjects = AutoCreate.None;
        options.Advanced.Migrator.UseSchemaFingerprinting = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Projections.DaemonLockId = daemonLockId;
        options.Projections.LeadershipPollingTime = (int)settings.RegistryPollingInterval.TotalMilliseconds;
        options.Schema.For<ProcessedMessage>().Identity(m => m.Id);
        options.UseSystemTextJsonForSerialization();
        return options;
    }
}
