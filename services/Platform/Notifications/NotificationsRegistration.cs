using Marketplace.Hosting;
using Marketplace.Platform.Notifications.Governance;
using Marketplace.Platform.Notifications.Orders;
using Marten;
using MassTransit;

namespace Marketplace.Platform.Notifications;

/// <summary>Mails people about what happens in their cooperatives (a question to a shop, its answer, a product back in stock, every change of an order, the votes they are called to), through a mail outbox.</summary>
public static class NotificationsRegistration
{
    public static StoreOptions AddNotifications(this StoreOptions options)
    {
        options.Schema.For<OutgoingMail>().Identity(m => m.Id).UseOptimisticConcurrency(true).Index(m => m.NextAttemptAt);
        options.Schema.For<OrderRecipient>().Identity(o => o.Id);
        // Two profiles of one shop handled at once: the second writer reads again (the consumer is retried).
        options.Schema.For<ShopCard>().Identity(s => s.Id).UseOptimisticConcurrency(true);
        return options;
    }

    public static IBusRegistrationConfigurator AddNotificationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<TellShopOfQuestion>();
        bus.AddConsumer<TellAskerOfAnswer>();
        bus.AddConsumer<TellCustomersBackInStock>();
        bus.AddConsumer<RememberShop>();
        bus.AddConsumer<TellCustomerOfOrderPlaced>();
        bus.AddConsumer<TellCustomerOfOrderCancelled>();
        bus.AddConsumer<TellCustomerOfSubOrderAccepted>();
        bus.AddConsumer<TellCustomerOfSubOrderWithdrawn>();
        bus.AddConsumer<TellCustomerOfPaymentCaptured>();
        bus.AddConsumer<TellCustomerOfSubOrderReady>();
        bus.AddConsumer<TellCustomerOfSubOrderHandedOver>();
        bus.AddConsumer<TellCustomerOfRefund>();
        bus.AddConsumer<TellShopsOfNewOrder>();
        bus.AddConsumer<TellMembersOfProposalOpened>();
        bus.AddConsumer<TellMembersOfProposalClosing>();
        bus.AddConsumer<TellMembersOfProposalDecided>();
        return bus;
    }

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<MailSettings>(MailSettings.Section);
        builder.Services.AddSingleton<NotificationMail>();
        builder.Services.AddSingleton<MailOutbox>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MailOutbox>());
        return builder;
    }
}
