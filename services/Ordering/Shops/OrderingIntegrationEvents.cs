using JasperFx.Events;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Contract = Marketplace.Contracts.Ordering;

namespace Marketplace.Ordering.Shops;

internal sealed class OrderingIntegrationEvents : IIntegrationEventMapper
{
    public IIntegrationEvent? Map(IEvent committed, TenantId? database) => (committed.Data, database) switch
    {
        (ShopOpenedForOrders e, { } tenant) => new Contract.ShopOpenedForOrders(tenant, e.ShopId, e.OpenedAt),
        _ => null,
    };
}
