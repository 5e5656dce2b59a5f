using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Ordering.Catalog.CopyingListedProduct;

/// <summary>A product listed in the catalog can go in a basket: its names, price and VAT rate are copied.</summary>
[ConsumerName("copy-listed-product")]
internal sealed class CopyListedProduct(CooperativeSessions sessions, TimeProvider clock, ILogger<CopyListedProduct> logger)
    : CooperativeConsumer<Contract.ProductListed>(sessions, clock, logger)
{
    protected override async Task Handle(Contract.ProductListed message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var copy = await session.LoadAsync<ProductCopy>(message.ProductId, cancellationToken) ?? new ProductCopy { Id = message.ProductId };
        session.Store(copy.Listed(message));
    }
}
