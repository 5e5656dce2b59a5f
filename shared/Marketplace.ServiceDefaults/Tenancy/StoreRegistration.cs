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
    /// the tenant registry (a cooperative added at run time is usable at once). Its relay publishes committed
    /// events to RabbitMQ, visiting a database when something was appended there (<see cref="RelayScheduler"/>).
    /// </summary>
    /// <param name="schema">The service's own schema in each cooperative database.</param>
    /// <param name="relayLockId">The relay's advisory lock id, unique per service: replicas of one service share it, services never do.</param>
    public static IHostApplicationBuilder AddCooperativeStore<TMapper>(
        this IHostApplicationBuilder builder, string schema, int relayLockId, Action<StoreOptions>? configure = null)
        where TMapper : class, IIntegrationEventMapper
    {
        builder.Services.AddSingleton<CooperativeSessions>();
        builder.Services.AddSingleton<ConnectionBudget>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ConnectionBudget>());
        builder.Services.AddSingleton(services => new CooperativeReadiness(services.GetRequiredService<IDocumentStore>(), schema));
        // After the registry exists (RegistryInitializer, first), before the relay and the bus start.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, CooperativeSchemaPreparer>());
        return builder.AddStore<TMapper>(schema, relayLockId, applyOnStartup: false, (options, settings, services) =>
        {
            options.MultiTenantedDatabasesWithMasterDatabaseTable(tenancy =>
            {
                tenancy.ConnectionString = settings.PlatformConnectionString;
                tenancy.SchemaName = TenantRegistry.Schema;
                tenancy.ApplicationName = schema;
                tenancy.AutoCreate = AutoCreate.None; // created by TenantRegistry, under a lock
            });
            options.DataSourceFactory(new CappedDataSourceFactory(settings, schema, services.GetRequiredService<ConnectionBudget>()), settings.PlatformConnectionString);
            configure?.Invoke(options);
        });
    }

    /// <summary>A store in the platform database only (the Platform service's own data), with the same relay.</summary>
    public static IHostApplicationBuilder AddPlatformStore<TMapper>(
        this IHostApplicationBuilder builder, string schema, int relayLockId, Action<StoreOptions>? configure = null)
        where TMapper : class, IIntegrationEventMapper =>
        builder.AddStore<TMapper>(schema, relayLockId, applyOnStartup: true, (options, settings, _) =>
        {
            options.Connection(settings.PlatformConnectionString);
            configure?.Invoke(options);
        });

    private static IHostApplicationBuilder AddStore<TMapper>(
        this IHostApplicationBuilder builder, string schema, int relayLockId, bool applyOnStartup, Action<StoreOptions, MarketplaceSettings, IServiceProvider> connect)
        where TMapper : class, IIntegrationEventMapper
    {
        var settings = MarketplaceSettings.Of(builder);
        var marten = builder.Services.AddMarten(services =>
            {
                var options = new StoreOptions();
                options.DatabaseSchemaName = schema;
                options.Events.DatabaseSchemaName = schema;
                // Schema changes are applied on purpose (start-up, onboarding), never as a side effect of a
                // query: an implicit apply races the daemon's own DDL on a fresh database.
                options.AutoCreateSchemaObjects = AutoCreate.None;
                options.Advanced.Migrator.UseSchemaFingerprinting = true;
                options.Events.MetadataConfig.HeadersEnabled = true;
                // The relay (RelayScheduler) builds and runs each database's daemon itself, when it has work (ADR 1):
                // Marten hosts none, and must not warn that the async projections will never run.
                options.Projections.AsyncMode = DaemonMode.ExternallyManaged;
                options.Listeners.Add(new WakeRelayOnAppend(services.GetRequiredService<RelayScheduler>));
                options.Schema.For<ProcessedMessage>().Identity(m => m.Id);
                options.UseSystemTextJsonForSerialization();
                connect(options, settings, services);
                return options;
            })
            .AddSubscriptionWithServices<IntegrationEventRelay>(ServiceLifetime.Singleton);
        if (applyOnStartup)
        {
            // The platform database, whose service cannot work without it. Cooperatives' databases are each
            // prepared on their own (CooperativeSchemaPreparer): one broken cooperative must not stop the service.
            marten.ApplyAllDatabaseChangesOnStartup();
        }

        builder.Services.AddSingleton<IIntegrationEventMapper, TMapper>();
        builder.Services.AddSingleton<CooperativeActivity>();
        builder.Services.AddSingleton(new RelayLock(relayLockId, schema));
        builder.Services.AddSingleton<RelayScheduler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RelayScheduler>());
        // Hosted services start in registration order, and Marten puts its own activator first.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, RegistryInitializer>());
        return builder;
    }
}
