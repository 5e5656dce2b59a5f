using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Catalog.Reservations;

public sealed record ReservedLine(Guid ProductId, Guid ShopId, int Quantity, Money UnitPrice);

public sealed record ReservationPlaced(Guid ReservationId, Guid HolderId, IReadOnlyList<ReservedLine> Lines, DateTimeOffset ExpiresAt, DateTimeOffset At);

public sealed record ReservationCommitted(Guid ReservationId, DateTimeOffset At);

/// <summary>The hold ended without a sale; Reason is a <see cref="Stock.ReleaseReason"/>.</summary>
public sealed record ReservationReleased(Guid ReservationId, string Reason, DateTimeOffset At);

public static class ReservationStatus
{
    public const string Held = "held";
    public const string Committed = "committed";
    public const string Released = "released";
    public const string Expired = "expired";
}

/// <summary>A checkout's hold on stock, over every line of its basket: placed whole or not at all.</summary>
public sealed record Reservation(Guid Id, Guid HolderId, IReadOnlyList<ReservedLine> Lines, string Status, DateTimeOffset ExpiresAt, DateTimeOffset PlacedAt) : IEventSourced<Reservation>
{
    public bool IsHeld => Status == ReservationStatus.Held;

    public static Reservation? Fold(Reservation? state, object change) => (state, change) switch
    {
        (null, ReservationPlaced e) => new Reservation(e.ReservationId, e.HolderId, e.Lines, ReservationStatus.Held, e.ExpiresAt, e.At),
        ({ } r, ReservationCommitted) => r with { Status = ReservationStatus.Committed },
        ({ } r, ReservationReleased e) => r with
        {
            Status = e.Reason == Stock.ReleaseReason.Expired ? ReservationStatus.Expired : ReservationStatus.Released,
        },
        _ => state,
    };
}
