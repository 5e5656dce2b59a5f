using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Ordering.Orders;

/// <summary>
/// What every answer from Catalog or Payments does to an order: decide on it in the consumer's transaction (the message
/// id is recorded with the change). A step the order has not reached yet throws: the message is retried at intervals
/// (ADR 7, 27); a step already passed changes nothing; an order Ordering never placed is ignored.
/// </summary>
internal abstract partial class OrderConsumer<T>(CooperativeSessions sessions, OrderDesk desk, TimeProvider clock, ILogger logger)
    : CooperativeConsumer<T>(sessions, clock, logger)
    where T : class, IIntegrationEvent
{
    private static readonly string MessageName = typeof(T).Name;
    private readonly TimeProvider _clock = clock;

    protected abstract Guid OrderOf(T message);

    protected sealed override Guid? StreamOf(T message) => OrderOf(message);

    protected abstract Decision Decide(Order order, T message, OrderingSettings settings, DateTimeOffset now);

    protected sealed override async Task Handle(T message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var settings = await OrderingSettings.ReadAsync(session, cancellationToken);
        var now = _clock.GetUtcNow();
        var orderId = OrderOf(message);
        var decided = await desk.DecideInAsync(session, orderId, order => Decide(order, message, settings, now), cancellationToken);
        if (decided.State is null)
        {
            // An order is written with its OrderPlaced, before Catalog or Payments can hear of it: an answer about an
            // order Ordering does not have is about one it never placed (a hold made straight through Catalog's API).
            // Retrying it would only hold one of the endpoint's slots for nothing (ADR 7).
            LogNeverPlaced(Logger, orderId, MessageName);
            return;
        }

        if (decided.Refusal == OrderRefusals.NotYet)
        {
            throw new OrderNotReadyException(orderId, MessageName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} is about order {OrderId}, which Ordering never placed: ignored")]
    private static partial void LogNeverPlaced(ILogger logger, Guid orderId, string message);
}

/// <summary>The order this message is about is not known yet, or not at the step the message answers: retried later.</summary>
public sealed class OrderNotReadyException(Guid orderId, string message)
    : NotReadyYetException($"Order {orderId} is not ready for {message} yet; the message is retried.");
