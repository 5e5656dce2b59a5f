using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Ordering.Shops.OpeningShopForOrders;

/// <summary>A shop registered in the catalog becomes one Ordering can take orders for.</summary>
[ConsumerName("open-shop-for-orders")]
internal sealed class OpenShopForOrders(CooperativeSessions sessions, TimeProvider clock, ILogger<OpenShopForOrders> logger)
    : CooperativeConsumer<Contract.ShopRegistered>(sessions, clock, logger)
{
    private readonly TimeProvider _clock = clock;

    protected override Task Handle(Contract.ShopRegistered message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Events.StartStream<OrderingShop>(message.ShopId, new ShopOpenedForOrders(message.ShopId, message.Name, _clock.GetUtcNow()));
        return Task.CompletedTask;
    }
}
