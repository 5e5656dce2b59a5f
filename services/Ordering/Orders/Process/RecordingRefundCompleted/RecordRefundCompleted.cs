using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Payments;

namespace Marketplace.Ordering.Orders.Process.RecordingRefundCompleted;

/// <summary>A refund went through.</summary>
[ConsumerName("record-refund-completed")]
internal sealed class RecordRefundCompleted(CooperativeSessions sessions, OrderDesk desk, TimeProvider clock, ILogger<RecordRefundCompleted> logger)
    : OrderConsumer<Contract.RefundCompleted>(sessions, desk, clock, logger)
{
    protected override Guid OrderOf(Contract.RefundCompleted message) => message.OrderId;

    protected override Decision Decide(Order order, Contract.RefundCompleted message, OrderingSettings settings, DateTimeOffset now) =>
        OrderRules.RefundCompleted(order, message.RefundId, message.Amount, now);
}
