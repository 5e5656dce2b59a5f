using JasperFx.Events;
using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Messaging;

namespace Marketplace.Payments;

/// <summary>
/// What Payments tells the other services (Marketplace.Contracts.Payments, ADR 27). Nothing yet: the fee policy is
/// Payments' own, and the payment facts come with the payment flow.
/// </summary>
internal sealed class PaymentsIntegrationEvents : IIntegrationEventMapper
{
    public IIntegrationEvent? Map(IEvent committed, TenantId? database) => null;
}
