using Marketplace.Contracts;
using Marketplace.Contracts.Ordering;
using Marketplace.Platform.Accounts;
using Marketplace.Platform.Notifications;
using Marketplace.ServiceDefaults.Messaging;
using Marten;

namespace Marketplace.Platform.Memberships.RecordingCustomer;

/// <summary>
/// Whoever orders in a cooperative becomes one of its customers: the <c>customer</c> role is added to their membership
/// (once; the roles they hold stay), so the cooperative's members list shows its customers. Ordering needs no role to
/// take an order (ADR 35): this records who its customers are, it does not gate anything.
/// </summary>
[ConsumerName("record-customer-of-order-placed")]
internal sealed class RecordCustomer(IDocumentStore store, TimeProvider clock, ILogger<RecordCustomer> logger)
    : PlatformConsumer<OrderPlaced>(store, clock, logger)
{
    protected override async Task Handle(OrderPlaced message, TenantId tenant, string key, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<Account>(message.CustomerAccountId, cancellationToken) is null)
        {
            return; // no such account (any more): nobody to record
        }

        var current = await session.LoadAsync<Membership>(Membership.IdFor(tenant.Value, message.CustomerAccountId), cancellationToken);
        if (Membership.Grant(current, tenant.Value, message.CustomerAccountId, CooperativeRoles.Customer) is { } granted)
        {
            session.Record(granted, Now());
        }
    }
}
