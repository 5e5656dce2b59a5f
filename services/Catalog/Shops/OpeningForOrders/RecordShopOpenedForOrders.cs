using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Contract = Marketplace.Contracts.Ordering;

namespace Marketplace.Catalog.Shops.OpeningForOrders;

internal sealed class RecordShopOpenedForOrders(CooperativeSessions sessions, TimeProvider clock, ILogger<RecordShopOpenedForOrders> logger)
    : CooperativeConsumer<Contract.ShopOpenedForOrders>(sessions, clock, logger)
{
    protected override async Task Handle(Contract.ShopOpenedForOrders message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        // Only a shop this catalog registered can be opened; anything else is not ours to create.
        if (await session.Events.FetchStreamStateAsync(message.ShopId, cancellationToken) is null)
        {
            return;
        }

        session.Events.Append(message.ShopId, new ShopOpenedForOrders(message.ShopId, message.OpenedAt));
    }
}
