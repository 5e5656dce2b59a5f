namespace Marketplace.Contracts.Governance;
// What Governance tells the other services: decisions the members took that change how the marketplace runs, and what
// the members are to be told (the Platform mails them).

/// <summary>
/// The members adopted a new platform fee (FeeRate in basis points: 500 = 5 %) by the proposal ProposalId, for orders
/// placed from EffectiveSince (never before DecidedAt: a vote never changes the fee of an order already placed).
/// Payments makes it a new version of the cooperative's fee policy, which names the proposal.
/// </summary>
public sealed record FeePolicyAdopted(TenantId Tenant, Guid ProposalId, int FeeRate, DateTimeOffset EffectiveSince, DateTimeOffset DecidedAt) : IIntegrationEvent;

/// <summary>A proposal opened for the vote of Voters (account ids: the members of the cooperative on that day), until ClosesAt.</summary>
public sealed record ProposalOpened(TenantId Tenant, Guid ProposalId, string Kind, string Title, DateTimeOffset ClosesAt, IReadOnlyList<Guid> Voters) : IIntegrationEvent;

/// <summary>A proposal closes in a day: Voters are the members who have not voted yet (nor had a vote cast for them).</summary>
public sealed record ProposalClosingSoon(TenantId Tenant, Guid ProposalId, string Title, DateTimeOffset ClosesAt, IReadOnlyList<Guid> Voters) : IIntegrationEvent;

/// <summary>A proposal closed: adopted or not, with how many of the Voters took part and the weighted share for it (basis points).</summary>
public sealed record ProposalDecided(
    TenantId Tenant, Guid ProposalId, string Title, bool Adopted, int TookPart, int ForShare, DateTimeOffset ClosedAt, IReadOnlyList<Guid> Voters) : IIntegrationEvent;

/// <summary>An account became a member of the cooperative, in a college (by an admin or by the members' vote): Payments counts its activity for the patronage refund.</summary>
public sealed record MemberAdmitted(TenantId Tenant, Guid AccountId, string Name, string College, DateTimeOffset At) : IIntegrationEvent;
