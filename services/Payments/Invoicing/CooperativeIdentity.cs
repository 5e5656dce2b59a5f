using Marketplace.Contracts;
using Marketplace.Contracts.Platform;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Payments.Invoicing;

/// <summary>The cooperative as its commission documents name it, from CooperativeOnboarded (one document in its database).</summary>
public sealed record CooperativeIdentity(string Id, string Name)
{
    public const string Key = "cooperative";

    /// <summary>The cooperative's name, or its slug when the name has not been heard yet.</summary>
    public static async Task<string> NameOfAsync(IQuerySession session, TenantId coop, CancellationToken cancellationToken) =>
        (await session.LoadAsync<CooperativeIdentity>(Key, cancellationToken))?.Name ?? coop.Value;
}

/// <summary>The Platform onboarded the cooperative: Payments keeps its name for the documents it issues in its name.</summary>
[ConsumerName("payments-cooperative")]
internal sealed class NoteCooperative(CooperativeSessions sessions, TimeProvider clock, ILogger<NoteCooperative> logger)
    : CooperativeConsumer<CooperativeOnboarded>(sessions, clock, logger)
{
    protected override Task Handle(CooperativeOnboarded message, TenantId tenant, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new CooperativeIdentity(CooperativeIdentity.Key, message.Name));
        return Task.CompletedTask;
    }
}
