using Marketplace.Catalog.Stock;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Contract = Marketplace.Contracts.Ordering;

namespace Marketplace.Catalog.Reservations.ReleasingWithdrawn;

/// <summary>
/// A sub-order ended before its shop accepted it (ADR 27): exactly its lines of the order's reservation go back on sale
/// ("refused" when its shop refused it, else "cancelled"). Lines already closed change nothing. An order not held yet
/// fails and is retried.
/// </summary>
[ConsumerName("release-withdrawn-sub-order")]
internal sealed class ReleaseWithdrawnSubOrder(CooperativeSessions sessions, ReservationDesk desk, TimeProvider clock, ILogger<ReleaseWithdrawnSubOrder> logger)
    : CooperativeConsumer<Contract.SubOrderWithdrawn>(sessions, clock, logger)
{
    protected override async Task Handle(Contract.SubOrderWithdrawn message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        // A shop's refusal releases as "refused"; any other end before acceptance as "cancelled".
        var reason = message.Reason == Contract.EndReasons.RefusedByShop ? ReleaseReason.Refused : ReleaseReason.Cancelled;
        var (outcome, _) = await desk.ReleaseLinesAsync(session, message.OrderId, [.. message.Lines.Select(l => l.ProductId).Distinct()], reason, cancellationToken);
        if (outcome == CloseOutcome.NotFound)
        {
            throw new ReservationNotYetKnownException(message.OrderId, nameof(Contract.SubOrderWithdrawn));
        }
    }
}
