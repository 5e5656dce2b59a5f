using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Payments;

namespace Marketplace.Ordering.Orders.Process.RecordingPaymentCancelled;

/// <summary>Payments voided the authorisation: the customer was never charged.</summary>
[ConsumerName("record-payment-cancelled")]
internal sealed class RecordPaymentCancelled(CooperativeSessions sessions, OrderDesk desk, TimeProvider clock, ILogger<RecordPaymentCancelled> logger)
    : OrderConsumer<Contract.PaymentCancelled>(sessions, desk, clock, logger)
{
    protected override Guid OrderOf(Contract.PaymentCancelled message) => message.OrderId;

    protected override Decision Decide(Order order, Contract.PaymentCancelled message, OrderingSettings settings, DateTimeOffset now) =>
        OrderRules.PaymentCancelled(order, now);
}
