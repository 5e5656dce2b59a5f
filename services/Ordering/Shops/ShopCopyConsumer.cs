using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Ordering.Shops;

/// <summary>What every fact about a shop does to Ordering's copy: fetch its stream (or start it), decide, append.</summary>
internal abstract class ShopCopyConsumer<T>(CooperativeSessions sessions, TimeProvider clock, ILogger logger)
    : CooperativeConsumer<T>(sessions, clock, logger)
    where T : class, IIntegrationEvent
{
    private readonly TimeProvider _clock = clock;

    protected abstract Guid ShopOf(T message);

    protected abstract Decision Decide(OrderingShop? shop, T message, DateTimeOffset now);

    protected sealed override async Task Handle(T message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        // Two facts about one shop at once: the second commit fails on the stream's version and its message is retried.
        var stream = await session.Events.FetchForWriting<OrderingShop>(ShopOf(message), cancellationToken);
        stream.AppendMany(Decide(stream.Aggregate, message, _clock.GetUtcNow()).Events);
    }
}
