using JasperFx.Events.Projections;
using Marketplace.Ordering.Shops;
using Marketplace.Ordering.Shops.OpeningShopForOrders;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering;

/// <summary>Baskets, orders and sub-orders, in the "ordering" schema of each cooperative's database.</summary>
public static class OrderingModule
{
    public const int DaemonLockId = 4300;

    public static IHostApplicationBuilder AddOrdering(this IHostApplicationBuilder builder)
    {
        builder.AddCooperativeStore<OrderingIntegrationEvents>("ordering", DaemonLockId, options =>
            options.Projections.Snapshot<OrderingShop>(SnapshotLifecycle.Inline));
        builder.AddMessaging("ordering", bus =>
        {
            bus.AddConsumer<ApplyCooperativeSchema>();
            bus.AddConsumer<OpenShopForOrders>();
        });
        return builder;
    }
}
