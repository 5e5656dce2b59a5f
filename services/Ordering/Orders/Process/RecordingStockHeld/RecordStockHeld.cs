using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Ordering.Orders.Process.RecordingStockHeld;

/// <summary>Catalog holds every line: the customer is asked to pay before the cooperative's time is up.</summary>
[ConsumerName("record-stock-held")]
internal sealed class RecordStockHeld(CooperativeSessions sessions, OrderDesk desk, TimeProvider clock, ILogger<RecordStockHeld> logger)
    : OrderConsumer<Contract.ReservationHeld>(sessions, desk, clock, logger)
{
    protected override Guid OrderOf(Contract.ReservationHeld message) => message.ReservationId;

    protected override Decision Decide(Order order, Contract.ReservationHeld message, OrderingSettings settings, DateTimeOffset now) =>
        OrderRules.StockHeld(order, settings.PayWithin, now);
}
