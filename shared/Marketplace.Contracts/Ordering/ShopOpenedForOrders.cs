namespace Marketplace.Contracts.Ordering;

/// <summary>Ordering knows the shop and will take orders for it.</summary>
public sealed record ShopOpenedForOrders(TenantId Tenant, Guid ShopId, DateTimeOffset OpenedAt) : IIntegrationEvent;
