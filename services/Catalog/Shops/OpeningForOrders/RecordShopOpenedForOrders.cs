using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Contract = Marketplace.Contracts.Ordering;

namespace Marketplace.Catalog.Shops.OpeningForOrders;

[ConsumerName("record-shop-opened-for-orders")]
internal sealed class RecordShopOpenedForOrders(CooperativeSessions sessions, TimeProvider clock, ILogger<RecordShopOpenedForOrders> logger)
    : CooperativeConsumer<Contract.ShopOpenedForOrders>(sessions, clock, logger)
{
    protected override async Task Handle(Contract.ShopOpenedForOrders message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        // Fetched for writing, so that an approval committed in between is a concurrency conflict (the message is
        // retried on the new state) rather than a lost update of the shop's inline snapshot.
        var stream = await session.Events.FetchForWriting<Shop>(message.ShopId, cancellationToken);
        // Only a shop this catalog registered can be opened; anything else is not ours to create. Ordering's word is a
        // fact recorded as it comes, not a request to decide on (its inbox makes a redelivery count once).
        if (stream.Aggregate is not null)
        {
            stream.AppendOne(new ShopOpenedForOrders(message.ShopId, message.OpenedAt));
        }
    }
}
