using Marten;
using Marten.Services;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>A commit that appended events asks the relay to visit its database: that is what wakes it, not polling.</summary>
internal sealed class WakeRelayOnAppend(Func<RelayScheduler> scheduler) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (commit.GetEvents().Any())
        {
            scheduler().Wake(session.TenantId);
        }

        return Task.CompletedTask;
    }
}
