using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Payments;

namespace Marketplace.Ordering.Orders.Process.RecordingPaymentCaptured;

/// <summary>Payments captured what the shops accepted.</summary>
[ConsumerName("record-payment-captured")]
internal sealed class RecordPaymentCaptured(CooperativeSessions sessions, OrderDesk desk, TimeProvider clock, ILogger<RecordPaymentCaptured> logger)
    : OrderConsumer<Contract.PaymentCaptured>(sessions, desk, clock, logger)
{
    protected override Guid OrderOf(Contract.PaymentCaptured message) => message.OrderId;

    protected override Decision Decide(Order order, Contract.PaymentCaptured message, OrderingSettings settings, DateTimeOffset now) =>
        OrderRules.PaymentCaptured(order, message.Amount, now);
}
