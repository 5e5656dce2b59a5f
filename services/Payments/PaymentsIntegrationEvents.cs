using JasperFx.Events;
using Marketplace.Contracts;
using Marketplace.Payments.Orders;
using Marketplace.Payments.Shops;
using Marketplace.ServiceDefaults.Messaging;
using Contract = Marketplace.Contracts.Payments;

namespace Marketplace.Payments;

/// <summary>What Payments tells the other services (Marketplace.Contracts.Payments, ADR 27): the payment's facts, and whether a shop can be paid.</summary>
internal sealed class PaymentsIntegrationEvents : IIntegrationEventMapper
{
    public IIntegrationEvent? Map(IEvent committed, TenantId? database) => (committed.Data, database) switch
    {
        (PaymentAuthorisationConfirmed e, { } tenant) => new Contract.PaymentAuthorised(tenant, e.OrderId, e.Amount, e.AuthorisedAt, e.CaptureBefore),
        (PaymentDeclined e, { } tenant) => new Contract.PaymentFailed(tenant, e.OrderId, e.Reason, e.At),
        (PaymentLapsingNoticed e, { } tenant) => new Contract.PaymentAuthorisationLapsing(tenant, e.OrderId, e.CaptureBefore),
        (PaymentCaptureMade e, { } tenant) => new Contract.PaymentCaptured(tenant, e.OrderId, e.Amount, e.CapturedAt),
        (PaymentVoided e, { } tenant) => new Contract.PaymentCancelled(tenant, e.OrderId, e.At),
        (PaymentRefundMade e, { } tenant) => new Contract.RefundCompleted(tenant, e.RefundId, e.OrderId, e.Line.ShopId, e.Line.Amount, e.At),
        (PaymentRefundRefused e, { } tenant) => new Contract.RefundFailed(tenant, e.RefundId, e.OrderId, e.ShopId, e.Reason, e.At),
        (ShopTransfersCapabilityChanged e, { } tenant) => new Contract.ShopPayoutsChanged(tenant, e.ShopId, e.CanReceiveTransfers, e.At),
        _ => null,
    };
}
