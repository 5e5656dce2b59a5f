using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace Marketplace.ServiceDefaults.EventSourcing;

/// <summary>
/// A state kept as a stream of events, with the one function that folds them: Marten builds the snapshot with it
/// and code that has just decided gets the state after its own events with it, so the two can never differ.
/// </summary>
public interface IEventSourced<TSelf> where TSelf : class, IEventSourced<TSelf>
{
    /// <summary>The state after one more event of its stream: null before the stream's first event; events it does not know change nothing.</summary>
    static abstract TSelf? Fold(TSelf? state, object change);
}

public static class EventSourced
{
    /// <summary>The state after several events of its stream, in order.</summary>
    public static T? Fold<T>(T? state, IEnumerable<object> events) where T : class, IEventSourced<T> => events.Aggregate(state, T.Fold);
}

/// <summary>The inline snapshot of an <see cref="IEventSourced{TSelf}"/> state, built by its own Fold.</summary>
public sealed class FoldedSnapshot<T> : SingleStreamProjection<T, Guid> where T : class, IEventSourced<T>
{
    public override T? Evolve(T? snapshot, Guid id, IEvent e) => T.Fold(snapshot, e.Data) ?? snapshot;
}

public static class EventSourcedRegistration
{
    /// <summary>Keeps <typeparamref name="T"/>'s snapshot inline: written in the transaction of its events, read by FetchForWriting and queries.</summary>
    public static void AddEventSourced<T>(this StoreOptions options) where T : class, IEventSourced<T> =>
        options.Projections.Add(new FoldedSnapshot<T>(), ProjectionLifecycle.Inline);
}
