using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Payments;

namespace Marketplace.Ordering.Orders.Process.RecordingPaymentAuthorised;

/// <summary>The customer paid (authorised): each shop now answers its sub-order before the cooperative's answer time.</summary>
[ConsumerName("record-payment-authorised")]
internal sealed class RecordPaymentAuthorised(CooperativeSessions sessions, OrderDesk desk, TimeProvider clock, ILogger<RecordPaymentAuthorised> logger)
    : OrderConsumer<Contract.PaymentAuthorised>(sessions, desk, clock, logger)
{
    protected override Guid OrderOf(Contract.PaymentAuthorised message) => message.OrderId;

    protected override Decision Decide(Order order, Contract.PaymentAuthorised message, OrderingSettings settings, DateTimeOffset now) =>
        OrderRules.PaymentAuthorised(order, message.Amount, message.CaptureBefore, settings.AnswerWithin, now);
}
