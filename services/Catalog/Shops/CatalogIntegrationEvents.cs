using JasperFx.Events;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Catalog.Shops;

internal sealed class CatalogIntegrationEvents : IIntegrationEventMapper
{
    public IIntegrationEvent? Map(IEvent committed, TenantId? database) => (committed.Data, database) switch
    {
        (ShopRegistered e, { } tenant) => new Contract.ShopRegistered(tenant, e.ShopId, e.Name, e.RegisteredAt),
        _ => null,
    };
}
