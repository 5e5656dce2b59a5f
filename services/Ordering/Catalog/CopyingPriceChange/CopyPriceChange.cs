using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Ordering.Catalog.CopyingPriceChange;

/// <summary>A product's new price shows in every basket that holds it (flagged as changed since it was added).</summary>
[ConsumerName("copy-price-change")]
internal sealed class CopyPriceChange(CooperativeSessions sessions, TimeProvider clock, ILogger<CopyPriceChange> logger)
    : ProductCopyConsumer<Contract.ProductPriceChanged>(sessions, clock, logger)
{
    protected override Guid ProductOf(Contract.ProductPriceChanged message) => message.ProductId;

    protected override ProductCopy Apply(ProductCopy copy, Contract.ProductPriceChanged message) => copy.PriceChanged(message);
}
