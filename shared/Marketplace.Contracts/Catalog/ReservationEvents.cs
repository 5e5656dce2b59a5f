namespace Marketplace.Contracts.Catalog;

// Catalog's answers to an order's checkout (ADR 27): one message per reservation, after all its lines were decided
// in one transaction. The per-product StockReserved / StockReleased / StockCommitted stay for consumers of stock levels.

/// <summary>Every line of the order is held until ExpiresAt (the order's HoldUntil).</summary>
public sealed record ReservationHeld(TenantId Tenant, Guid ReservationId, IReadOnlyList<HeldLine> Lines, DateTimeOffset ExpiresAt) : IIntegrationEvent;

public sealed record HeldLine(Guid ProductId, int Quantity);

/// <summary>
/// Nothing of the order is held: each short line says how many units were asked for and how many were left (0 for a
/// product archived, unknown, or of a shop not approved). The customer is shown which products are short.
/// </summary>
public sealed record ReservationRefused(TenantId Tenant, Guid ReservationId, IReadOnlyList<ShortLine> Shortages, DateTimeOffset At) : IIntegrationEvent;

public sealed record ShortLine(Guid ProductId, int Requested, int Available);
