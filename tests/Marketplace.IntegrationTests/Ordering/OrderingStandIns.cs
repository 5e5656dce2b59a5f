using System.Collections.Concurrent;
using Marketplace.Contracts;
using Marketplace.IntegrationTests.Infrastructure;
using Marketplace.Ordering.Shops;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using CatalogContracts = Marketplace.Contracts.Catalog;
using OrderingContracts = Marketplace.Contracts.Ordering;
using PaymentsContracts = Marketplace.Contracts.Payments;

namespace Marketplace.IntegrationTests.Ordering;

/// <summary>
/// Catalog and Payments as Ordering sees them, on the real broker: the test publishes their contract messages (with a
/// MessageId and the tenant header, as their relays do) and hears every message Ordering relays.
/// </summary>
public sealed class OrderingStandIns : IAsyncDisposable
{
    private readonly ConcurrentQueue<(IIntegrationEvent Message, Guid? MessageId)> _heard = new();
    private readonly MarketplaceApp _app;
    private IBusControl _bus = null!;

    private OrderingStandIns(MarketplaceApp app) => _app = app;

    public static async Task<OrderingStandIns> StartAsync(MarketplaceApp app)
    {
        var standIns = new OrderingStandIns(app);
        standIns._bus = Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(app.Infrastructure.RabbitMq);
            bus.ReceiveEndpoint($"it-ordering-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.SetQuorumQueue();
                endpoint.SetQueueArgument("x-expires", 600_000);
                endpoint.Consumer(() => new Recorder<OrderingContracts.ShopOpenedForOrders>(standIns));
                endpoint.Consumer(() => new Recorder<OrderingContracts.OrderPlaced>(standIns));
                endpoint.Consumer(() => new Recorder<OrderingContracts.OrderAwaitingPayment>(standIns));
                endpoint.Consumer(() => new Recorder<OrderingContracts.SubOrderAccepted>(standIns));
                endpoint.Consumer(() => new Recorder<OrderingContracts.SubOrderWithdrawn>(standIns));
                endpoint.Consumer(() => new Recorder<OrderingContracts.OrderReadyToCapture>(standIns));
                endpoint.Consumer(() => new Recorder<OrderingContracts.OrderCancelled>(standIns));
                endpoint.Consumer(() => new Recorder<OrderingContracts.RefundRequested>(standIns));
                endpoint.Consumer(() => new Recorder<OrderingContracts.SubOrderReady>(standIns));
                endpoint.Consumer(() => new Recorder<OrderingContracts.SubOrderHandedOver>(standIns));
            });
        });
        await standIns._bus.StartAsync();
        return standIns;
    }

    public IReadOnlyList<T> Heard<T>(Func<T, bool> match) => [.. _heard.Select(h => h.Message).OfType<T>().Where(match)];

    /// <summary>Distinct relayed messages (a relay may publish one twice with the same MessageId: consumers de-duplicate).</summary>
    public IReadOnlyList<T> HeardOnce<T>(Func<T, bool> match) =>
        [.. _heard.Where(h => h.Message is T t && match(t)).DistinctBy(h => h.MessageId).Select(h => (T)h.Message)];

    public async Task<T> WaitForAsync<T>(Func<T, bool> match, string what)
    {
        T? found = default;
        await Eventually.TrueAsync(
            () =>
            {
                var heard = Heard(match);
                found = heard.Count > 0 ? heard[0] : default;
                return Task.FromResult(heard.Count > 0);
            },
            what);
        return found!;
    }

    /// <summary>Publishes as the other service's relay does; the same <paramref name="messageId"/> again is a duplicate.</summary>
    public Task PublishAsync<T>(T message, Guid? messageId = null)
        where T : class, IIntegrationEvent =>
        // As its runtime type: published as IIntegrationEvent, no consumer would hear it.
        _bus.Publish(message, message.GetType(), context =>
        {
            context.MessageId = messageId ?? Guid.NewGuid();
            context.Headers.Set(TenantHeader.Name, message.Tenant.Value);
        });

    /// <summary>
    /// Catalog's profile of a shop and Payments' word that it can receive transfers, as the real services will send them;
    /// waits until Ordering has opened it for orders when it should.
    /// </summary>
    public async Task OpenShopAsync(TenantId coop, Guid shop, string name, Guid owner, bool pickup = true, bool delivery = false, long version = 1000)
    {
        await PublishAsync(Profile(coop, shop, name, owner, approved: true, pickup, delivery, version));
        await PublishAsync(new PaymentsContracts.ShopPayoutsChanged(coop, shop, true, DateTimeOffset.UtcNow));
        await WaitForAsync<OrderingContracts.ShopOpenedForOrders>(e => e.ShopId == shop, $"Ordering opens {name} for orders");
    }

    public static CatalogContracts.ShopProfileChanged Profile(TenantId coop, Guid shop, string name, Guid owner, bool approved = true, bool pickup = true, bool delivery = false, long version = 1000) =>
        new(coop, shop, version, name, approved, [owner], EveryDay, pickup, delivery, "shop@example.org", DateTimeOffset.UtcNow);

    /// <summary>Open 08:00–20:00 every day (in the cooperative's zone, Europe/Paris).</summary>
    public static readonly IReadOnlyList<CatalogContracts.ShopOpeningPeriod> EveryDay =
        [.. new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(d => new CatalogContracts.ShopOpeningPeriod(d, "08:00", "20:00"))];

    public async Task<OrderingShop?> ShopAsync(TenantId coop, Guid shop)
    {
        await using var session = _app.Ordering.Services.GetRequiredService<CooperativeSessions>().QuerySession(coop);
        return await session.LoadAsync<OrderingShop>(shop);
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();

    private sealed class Recorder<T>(OrderingStandIns standIns) : IConsumer<T>
        where T : class, IIntegrationEvent
    {
        public Task Consume(ConsumeContext<T> context)
        {
            standIns._heard.Enqueue((context.Message, context.MessageId));
            return Task.CompletedTask;
        }
    }
}
