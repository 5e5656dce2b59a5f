namespace Marketplace.Contracts.Catalog;

public sealed record ShopRegistered(TenantId Tenant, Guid ShopId, string Name, DateTimeOffset RegisteredAt) : IIntegrationEvent;
