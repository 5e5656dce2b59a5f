using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Catalog.Reservations;

public sealed record ReservedLine(Guid ProductId, Guid ShopId, int Quantity, Money UnitPrice);

public sealed record ReservationPlaced(Guid ReservationId, Guid HolderId, IReadOnlyList<ReservedLine> Lines, DateTimeOffset ExpiresAt, DateTimeOffset At);

/// <summary>Every line still held became a sale (the whole reservation at once; kept for the streams that have it).</summary>
public sealed record ReservationCommitted(Guid ReservationId, DateTimeOffset At);

/// <summary>Every line still held ended without a sale; Reason is a <see cref="Stock.ReleaseReason"/>.</summary>
public sealed record ReservationReleased(Guid ReservationId, string Reason, DateTimeOffset At);

/// <summary>These lines (products) of the reservation became a sale: their shop accepted its sub-order.</summary>
public sealed record ReservationLinesCommitted(Guid ReservationId, IReadOnlyList<Guid> ProductIds, DateTimeOffset At);

/// <summary>These lines (products) of the reservation ended without a sale; Reason is a <see cref="Stock.ReleaseReason"/>.</summary>
public sealed record ReservationLinesReleased(Guid ReservationId, IReadOnlyList<Guid> ProductIds, string Reason, DateTimeOffset At);

/// <summary>An order's lines could not all be held: nothing was, and the order's id stays refused (a redelivery holds nothing later).</summary>
public sealed record OrderHoldRefused(Guid ReservationId, Guid HolderId, IReadOnlyList<Shortage> Shortages, DateTimeOffset At);

public static class ReservationStatus
{
    public const string Held = "held";
    public const string Committed = "committed";
    public const string Released = "released";
    public const string Expired = "expired";
    public const string Refused = "refused";
}

/// <summary>
/// A checkout's hold on stock, over every line of its basket: placed whole or not at all, then closed line by line (a
/// shop accepts its part of an order, another refuses its own). Held while any line is; then committed when any line
/// was sold, else released or expired.
/// </summary>
public sealed record Reservation(
    Guid Id, Guid HolderId, IReadOnlyList<ReservedLine> Lines, string Status, DateTimeOffset ExpiresAt, DateTimeOffset PlacedAt,
    IReadOnlyList<Guid>? CommittedLines = null, IReadOnlyList<Guid>? ReleasedLines = null) : IEventSourced<Reservation>
{
    public bool IsHeld => Status == ReservationStatus.Held;

    /// <summary>The lines neither sold nor released yet (none once the reservation is closed).</summary>
    public IReadOnlyList<ReservedLine> OpenLines =>
        IsHeld ? [.. Lines.Where(l => !(CommittedLines ?? []).Contains(l.ProductId) && !(ReleasedLines ?? []).Contains(l.ProductId))] : [];

    public static Reservation? Fold(Reservation? state, object change) => (state, change) switch
    {
        (null, ReservationPlaced e) => new Reservation(e.ReservationId, e.HolderId, e.Lines, ReservationStatus.Held, e.ExpiresAt, e.At),
        (null, OrderHoldRefused e) => new Reservation(e.ReservationId, e.HolderId, [], ReservationStatus.Refused, e.At, e.At),
        ({ } r, ReservationCommitted) => r with { Status = ReservationStatus.Committed },
        ({ } r, ReservationReleased e) => r with
        {
            Status = e.Reason == Stock.ReleaseReason.Expired ? ReservationStatus.Expired : ReservationStatus.Released,
        },
        ({ } r, ReservationLinesCommitted e) => (r with { CommittedLines = [.. r.CommittedLines ?? [], .. e.ProductIds] }).Settled(ReservationStatus.Released),
        ({ } r, ReservationLinesReleased e) => (r with { ReleasedLines = [.. r.ReleasedLines ?? [], .. e.ProductIds] })
            .Settled(e.Reason == Stock.ReleaseReason.Expired ? ReservationStatus.Expired : ReservationStatus.Released),
        _ => state,
    };

    /// <summary>Once no line is open: committed if any line was sold, else <paramref name="unsold"/>.</summary>
    private Reservation Settled(string unsold) =>
        OpenLines.Count > 0 ? this
        : this with { Status = (CommittedLines ?? []).Count > 0 ? ReservationStatus.Committed : unsold };
}
