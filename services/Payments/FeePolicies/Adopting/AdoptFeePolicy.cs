using Marketplace.Contracts;
using Marketplace.Contracts.Governance;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Payments.FeePolicies.Adopting;

/// <summary>
/// The members adopted a new fee: a new version of the fee policy, naming the proposal, for orders placed from its
/// effective date (never before the decision), with no one touching configuration. The capture lines of those orders
/// carry the version and the proposal.
/// </summary>
[ConsumerName("payments-fee-policy-adopted")]
internal sealed class AdoptFeePolicy(CooperativeSessions sessions, TimeProvider clock, ILogger<AdoptFeePolicy> logger)
    : CooperativeConsumer<FeePolicyAdopted>(sessions, clock, logger)
{
    protected override Guid? StreamOf(FeePolicyAdopted message) => FeePolicyHistory.StreamId;

    protected override async Task Handle(FeePolicyAdopted message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<FeePolicyHistory>(FeePolicyHistory.StreamId, cancellationToken);
        var effectiveSince = message.EffectiveSince < message.DecidedAt ? message.DecidedAt : message.EffectiveSince;
        stream.AppendMany(FeePolicy.Adopt(stream.Aggregate, message.ProposalId, message.FeeRate, effectiveSince).Events);
    }
}
