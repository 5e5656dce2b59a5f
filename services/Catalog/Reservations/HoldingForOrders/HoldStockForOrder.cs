using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Contract = Marketplace.Contracts.Ordering;

namespace Marketplace.Catalog.Reservations.HoldingForOrders;

/// <summary>
/// A customer checked out (ADR 27): every line of every sub-order is held under the order's id until its HoldUntil, in
/// one transaction with the message's id, or nothing is. The relay answers ReservationHeld or ReservationRefused. An
/// order already decided on (a redelivery, or a second OrderPlaced) changes nothing.
/// </summary>
[ConsumerName("hold-stock-for-order")]
internal sealed class HoldStockForOrder(CooperativeSessions sessions, ReservationDesk desk, TimeProvider clock, ILogger<HoldStockForOrder> logger)
    : CooperativeConsumer<Contract.OrderPlaced>(sessions, clock, logger)
{
    protected override Task Handle(Contract.OrderPlaced message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken) =>
        desk.HoldOrderAsync(
            session,
            tenant,
            message.OrderId,
            message.CustomerAccountId,
            [.. message.SubOrders.SelectMany(s => s.Lines).Select(l => new RequestedLine(l.ProductId, l.Quantity))],
            message.HoldUntil,
            cancellationToken);
}
