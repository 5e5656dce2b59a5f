using Marketplace.Contracts;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.ServiceDefaults.Messaging;

public static class MessagingRegistration
{
    /// <summary>
    /// MassTransit over RabbitMQ: durable quorum queues named after the service and each consumer's stable
    /// [ConsumerName], persistent messages,
    /// publisher confirms, retries with growing intervals, then the endpoint's _error queue; a message not ready yet
    /// waits in the endpoint's waiting queue instead (<see cref="WaitingRoom"/>)
    /// (re-drivable with a shovel or the management UI). A tenant mismatch is never retried.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var settings = MarketplaceSettings.Of(builder);
        builder.Services.AddSingleton<RelayStatus>();
        builder.Services.AddSingleton<WaitingRoom>();
        builder.Services.AddSingleton<HandBackWhileStopping>();
        // A stop ends the bus before the host gives up on it and disposes the container under its consumers: consumers
        // still running after ConsumerStopTimeout are cancelled (what they held is handed back, HandBackWhileStopping).
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            options.ConsumerStopTimeout = TimeSpan.FromSeconds(10);
            options.StopTimeout = TimeSpan.FromSeconds(20);
        });
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new StableEndpointNameFormatter(serviceName));
            bus.AddConfigureEndpointsCallback((registration, _, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                }

                endpoint.UseMessageRetry(retry =>
                {
                    retry.Ignore<TenantMismatchException>();
                    // About 19 s in all, each attempt holding one of the endpoint's 16 slots (ADR 7); a message not ready yet waits elsewhere.
                    retry.Intervals(100, 500, 1_000, 2_000, 5_000, 10_000);
                });
                // Inside the retries: a message not ready yet after two of them waits in a queue, not in a slot.
                endpoint.UseFilter(registration.GetRequiredService<WaitingRoom>());
                // MassTransit's own error pipe (a Fault<T> published, the message moved to _error), unless the service is stopping.
                endpoint.ConfigureError(error =>
                {
                    error.UseFilter(registration.GetRequiredService<HandBackWhileStopping>());
                    error.UseFilter(new GenerateFaultFilter());
                    error.UseFilter(new ErrorTransportFilter());
                });
            });
            consumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(settings.RabbitMq!, host =>
                {
                    host.PublisherConfirmation = true;
                    host.Heartbeat(TimeSpan.FromSeconds(10));
                });
                // Every contract implements IIntegrationEvent; nobody subscribes to the interface itself.
                rabbit.Publish<IIntegrationEvent>(publish => publish.Exclude = true);
                if (settings.ConsumeMessages)
                {
                    rabbit.ConfigureEndpoints(context);
                }
            });
        });
        return builder;
    }
}
