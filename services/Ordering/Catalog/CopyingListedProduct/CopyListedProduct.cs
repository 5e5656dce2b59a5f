using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Ordering.Catalog.CopyingListedProduct;

/// <summary>A product listed in the catalog can go in a basket: its names, price and VAT rate are copied.</summary>
[ConsumerName("copy-listed-product")]
internal sealed class CopyListedProduct(CooperativeSessions sessions, TimeProvider clock, ILogger<CopyListedProduct> logger)
    : ProductCopyConsumer<Contract.ProductListed>(sessions, clock, logger)
{
    protected override Guid ProductOf(Contract.ProductListed message) => message.ProductId;

    protected override ProductCopy Apply(ProductCopy copy, Contract.ProductListed message) => copy.Listed(message);
}
