using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Payments;

namespace Marketplace.Ordering.Orders.Process.RecordingRefundFailed;

/// <summary>Stripe refused a refund: an admin of the cooperative has to look at it.</summary>
[ConsumerName("record-refund-failed")]
internal sealed class RecordRefundFailed(CooperativeSessions sessions, OrderDesk desk, TimeProvider clock, ILogger<RecordRefundFailed> logger)
    : OrderConsumer<Contract.RefundFailed>(sessions, desk, clock, logger)
{
    protected override Guid OrderOf(Contract.RefundFailed message) => message.OrderId;

    protected override Decision Decide(Order order, Contract.RefundFailed message, OrderingSettings settings, DateTimeOffset now) =>
        OrderRules.RefundFailed(order, message.RefundId, message.Reason, now);
}
