using JasperFx.Events;
using Marketplace.Contracts;
using Marketplace.Ordering.Orders;
using Marketplace.ServiceDefaults.Messaging;
using Contract = Marketplace.Contracts.Ordering;

namespace Marketplace.Ordering.Shops;

/// <summary>Which committed events the relay publishes, as which contract (ADR 4, 27).</summary>
internal sealed class OrderingIntegrationEvents : IIntegrationEventMapper
{
    public IIntegrationEvent? Map(IEvent committed, TenantId? database) => (committed.Data, database) switch
    {
        (ShopOpenedForOrders e, { } tenant) => new Contract.ShopOpenedForOrders(tenant, e.ShopId, e.OpenedAt),
        (OrderPlaced e, { } tenant) => new Contract.OrderPlaced(tenant, e.OrderId, e.CustomerId, e.Language, SubOrders(e.SubOrders), e.Total, e.PlacedAt, e.HoldUntil),
        (OrderStockHeld e, { } tenant) => new Contract.OrderAwaitingPayment(tenant, e.OrderId, e.CustomerId, e.Language, SubOrders(e.SubOrders), e.Total, e.PlacedAt, e.PayBy),
        (OrderStockShort e, { } tenant) => new Contract.OrderCancelled(tenant, e.OrderId, Contract.EndReasons.StockShort, e.At),
        (OrderCancelled e, { } tenant) => new Contract.OrderCancelled(tenant, e.OrderId, e.Reason, e.At),
        (SubOrderAccepted e, { } tenant) => new Contract.SubOrderAccepted(tenant, e.OrderId, e.ShopId, e.Lines, e.At),
        (SubOrderWithdrawn e, { } tenant) => new Contract.SubOrderWithdrawn(tenant, e.OrderId, e.ShopId, e.Lines, e.Reason, e.At),
        (OrderReadyToCapture e, { } tenant) => new Contract.OrderReadyToCapture(tenant, e.OrderId, [.. e.Accepted.Select(a => new Contract.AcceptedSubOrder(a.ShopId, a.Subtotal))], e.Amount, e.At),
        (SubOrderReady e, { } tenant) => new Contract.SubOrderReady(tenant, e.OrderId, e.ShopId, e.At),
        (SubOrderHandedOver e, { } tenant) => new Contract.SubOrderHandedOver(tenant, e.OrderId, e.ShopId, e.At),
        (SubOrderCancelledByShop e, { } tenant) => new Contract.RefundRequested(tenant, e.RefundId, e.OrderId, e.ShopId, e.Amount, e.Reason, e.At),
        _ => null,
    };

    private static List<Contract.SubOrder> SubOrders(IReadOnlyList<PlacedSubOrder> parts) =>
        [.. parts.Select(p => new Contract.SubOrder(p.ShopId, p.Lines, p.Fulfilment, p.Subtotal))];
}
