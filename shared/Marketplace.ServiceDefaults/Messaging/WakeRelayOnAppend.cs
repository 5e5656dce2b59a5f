using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using Marten.Services;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>A commit that appended events asks the relay to visit its database: that is what wakes it, not polling.</summary>
internal sealed class WakeRelayOnAppend(Func<RelayScheduler> scheduler, CooperativeActivity activity) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (commit.GetEvents().Any())
        {
            activity.Appended(session.TenantId);
            scheduler().Wake(session.TenantId);
        }

        return Task.CompletedTask;
    }
}
