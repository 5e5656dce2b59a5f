using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Ordering.Catalog;

/// <summary>What every fact Catalog tells about a product does to Ordering's copy: load it (or start it), apply the fact, store it.</summary>
internal abstract class ProductCopyConsumer<T>(CooperativeSessions sessions, TimeProvider clock, ILogger logger)
    : CooperativeConsumer<T>(sessions, clock, logger)
    where T : class, IIntegrationEvent
{
    protected abstract Guid ProductOf(T message);

    protected abstract ProductCopy Apply(ProductCopy copy, T message);

    protected sealed override async Task Handle(T message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var id = ProductOf(message);
        var copy = await session.LoadAsync<ProductCopy>(id, cancellationToken) ?? new ProductCopy { Id = id };
        session.Store(Apply(copy, message));
    }
}
