using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Ordering.Catalog.CopyingPriceChange;

/// <summary>A product's new price shows in every basket that holds it (flagged as changed since it was added).</summary>
[ConsumerName("copy-price-change")]
internal sealed class CopyPriceChange(CooperativeSessions sessions, TimeProvider clock, ILogger<CopyPriceChange> logger)
    : CooperativeConsumer<Contract.ProductPriceChanged>(sessions, clock, logger)
{
    protected override async Task Handle(Contract.ProductPriceChanged message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var copy = await session.LoadAsync<ProductCopy>(message.ProductId, cancellationToken) ?? new ProductCopy { Id = message.ProductId };
        session.Store(copy.PriceChanged(message));
    }
}
