using Marketplace.Contracts;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Ordering.Orders;

/// <summary>An order's next deadline (payment, or the shops' answers), a row of its own so the sweeper finds due orders by index.</summary>
public sealed record OrderDeadline(Guid Id, DateTimeOffset Due);

/// <summary>
/// The one way to change an order: fetch its stream for writing, decide, append, and keep its deadline row in the same
/// transaction (ADR 33, as Catalog's holds in ADR 25), so a deadline survives any restart.
/// </summary>
public sealed class OrderDesk(CooperativeSessions sessions, CooperativeDeadlines deadlines, TimeProvider clock)
{
    public TimeProvider Clock => clock;

    /// <summary>Decides in a session its caller saves (a consumer, which records the message in the same transaction).</summary>
    public async Task<Decided<Order>> DecideInAsync(IDocumentSession session, Guid orderId, Func<Order, Decision> decide, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Order>(orderId, cancellationToken);
        if (stream.Aggregate is not { } order)
        {
            return new Decided<Order>(null);
        }

        var decision = decide(order);
        var after = EventSourced.Fold(order, decision.Events)!;
        if (decision.Events.Count > 0)
        {
            stream.AppendMany(decision.Events);
            Track(session, order, after);
        }

        return new Decided<Order>(after, decision.Refusal);
    }

    /// <summary>Decides and saves (an endpoint, the sweeper), deciding again when another write to the order committed first.</summary>
    public Task<Decided<Order>> DecideAsync(TenantId coop, Guid orderId, Func<Order, Decision> decide, CancellationToken cancellationToken) =>
        ConcurrencyRetry.RetryAsync(coop.Value, orderId, async () =>
        {
            await using var session = sessions.OpenSession(coop);
            var decided = await DecideInAsync(session, orderId, decide, cancellationToken);
            await session.SaveChangesAsync(cancellationToken);
            return decided;
        }, cancellationToken);

    /// <summary>
    /// Acts on every order of the cooperative whose deadline has passed; answers how many changed, and tells the
    /// deadlines when the cooperative is next due (the first deadline left, or now if more than one batch was due).
    /// </summary>
    public async Task<int> SweepDueAsync(TenantId coop, CancellationToken cancellationToken)
    {
        const int batch = 500;
        var now = clock.GetUtcNow();
        IReadOnlyList<OrderDeadline> due;
        await using (var query = sessions.QuerySession(coop))
        {
            due = await query.Query<OrderDeadline>().Where(d => d.Due <= now).OrderBy(d => d.Due).Take(batch).ToListAsync(cancellationToken);
            if (due.Count < batch)
            {
                var next = await query.Query<OrderDeadline>().Where(d => d.Due > now).OrderBy(d => d.Due).Select(d => d.Due).Take(1).ToListAsync(cancellationToken);
                if (next.Count > 0)
                {
                    deadlines.Due(coop, next[0]);
                }
            }
            else
            {
                deadlines.Due(coop, now);
            }
        }

        var changed = 0;
        foreach (var id in due.Select(d => d.Id))
        {
            var decided = await DecideAsync(coop, id, order => OrderRules.DeadlinePassed(order, now), cancellationToken);
            if (decided.State is null)
            {
                await using var session = sessions.OpenSession(coop);
                session.Delete<OrderDeadline>(id);
                await session.SaveChangesAsync(cancellationToken);
            }
            else
            {
                changed++;
            }
        }

        return changed;
    }

    /// <summary>A new order's first deadline (Catalog's answer), in the transaction that starts its stream.</summary>
    public void Placed(IDocumentSession session, Order order) => Track(session, null, order);

    private void Track(IDocumentSession session, Order? before, Order after)
    {
        if (after.NextDeadline is { } due)
        {
            if (before?.NextDeadline != due)
            {
                session.Store(new OrderDeadline(after.Id, due));
                if (TenantId.TryParse(session.TenantId, out var coop))
                {
                    deadlines.Due(coop, due); // told before the commit: a visit for a deadline that did not commit finds nothing
                }
            }
        }
        else if (before?.NextDeadline is not null)
        {
            session.Delete<OrderDeadline>(after.Id);
        }
    }
}
