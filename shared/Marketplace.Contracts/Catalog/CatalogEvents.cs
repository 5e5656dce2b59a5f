namespace Marketplace.Contracts.Catalog;

/// <summary>An admin of the cooperative approved the shop: its products may now be found and bought.</summary>
public sealed record ShopApproved(TenantId Tenant, Guid ShopId, string Name, DateTimeOffset ApprovedAt) : IIntegrationEvent;

/// <summary>A shop put a product on sale. VatRate in basis points (2000 = 20 %).</summary>
public sealed record ProductListed(TenantId Tenant, Guid ProductId, Guid ShopId, string? NameFr, string? NameEn, Money Price, int VatRate, DateTimeOffset ListedAt) : IIntegrationEvent;

public sealed record ProductPriceChanged(TenantId Tenant, Guid ProductId, Guid ShopId, Money Previous, Money Price, DateTimeOffset ChangedAt) : IIntegrationEvent;

/// <summary>Units of a product held for a checkout until ExpiresAt.</summary>
public sealed record StockReserved(TenantId Tenant, Guid ReservationId, Guid ProductId, int Quantity, DateTimeOffset ExpiresAt) : IIntegrationEvent;

/// <summary>A checkout asked for more units than were available: nothing of that checkout was held.</summary>
public sealed record StockReservationRejected(TenantId Tenant, Guid ReservationId, Guid ProductId, int Requested, int Available) : IIntegrationEvent;

/// <summary>A hold ended without a sale. Reason: "cancelled", "refused" or "expired".</summary>
public sealed record StockReleased(TenantId Tenant, Guid ReservationId, Guid ProductId, int Quantity, string Reason) : IIntegrationEvent;

/// <summary>A hold became a sale (paid): the units left the shop's stock.</summary>
public sealed record StockCommitted(TenantId Tenant, Guid ReservationId, Guid ProductId, int Quantity) : IIntegrationEvent;

public sealed record ProductOutOfStock(TenantId Tenant, Guid ProductId, Guid ShopId, DateTimeOffset At) : IIntegrationEvent;

public sealed record ProductBackInStock(TenantId Tenant, Guid ProductId, Guid ShopId, int Available, DateTimeOffset At) : IIntegrationEvent;

/// <summary>
/// What the other services need to know about a shop, whole, each time any of it changes (registered, details changed,
/// owner added, approved): Ordering takes its orders by it (opening hours, pickup/delivery, approved), Ordering and
/// Payments let its owners act for it. Version is the shop stream's version after the change: a consumer keeps the
/// highest it saw, so duplicates and reordering change nothing. Opening hours are in the cooperative's local time.
/// Address is the shop's postal address on one line ("12 rue du Pont, 39000 Lons-le-Saunier"; its receipts carry it).
/// Closures are the shop's upcoming closed stretches (holidays, ADR 42), days in the cooperative's time zone; null from a
/// publisher that predates them (keep what you knew), empty when none is planned.
/// </summary>
public sealed record ShopProfileChanged(
    TenantId Tenant,
    Guid ShopId,
    long Version,
    string Name,
    bool Approved,
    IReadOnlyList<Guid> Owners,
    IReadOnlyList<ShopOpeningPeriod> OpeningHours,
    bool Pickup,
    bool Delivery,
    string? ContactEmail,
    DateTimeOffset At,
    string? Address = null,
    IReadOnlyList<ShopClosedDays>? Closures = null) : IIntegrationEvent;

/// <summary>Days a shop is closed whatever its weekly hours say: From and To both closed, in the cooperative's time zone.</summary>
public sealed record ShopClosedDays(DateOnly From, DateOnly To);

/// <summary>One opening period: Day is "monday".."sunday", Opens and Closes "HH:mm" (a day may have several periods).</summary>
public sealed record ShopOpeningPeriod(string Day, string Opens, string Closes);

/// <summary>
/// A product some accounts were waiting for ("tell me when it's back") is back in stock: each of them gets one mail.
/// Their requests are done (a later restock mails nobody unless they ask again). Names as the shop wrote them.
/// </summary>
public sealed record StockAlertsDue(
    TenantId Tenant, Guid BatchId, Guid ProductId, Guid ShopId, string ShopName, string? ProductNameFr, string? ProductNameEn,
    IReadOnlyList<Guid> AccountIds, DateTimeOffset At) : IIntegrationEvent;
