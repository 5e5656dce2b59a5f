using FluentValidation;
using JasperFx.Events.Projections;
using Marketplace.Ordering.Baskets;
using Marketplace.Ordering.Baskets.Emptying;
using Marketplace.Ordering.Baskets.RemovingLine;
using Marketplace.Ordering.Baskets.SettingLine;
using Marketplace.Ordering.Baskets.Viewing;
using Marketplace.Ordering.Catalog;
using Marketplace.Ordering.Catalog.CopyingBackInStock;
using Marketplace.Ordering.Catalog.CopyingListedProduct;
using Marketplace.Ordering.Catalog.CopyingOutOfStock;
using Marketplace.Ordering.Catalog.CopyingPriceChange;
using Marketplace.Ordering.Shops;
using Marketplace.Ordering.Shops.OpeningShopForOrders;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Export;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering;

/// <summary>
/// Ordering's copy of the cooperative's shops and products, and its customers' baskets (orders to come), in the
/// "ordering" schema of each cooperative's database.
/// </summary>
public static class OrderingModule
{
    public const int RelayLockId = 4300;
    public const string Schema = "ordering";

    public static IHostApplicationBuilder AddOrdering(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssembly(typeof(OrderingModule).Assembly, includeInternalTypes: true);
        builder.AddCooperativeStore<OrderingIntegrationEvents>(Schema, RelayLockId, options =>
        {
            options.AddEventSourced<OrderingShop>();
            options.AddEventSourced<Basket>();
            // Facts about one product may arrive together: the second writer reads again (the consumer is retried).
            options.Schema.For<ProductCopy>().UseOptimisticConcurrency(true);
        });
        builder.AddMessaging("ordering", bus =>
        {
            bus.AddConsumer<ApplyCooperativeSchema>();
            bus.AddConsumer<OpenShopForOrders>();
            bus.AddConsumer<CopyListedProduct>();
            bus.AddConsumer<CopyPriceChange>();
            bus.AddConsumer<CopyOutOfStock>();
            bus.AddConsumer<CopyBackInStock>();
        });
        return builder;
    }

    public static WebApplication MapOrdering(this WebApplication app)
    {
        app.MapCooperativeExport("ordering", Schema);
        var basket = app.MapGroup("/api/coops/{coop}/basket").WithTags("Basket");
        basket.MapGetBasket();
        basket.MapSetBasketLine();
        basket.MapRemoveBasketLine();
        basket.MapEmptyBasket();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for WebApplicationFactory in tests (Program is in the global namespace of every service).</summary>
public sealed class OrderingService;
