using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Ordering.Catalog.CopyingBackInStock;

/// <summary>A product back in stock shows as available again in the baskets that hold it.</summary>
[ConsumerName("copy-back-in-stock")]
internal sealed class CopyBackInStock(CooperativeSessions sessions, TimeProvider clock, ILogger<CopyBackInStock> logger)
    : CooperativeConsumer<Contract.ProductBackInStock>(sessions, clock, logger)
{
    protected override async Task Handle(Contract.ProductBackInStock message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var copy = await session.LoadAsync<ProductCopy>(message.ProductId, cancellationToken) ?? new ProductCopy { Id = message.ProductId };
        session.Store(copy.Stock(true, message.ShopId, message.At));
    }
}
