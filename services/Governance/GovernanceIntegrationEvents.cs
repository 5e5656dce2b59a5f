using JasperFx.Events;
using Marketplace.Contracts;
using Marketplace.Governance.Members;
using Marketplace.Governance.Proposals;
using Marketplace.ServiceDefaults.Messaging;
using Contract = Marketplace.Contracts.Governance;

namespace Marketplace.Governance;

/// <summary>What Governance tells the others: an adopted fee (Payments applies it), its members (Payments counts their activity), and what the members are to be told (the Platform mails them).</summary>
internal sealed class GovernanceIntegrationEvents : IIntegrationEventMapper
{
    public IIntegrationEvent? Map(IEvent committed, TenantId? database) => (committed.Data, database) switch
    {
        (ProposalOpened e, { } tenant) => new Contract.ProposalOpened(tenant, e.ProposalId, e.Kind, e.Title, e.ClosesAt, [.. e.Electorate.Select(v => v.AccountId)]),
        (ProposalReminded e, { } tenant) when e.Voters.Count > 0 => new Contract.ProposalClosingSoon(tenant, committed.StreamId, e.Title, e.ClosesAt, e.Voters),
        (ProposalClosed e, { } tenant) => new Contract.ProposalDecided(tenant, committed.StreamId, e.Title, e.Outcome.Adopted, e.Outcome.TookPart, e.Outcome.ForShare, e.At, e.Voters),
        (MemberAdmitted e, { } tenant) => new Contract.MemberAdmitted(tenant, e.AccountId, e.Name, e.College, e.At),
        (FeeChangeAdopted e, { } tenant) => new Contract.FeePolicyAdopted(tenant, committed.StreamId, e.FeeRate, e.EffectiveSince, e.DecidedAt),
        _ => null,
    };
}
