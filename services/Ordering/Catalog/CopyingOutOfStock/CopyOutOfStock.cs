using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Ordering.Catalog.CopyingOutOfStock;

/// <summary>A product out of stock shows as unavailable in the baskets that hold it.</summary>
[ConsumerName("copy-out-of-stock")]
internal sealed class CopyOutOfStock(CooperativeSessions sessions, TimeProvider clock, ILogger<CopyOutOfStock> logger)
    : ProductCopyConsumer<Contract.ProductOutOfStock>(sessions, clock, logger)
{
    protected override Guid ProductOf(Contract.ProductOutOfStock message) => message.ProductId;

    protected override ProductCopy Apply(ProductCopy copy, Contract.ProductOutOfStock message) => copy.Stock(inStock: false, message.ShopId, message.At);
}
