using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Catalog;

namespace Marketplace.Ordering.Orders.Process.RecordingStockShort;

/// <summary>Some lines could not be held: the order is refused, its short products shown, nothing charged.</summary>
[ConsumerName("record-stock-short")]
internal sealed class RecordStockShort(CooperativeSessions sessions, OrderDesk desk, TimeProvider clock, ILogger<RecordStockShort> logger)
    : OrderConsumer<Contract.ReservationRefused>(sessions, desk, clock, logger)
{
    protected override Guid OrderOf(Contract.ReservationRefused message) => message.ReservationId;

    protected override Decision Decide(Order order, Contract.ReservationRefused message, OrderingSettings settings, DateTimeOffset now) =>
        OrderRules.StockShort(order, [.. message.Shortages.Select(s => new Shortage(s.ProductId, s.Requested, s.Available))], now);
}
