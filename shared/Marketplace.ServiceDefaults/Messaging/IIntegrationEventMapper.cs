using JasperFx.Events;
using Marketplace.Contracts;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// A service's map from its committed domain events to the integration events it publishes.
/// Domain events without a public counterpart map to null and stay inside the service.
/// </summary>
public interface IIntegrationEventMapper
{
    /// <param name="committed">A committed event of the service's store.</param>
    /// <param name="database">The cooperative whose database holds it (null for the platform database).</param>
    IIntegrationEvent? Map(IEvent committed, TenantId? database);
}
