using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Contract = Marketplace.Contracts.Ordering;

namespace Marketplace.Catalog.Reservations.CommittingAccepted;

/// <summary>
/// A shop accepted its sub-order (ADR 27): exactly its lines of the order's reservation are sold (StockCommitted per
/// product), the other shops' lines stay held. Lines already closed change nothing; a hold whose time is up is released
/// as expired instead. An order not held yet fails and is retried.
/// </summary>
[ConsumerName("commit-accepted-sub-order")]
internal sealed class CommitAcceptedSubOrder(CooperativeSessions sessions, ReservationDesk desk, TimeProvider clock, ILogger<CommitAcceptedSubOrder> logger)
    : CooperativeConsumer<Contract.SubOrderAccepted>(sessions, clock, logger)
{
    protected override async Task Handle(Contract.SubOrderAccepted message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var (outcome, _) = await desk.CommitLinesAsync(session, message.OrderId, [.. message.Lines.Select(l => l.ProductId).Distinct()], cancellationToken);
        if (outcome == CloseOutcome.NotFound)
        {
            throw new ReservationNotYetKnownException(message.OrderId, nameof(Contract.SubOrderAccepted));
        }
    }
}
