using JasperFx.Events;
using Marketplace.Contracts;
using Marketplace.Platform.Memberships;
using Marketplace.ServiceDefaults.Messaging;
using Contract = Marketplace.Contracts.Platform;

namespace Marketplace.Platform.Cooperatives;

internal sealed class PlatformIntegrationEvents : IIntegrationEventMapper
{
    public IIntegrationEvent? Map(IEvent committed, TenantId? database) => committed.Data switch
    {
        CooperativeOnboarded e => new Contract.CooperativeOnboarded(
            TenantId.Parse(e.Slug), e.Name, e.Country, e.Currency, e.Languages, e.OnboardedAt),
        MembershipRecorded e => new Contract.MembershipChanged(TenantId.Parse(e.Cooperative), e.AccountId, e.Roles, committed.Version, e.At),
        _ => null,
    };
}
