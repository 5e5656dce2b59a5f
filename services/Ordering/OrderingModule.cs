using FluentValidation;
using JasperFx.Events.Projections;
using Marketplace.Ordering.Shops;
using Marketplace.Ordering.Shops.OpeningShopForOrders;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Export;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering;

/// <summary>Ordering's copy of the cooperative's shops (baskets and orders to come), in the "ordering" schema of each cooperative's database.</summary>
public static class OrderingModule
{
    public const int RelayLockId = 4300;
    public const string Schema = "ordering";

    public static IHostApplicationBuilder AddOrdering(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssembly(typeof(OrderingModule).Assembly, includeInternalTypes: true);
        builder.AddCooperativeStore<OrderingIntegrationEvents>(Schema, RelayLockId, options =>
            options.AddEventSourced<OrderingShop>());
        builder.AddMessaging("ordering", bus =>
        {
            bus.AddConsumer<ApplyCooperativeSchema>();
            bus.AddConsumer<OpenShopForOrders>();
        });
        return builder;
    }

    public static WebApplication MapOrdering(this WebApplication app)
    {
        app.MapCooperativeExport("ordering", Schema);
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for WebApplicationFactory in tests (Program is in the global namespace of every service).</summary>
public sealed class OrderingService;
