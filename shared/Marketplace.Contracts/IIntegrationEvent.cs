namespace Marketplace.Contracts;

/// <summary>
/// A fact one service publishes for the others. Every integration event names its cooperative:
/// consumers check it against the tenant header and work in that cooperative's database only.
/// </summary>
public interface IIntegrationEvent
{
    TenantId Tenant { get; }
}
