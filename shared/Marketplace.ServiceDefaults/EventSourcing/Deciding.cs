using Marketplace.Contracts;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.ServiceDefaults.EventSourcing;

/// <summary>What deciding on one stream came to: no such stream (State null), refused (its code), or the state after what was appended.</summary>
public sealed record Decided<T>(T? State, string? Refusal = null) where T : class;

/// <summary>
/// The one way a use case changes one stream: fetch it for writing, decide on its state, append what was decided,
/// save once. When another write to the stream commits first, everything is read and decided again (a few times)
/// instead of answering 409 to a request that conflicts with nothing its caller saw.
/// </summary>
public static class Deciding
{
    /// <param name="complete">
    /// What the decision needs beside the snapshot, read in the same session after the stream was fetched (e.g. a
    /// product's stock holds, which live in rows of their own).
    /// </param>
    public static Task<Decided<T>> DecideAsync<T>(
        this CooperativeSessions sessions, TenantId coop, Guid id, Func<T, Decision> decide, CancellationToken cancellationToken,
        Func<IQuerySession, T, CancellationToken, Task<T>>? complete = null)
        where T : class, IEventSourced<T> =>
        ConcurrencyRetry.RetryAsync(coop.Value, id, async () =>
        {
            await using var session = sessions.OpenSession(coop);
            var stream = await session.Events.FetchForWriting<T>(id, cancellationToken);
            if (stream.Aggregate is not { } fetched)
            {
                return new Decided<T>(null);
            }

            var current = complete is null ? fetched : await complete(session, fetched, cancellationToken);

            var decision = decide(current);
            if (decision.Events.Count > 0)
            {
                stream.AppendMany(decision.Events);
                await session.SaveChangesAsync(cancellationToken);
            }

            return new Decided<T>(EventSourced.Fold(current, decision.Events), decision.Refusal);
        }, cancellationToken);

    /// <summary>
    /// As <see cref="DecideAsync{T}"/>, for a stream its first decision starts (a customer's basket): the decider sees
    /// null before the stream's first event. The answer's State is null only when nothing was ever appended.
    /// </summary>
    public static Task<Decided<T>> DecideOrStartAsync<T>(
        this CooperativeSessions sessions, TenantId coop, Guid id, Func<T?, Decision> decide, CancellationToken cancellationToken)
        where T : class, IEventSourced<T> =>
        ConcurrencyRetry.RetryAsync(coop.Value, id, async () =>
        {
            await using var session = sessions.OpenSession(coop);
            var stream = await session.Events.FetchForWriting<T>(id, cancellationToken);
            var decision = decide(stream.Aggregate);
            if (decision.Events.Count > 0)
            {
                stream.AppendMany(decision.Events);
                await session.SaveChangesAsync(cancellationToken);
            }

            return new Decided<T>(EventSourced.Fold(stream.Aggregate, decision.Events), decision.Refusal);
        }, cancellationToken);
}
