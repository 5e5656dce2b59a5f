namespace Marketplace.Contracts.Platform;

/// <summary>
/// An account's roles in a cooperative changed (ADR 51): granted, changed, or taken with its membership (<see cref="Roles"/>
/// empty: the account is no longer a member). <see cref="Version"/> grows with each change of the same account in the same
/// cooperative, so a copy keeps the latest even when two arrive out of order.
/// </summary>
public sealed record MembershipChanged(
    TenantId Tenant,
    Guid AccountId,
    IReadOnlyList<string> Roles,
    long Version,
    DateTimeOffset ChangedAt) : IIntegrationEvent;
