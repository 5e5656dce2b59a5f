using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Contract = Marketplace.Contracts.Ordering;

namespace Marketplace.Catalog.Reservations.ReleasingCancelled;

/// <summary>
/// The whole order ended before capture (ADR 27): whatever of its reservation is still held goes back on sale; the lines
/// already sold stay sold. A refused or closed reservation changes nothing. An order not known yet fails and is retried.
/// </summary>
[ConsumerName("release-cancelled-order")]
internal sealed class ReleaseCancelledOrder(CooperativeSessions sessions, ReservationDesk desk, TimeProvider clock, ILogger<ReleaseCancelledOrder> logger)
    : CooperativeConsumer<Contract.OrderCancelled>(sessions, clock, logger)
{
    protected override async Task Handle(Contract.OrderCancelled message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var (outcome, _) = await desk.ReleaseLinesAsync(session, message.OrderId, null, ReleaseReason.Cancelled, cancellationToken);
        if (outcome == CloseOutcome.NotFound)
        {
            throw new ReservationNotYetKnownException(message.OrderId, nameof(Contract.OrderCancelled));
        }
    }
}
