namespace Marketplace.Contracts.Platform;

/// <summary>A cooperative's database exists and is registered: services apply their schema there.</summary>
public sealed record CooperativeOnboarded(
    TenantId Tenant,
    string Name,
    string Country,
    string Currency,
    IReadOnlyList<string> Languages,
    DateTimeOffset OnboardedAt) : IIntegrationEvent;
