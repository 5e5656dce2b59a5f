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
