using Marketplace.Hosting;
using Marten;
using MassTransit;

namespace Marketplace.Platform.Notifications;

/// <summary>Mails people about what happens in their cooperatives (a question to a shop, its answer), through a mail outbox.</summary>
public static class NotificationsRegistration
{
    public static StoreOptions AddNotifications(this StoreOptions options)
    {
        options.Schema.For<OutgoingMail>().Identity(m => m.Id).UseOptimisticConcurrency(true).Index(m => m.NextAttemptAt);
        return options;
    }

    public static IBusRegistrationConfigurator AddNotificationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<TellShopOfQuestion>();
        bus.AddConsumer<TellAskerOfAnswer>();
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
