using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Ordering.Orders;

/// <summary>
/// What every answer from Catalog or Payments does to an order: decide on it in the consumer's transaction (the message
/// id is recorded with the change). An order not known yet, or a step it has not reached yet, throws: the message is
/// retried at intervals (ADR 7, 27), never dropped; a step already passed changes nothing.
/// </summary>
internal abstract class OrderConsumer<T>(CooperativeSessions sessions, OrderDesk desk, TimeProvider clock, ILogger logger)
    : CooperativeConsumer<T>(sessions, clock, logger)
    where T : class, IIntegrationEvent
{
    private readonly TimeProvider _clock = clock;

    protected abstract Guid OrderOf(T message);

    protected abstract Decision Decide(Order order, T message, OrderingSettings settings, DateTimeOffset now);

    protected sealed override async Task Handle(T message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var settings = await OrderingSettings.ReadAsync(session, cancellationToken);
        var now = _clock.GetUtcNow();
        var decided = await desk.DecideInAsync(session, OrderOf(message), order => Decide(order, message, settings, now), cancellationToken);
        if (decided.State is null || decided.Refusal == OrderRefusals.NotYet)
        {
            throw new OrderNotReadyException(OrderOf(message), typeof(T).Name);
        }
    }
}

/// <summary>The order this message is about is not known yet, or not at the step the message answers: retried later.</summary>
public sealed class OrderNotReadyException(Guid orderId, string message)
    : Exception($"Order {orderId} is not ready for {message} yet; the message is retried.");
