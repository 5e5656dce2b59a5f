using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Ordering.Catalog.CopyingOutOfStock;

/// <summary>A product out of stock shows as unavailable in the baskets that hold it.</summary>
[ConsumerName("copy-out-of-stock")]
internal sealed class CopyOutOfStock(CooperativeSessions sessions, TimeProvider clock, ILogger<CopyOutOfStock> logger)
    : CooperativeConsumer<Contract.ProductOutOfStock>(sessions, clock, logger)
{
    protected override async Task Handle(Contract.ProductOutOfStock message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var copy = await session.LoadAsync<ProductCopy>(message.ProductId, cancellationToken) ?? new ProductCopy { Id = message.ProductId };
        session.Store(copy.Stock(false, message.ShopId, message.At));
    }
}
