using System.Collections.Concurrent;
using System.Diagnostics;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using MassTransit;
using CatalogContracts = Marketplace.Contracts.Catalog;
using OrderingContracts = Marketplace.Contracts.Ordering;
using PaymentsContracts = Marketplace.Contracts.Payments;
using PlatformContracts = Marketplace.Contracts.Platform;

namespace Marketplace.IntegrationTests.Infrastructure;

/// <summary>What a probe consumer saw of one delivered message.</summary>
public sealed record Received(IIntegrationEvent Message, Guid? MessageId, string? TenantHeader, ActivityTraceId? TraceId);

/// <summary>
/// A bus of the test's own on the real broker: it hears every integration event as one more subscriber
/// (one message at a time, so it also sees the order they were published in), and it can publish
/// crafted messages, duplicates and forged headers included.
/// </summary>
public sealed class Probe
{
    private readonly ConcurrentQueue<Received> _received = new();
    private IBusControl _bus = null!;

    public IReadOnlyList<Received> Received => [.. _received];

    public static async Task<Probe> StartAsync(Uri rabbitMq)
    {
        var probe = new Probe();
        probe._bus = Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(rabbitMq);
            bus.ReceiveEndpoint($"it-probe-{Guid.NewGuid():N}", endpoint =>
            {
                // Durable and quorum, so it outlives a broker restart; removed by RabbitMQ once unused.
                endpoint.SetQuorumQueue();
                endpoint.SetQueueArgument("x-expires", 600_000);
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.Consumer(() => new Recorder<PlatformContracts.CooperativeOnboarded>(probe));
                endpoint.Consumer(() => new Recorder<CatalogContracts.ShopRegistered>(probe));
                endpoint.Consumer(() => new Recorder<CatalogContracts.ShopApproved>(probe));
                endpoint.Consumer(() => new Recorder<CatalogContracts.ProductListed>(probe));
                endpoint.Consumer(() => new Recorder<CatalogContracts.ProductPriceChanged>(probe));
                endpoint.Consumer(() => new Recorder<CatalogContracts.StockReserved>(probe));
                endpoint.Consumer(() => new Recorder<CatalogContracts.StockReservationRejected>(probe));
                endpoint.Consumer(() => new Recorder<CatalogContracts.StockReleased>(probe));
                endpoint.Consumer(() => new Recorder<CatalogContracts.StockCommitted>(probe));
                endpoint.Consumer(() => new Recorder<CatalogContracts.ProductOutOfStock>(probe));
                endpoint.Consumer(() => new Recorder<CatalogContracts.ProductBackInStock>(probe));
                endpoint.Consumer(() => new Recorder<OrderingContracts.ShopOpenedForOrders>(probe));
                endpoint.Consumer(() => new Recorder<PaymentsContracts.PaymentAuthorised>(probe));
                endpoint.Consumer(() => new Recorder<PaymentsContracts.PaymentFailed>(probe));
                endpoint.Consumer(() => new Recorder<PaymentsContracts.PaymentAuthorisationLapsing>(probe));
                endpoint.Consumer(() => new Recorder<PaymentsContracts.PaymentCaptured>(probe));
                endpoint.Consumer(() => new Recorder<PaymentsContracts.PaymentCancelled>(probe));
                endpoint.Consumer(() => new Recorder<PaymentsContracts.ShopPayoutsChanged>(probe));
                endpoint.Consumer(() => new Recorder<PaymentsContracts.RefundCompleted>(probe));
                endpoint.Consumer(() => new Recorder<PaymentsContracts.RefundFailed>(probe));
            });
        });
        await probe._bus.StartAsync();
        return probe;
    }

    public IReadOnlyList<Received> Of<T>(Func<T, bool> match)
        where T : IIntegrationEvent =>
        Received.Where(r => r.Message is T message && match(message)).ToList();

    public async Task<Received> WaitForAsync<T>(Func<T, bool> match, TimeSpan? timeout = null)
        where T : IIntegrationEvent
    {
        Received? found = null;
        await Eventually.TrueAsync(() => Task.FromResult((found = Of(match) is [var first, ..] ? first : null) is not null), "a " + typeof(T).Name, timeout);
        return found!;
    }

    /// <summary>Publishes as the relay does (MessageId, tenant header), or with a forged header, or with more headers.</summary>
    public Task PublishAsync<T>(T message, Guid messageId, string tenantHeader, IReadOnlyDictionary<string, object>? headers = null)
        where T : class, IIntegrationEvent =>
        _bus.Publish(message, context =>
        {
            context.MessageId = messageId;
            context.Headers.Set(TenantHeader.Name, tenantHeader);
            foreach (var (name, value) in headers ?? new Dictionary<string, object>())
            {
                context.Headers.Set(name, value);
            }
        });

    private sealed class Recorder<T>(Probe probe) : IConsumer<T>
        where T : class, IIntegrationEvent
    {
        public Task Consume(ConsumeContext<T> context)
        {
            probe._received.Enqueue(new Received(
                context.Message, context.MessageId, context.Headers.Get<string>(TenantHeader.Name), Activity.Current?.TraceId));
            return Task.CompletedTask;
        }
    }
}
