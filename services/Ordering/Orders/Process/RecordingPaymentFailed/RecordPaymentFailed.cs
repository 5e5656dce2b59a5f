using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Payments;

namespace Marketplace.Ordering.Orders.Process.RecordingPaymentFailed;

/// <summary>The payment did not go through: the order is cancelled and its stock released.</summary>
[ConsumerName("record-payment-failed")]
internal sealed class RecordPaymentFailed(CooperativeSessions sessions, OrderDesk desk, TimeProvider clock, ILogger<RecordPaymentFailed> logger)
    : OrderConsumer<Contract.PaymentFailed>(sessions, desk, clock, logger)
{
    protected override Guid OrderOf(Contract.PaymentFailed message) => message.OrderId;

    protected override Decision Decide(Order order, Contract.PaymentFailed message, OrderingSettings settings, DateTimeOffset now) =>
        OrderRules.PaymentFailed(order, now);
}
