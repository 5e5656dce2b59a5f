using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Ordering.Catalog.CopyingBackInStock;

/// <summary>A product back in stock shows as available again in the baskets that hold it.</summary>
[ConsumerName("copy-back-in-stock")]
internal sealed class CopyBackInStock(CooperativeSessions sessions, TimeProvider clock, ILogger<CopyBackInStock> logger)
    : ProductCopyConsumer<Contract.ProductBackInStock>(sessions, clock, logger)
{
    protected override Guid ProductOf(Contract.ProductBackInStock message) => message.ProductId;

    protected override ProductCopy Apply(ProductCopy copy, Contract.ProductBackInStock message) => copy.Stock(inStock: true, message.ShopId, message.At);
}
