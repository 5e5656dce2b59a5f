using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Contract = Marketplace.Contracts.Payments;

namespace Marketplace.Ordering.Orders.Process.RecordingAuthorisationLapsing;

/// <summary>The authorisation lapses soon: unanswered sub-orders are withdrawn and what was accepted is captured.</summary>
[ConsumerName("record-authorisation-lapsing")]
internal sealed class RecordAuthorisationLapsing(CooperativeSessions sessions, OrderDesk desk, TimeProvider clock, ILogger<RecordAuthorisationLapsing> logger)
    : OrderConsumer<Contract.PaymentAuthorisationLapsing>(sessions, desk, clock, logger)
{
    protected override Guid OrderOf(Contract.PaymentAuthorisationLapsing message) => message.OrderId;

    protected override Decision Decide(Order order, Contract.PaymentAuthorisationLapsing message, OrderingSettings settings, DateTimeOffset now) =>
        OrderRules.AuthorisationLapsing(order, now);
}
