using Marketplace.Contracts;
using Marketplace.Contracts.Platform;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;
using MassTransit;

namespace Marketplace.Payments.Invoicing;

/// <summary>The cooperative as its commission documents name it, from CooperativeOnboarded (one document in its database).</summary>
public sealed record CooperativeIdentity(string Id, string Name)
{
    public const string Key = "cooperative";

    /// <summary>The cooperative's name, or its slug when the name has not been heard yet.</summary>
    public static async Task<string> NameOfAsync(IQuerySession session, TenantId coop, CancellationToken cancellationToken) =>
        (await session.LoadAsync<CooperativeIdentity>(Key, cancellationToken))?.Name ?? coop.Value;
}

/// <summary>
/// The Platform onboarded the cooperative: Payments keeps its name for the documents it issues in its name. The message
/// comes as the database is being prepared, so this prepares it first (idempotent, as ApplyCooperativeSchema does);
/// storing the name again on a redelivery changes nothing.
/// </summary>
[ConsumerName("payments-cooperative")]
internal sealed class NoteCooperative(CooperativeReadiness readiness, CooperativeSessions sessions) : IConsumer<CooperativeOnboarded>
{
    public async Task Consume(ConsumeContext<CooperativeOnboarded> context)
    {
        var tenant = TenantHeader.Verify(context);
        await readiness.PrepareAsync(tenant, context.CancellationToken);
        await using var session = sessions.OpenSession(tenant);
        session.Store(new CooperativeIdentity(CooperativeIdentity.Key, context.Message.Name));
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
