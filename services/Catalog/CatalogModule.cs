using FluentValidation;
using JasperFx.Events.Projections;
using Marketplace.Catalog.Imports;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Reservations;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Shops.GettingShop;
using Marketplace.Catalog.Shops.OpeningForOrders;
using Marketplace.Catalog.Shops.RegisteringShop;
using Marketplace.ServiceDefaults.Export;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Catalog;

/// <summary>Shops, products, stock and search, in the "catalog" schema of each cooperative's database.</summary>
public static class CatalogModule
{
    public const int DaemonLockId = 4200;
    public const string Schema = "catalog";

    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssembly(typeof(CatalogModule).Assembly, includeInternalTypes: true);
        builder.AddCooperativeStore<CatalogIntegrationEvents>(Schema, DaemonLockId, options =>
        {
            options.Projections.Snapshot<Shop>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<Product>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<Reservation>(SnapshotLifecycle.Inline);
            options.ConfigureImports();
        });
        builder.AddMessaging("catalog", bus =>
        {
            bus.AddConsumer<ApplyCooperativeSchema>();
            bus.AddConsumer<RecordShopOpenedForOrders>();
        });
        return builder;
    }

    public static WebApplication MapCatalog(this WebApplication app)
    {
        var shops = app.MapGroup("/api/coops/{coop}/shops").WithTags("Shops");
        shops.MapRegisterShop();
        shops.MapGetShop();
        shops.MapImports();
        app.MapCooperativeExport("catalog", Schema);
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for WebApplicationFactory in tests (Program is in the global namespace of every service).</summary>
public sealed class CatalogService;
