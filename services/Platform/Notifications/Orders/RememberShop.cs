using Marketplace.Contracts;
using Marketplace.Contracts.Catalog;
using Marketplace.ServiceDefaults.Messaging;
using Marten;

namespace Marketplace.Platform.Notifications.Orders;

/// <summary>Keeps the name and owners of each shop, to name it in a customer's mail and to find whom to tell of a new order.</summary>
[ConsumerName("remember-shop")]
internal sealed class RememberShop(IDocumentStore store, TimeProvider clock, ILogger<RememberShop> logger)
    : PlatformConsumer<ShopProfileChanged>(store, clock, logger)
{
    protected override async Task Handle(ShopProfileChanged message, TenantId tenant, string key, IDocumentSession session, CancellationToken cancellationToken)
    {
        var id = ShopCard.IdOf(tenant, message.ShopId);
        if (await session.LoadAsync<ShopCard>(id, cancellationToken) is { } known && known.Version >= message.Version)
        {
            return; // an older profile, or the same one again
        }

        session.Store(new ShopCard(id, message.Version, message.Name, message.Owners));
    }
}
