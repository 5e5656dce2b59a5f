using Marketplace.ServiceDefaults.Messaging;

namespace Marketplace.Catalog.Reservations;

/// <summary>
/// A message about an order whose hold Catalog does not know yet (its OrderPlaced not handled yet): it fails, so the bus
/// retries it later (ADR 7, 27), rather than being dropped or deciding on nothing.
/// </summary>
public sealed class ReservationNotYetKnownException(Guid reservationId, string message)
    : NotReadyYetException($"{message} about reservation {reservationId}, which Catalog does not know yet: retried later.")
{
    public Guid ReservationId { get; } = reservationId;
}
