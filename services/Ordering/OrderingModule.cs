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
using Marketplace.Ordering.Orders;
using Marketplace.Ordering.Orders.Cancelling;
using Marketplace.Ordering.Orders.CancellingSubOrder;
using Marketplace.Ordering.Orders.ListingAll;
using Marketplace.Ordering.Orders.ListingMine;
using Marketplace.Ordering.Orders.Placing;
using Marketplace.Ordering.Orders.Process.RecordingAuthorisationLapsing;
using Marketplace.Ordering.Orders.Process.RecordingPaymentAuthorised;
using Marketplace.Ordering.Orders.Process.RecordingPaymentCancelled;
using Marketplace.Ordering.Orders.Process.RecordingPaymentCaptured;
using Marketplace.Ordering.Orders.Process.RecordingPaymentFailed;
using Marketplace.Ordering.Orders.Process.RecordingRefundCompleted;
using Marketplace.Ordering.Orders.Process.RecordingRefundFailed;
using Marketplace.Ordering.Orders.Process.RecordingStockHeld;
using Marketplace.Ordering.Orders.Process.RecordingStockShort;
using Marketplace.Ordering.Orders.Viewing;
using Marketplace.Ordering.Settings.Changing;
using Marketplace.Ordering.Settings.Viewing;
using Marketplace.Ordering.ShopOrders.Accepting;
using Marketplace.Ordering.ShopOrders.CancellingAccepted;
using Marketplace.Ordering.ShopOrders.HandingOver;
using Marketplace.Ordering.ShopOrders.Listing;
using Marketplace.Ordering.ShopOrders.MarkingReady;
using Marketplace.Ordering.ShopOrders.Refusing;
using Marketplace.Ordering.Shops;
using Marketplace.Ordering.Shops.CopyingPayouts;
using Marketplace.Ordering.Shops.CopyingProfile;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Export;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Ordering;

/// <summary>
/// Ordering's copy of the cooperative's shops and products, its customers' baskets and orders (the order process, ADR 27 and 33), in the
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
            options.AddEventSourced<Order>();
            options.Schema.For<Order>().Index(o => o.CustomerId).Index(o => o.PlacedAt);
            options.Schema.For<OrderDeadline>().Index(d => d.Due);
            options.Schema.For<OrderingSettings>();
            // Facts about one product may arrive together: the second writer reads again (the consumer is retried).
            options.Schema.For<ProductCopy>().UseOptimisticConcurrency(true);
        });
        builder.AddMessaging("ordering", bus =>
        {
            bus.AddConsumer<ApplyCooperativeSchema>();
            bus.AddConsumer<CopyShopProfile>();
            bus.AddConsumer<CopyShopPayouts>();
            bus.AddConsumer<CopyListedProduct>();
            bus.AddConsumer<CopyPriceChange>();
            bus.AddConsumer<CopyOutOfStock>();
            bus.AddConsumer<CopyBackInStock>();
            bus.AddConsumer<RecordStockHeld>();
            bus.AddConsumer<RecordStockShort>();
            bus.AddConsumer<RecordPaymentAuthorised>();
            bus.AddConsumer<RecordPaymentFailed>();
            bus.AddConsumer<RecordAuthorisationLapsing>();
            bus.AddConsumer<RecordPaymentCaptured>();
            bus.AddConsumer<RecordPaymentCancelled>();
            bus.AddConsumer<RecordRefundCompleted>();
            bus.AddConsumer<RecordRefundFailed>();
        });
        builder.Services.AddSingleton<CooperativeDeadlines>();
        builder.Services.AddSingleton<OrderDesk>();
        builder.Services.AddHostedService<OrderDeadlineSweeper>();
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
        var orders = app.MapGroup("/api/coops/{coop}/orders").WithTags("Orders");
        orders.MapPlaceOrder();
        orders.MapListMyOrders();
        orders.MapGetOrder();
        orders.MapCancelOrder();
        orders.MapCancelSubOrder();
        var shopOrders = app.MapGroup("/api/coops/{coop}/shops/{shop:guid}/orders").WithTags("Shop orders");
        shopOrders.MapListShopOrders();
        shopOrders.MapAcceptSubOrder();
        shopOrders.MapRefuseSubOrder();
        shopOrders.MapMarkSubOrderReady();
        shopOrders.MapMarkSubOrderHandedOver();
        shopOrders.MapCancelAcceptedSubOrder();
        app.MapGroup("/api/coops/{coop}/admin").WithTags("Orders").MapListCooperativeOrders();
        var settings = app.MapGroup("/api/coops/{coop}/ordering/settings").WithTags("Order settings");
        settings.MapGetOrderingSettings();
        settings.MapChangeOrderingSettings();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for WebApplicationFactory in tests (Program is in the global namespace of every service).</summary>
public sealed class OrderingService;
