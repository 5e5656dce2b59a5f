using Marketplace.Contracts;
using Marketplace.Contracts.Governance;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Payments.Patronage;

/// <summary>Governance admitted a member: Payments counts their activity for the patronage refund.</summary>
[ConsumerName("payments-member-admitted")]
internal sealed class NoteMember(CooperativeSessions sessions, TimeProvider clock, ILogger<NoteMember> logger)
    : CooperativeConsumer<MemberAdmitted>(sessions, clock, logger)
{
    protected override Task Handle(MemberAdmitted message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new CooperativeMember(message.AccountId, message.Name, message.College, message.At));
        return Task.CompletedTask;
    }
}
