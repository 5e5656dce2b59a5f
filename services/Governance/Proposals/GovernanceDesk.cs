using System.Collections.Concurrent;
using Marketplace.Contracts;
using Marketplace.Governance.Members;
using Marketplace.Governance.Statutes;
using Marketplace.ServiceDefaults.EventSourcing;
using Marketplace.ServiceDefaults.Tenancy;
using Marten;

namespace Marketplace.Governance.Proposals;

/// <summary>When a proposal next has something due (its reminder, its close). Id = the proposal's id; none once closed.</summary>
public sealed record ProposalDeadline(Guid Id, DateTimeOffset Due);

/// <summary>
/// Where every change of a proposal is decided and saved: its deadline row kept with it, and what an adopted proposal
/// changes in the cooperative (a member admitted, new statutes) appended in the same transaction as its close. The
/// adopted fee reaches Payments through the relay (FeeChangeAdopted → FeePolicyAdopted).
/// </summary>
public sealed class GovernanceDesk(CooperativeSessions sessions, CooperativeDeadlines deadlines, TimeProvider clock)
{
    public TimeProvider Clock => clock;

    /// <summary>Starts a proposal's stream with its deadline.</summary>
    public void Opened(IDocumentSession session, TenantId coop, Proposal proposal) => Track(session, coop, null, proposal);

    /// <summary>
    /// Decides on a proposal and saves. The decisions asked of one proposal at the same time are taken together: one
    /// reader drains them in order, each deciding on the state after the ones before it, and saves the batch in one
    /// transaction (a thousand members voting at once cost a few transactions, not a thousand, and the hash chain stays
    /// one line). When another process wrote to the proposal first, the batch is read and decided again.
    /// </summary>
    public Task<Decided<Proposal>> DecideAsync(TenantId coop, Guid id, Func<Proposal, Decision> decide, CancellationToken cancellationToken)
    {
        var pending = new Pending(decide, new TaskCompletionSource<Decided<Proposal>>(TaskCreationOptions.RunContinuationsAsynchronously));
        var line = _lines.GetOrAdd((coop.Value, id), _ => new Line());
        bool start;
        lock (line)
        {
            line.Waiting.Enqueue(pending);
            start = !line.Draining;
            line.Draining = true;
        }

        if (start)
        {
            _ = Task.Run(() => DrainAsync(coop, id, line), CancellationToken.None);
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync(TenantId coop, Guid id, Line line)
    {
        while (true)
        {
            List<Pending> batch;
            lock (line)
            {
                if (line.Waiting.Count == 0)
                {
                    line.Draining = false;
                    _lines.TryRemove(new KeyValuePair<(string, Guid), Line>((coop.Value, id), line));
                    return;
                }

                batch = [];
                while (batch.Count < MaxBatch && line.Waiting.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }

            try
            {
                var decided = await ConcurrencyRetry.RetryAsync(coop.Value, id, () => DecideBatchAsync(coop, id, batch), CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(decided[i]);
                }
            }
            catch (Exception e)
            {
                batch.ForEach(p => p.Done.TrySetException(e));
            }
        }
    }

    private async Task<IReadOnlyList<Decided<Proposal>>> DecideBatchAsync(TenantId coop, Guid id, IReadOnlyList<Pending> batch)
    {
        await using var session = sessions.OpenSession(coop);
        var stream = await session.Events.FetchForWriting<Proposal>(id, CancellationToken.None);
        if (stream.Aggregate is not { } before)
        {
            return [.. batch.Select(_ => new Decided<Proposal>(null))];
        }

        var state = before;
        var events = new List<object>();
        var decided = new List<Decided<Proposal>>(batch.Count);
        foreach (var pending in batch)
        {
            var decision = pending.Decide(state);
            state = EventSourced.Fold(state, decision.Events)!;
            events.AddRange(decision.Events);
            decided.Add(new Decided<Proposal>(state, decision.Refusal));
        }

        if (events.Count > 0)
        {
            stream.AppendMany(events);
            Track(session, coop, before, state);
            if (before.Outcome is null && state.Outcome is { Adopted: true })
            {
                await TakeEffectAsync(session, state, CancellationToken.None);
            }

            await session.SaveChangesAsync(CancellationToken.None);
        }

        return decided;
    }

    private const int MaxBatch = 500;

    private readonly ConcurrentDictionary<(string Coop, Guid Proposal), Line> _lines = new();

    private sealed record Pending(Func<Proposal, Decision> Decide, TaskCompletionSource<Decided<Proposal>> Done);

    /// <summary>The decisions waiting on one proposal, and whether a reader is draining them.</summary>
    private sealed class Line
    {
        public Queue<Pending> Waiting { get; } = new();

        public bool Draining { get; set; }
    }

    /// <summary>
    /// Reminds and closes the cooperative's proposals that are due; answers how many changed, and tells the deadlines
    /// when the cooperative is next due.
    /// </summary>
    public async Task<int> SweepDueAsync(TenantId coop, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<ProposalDeadline> due;
        await using (var query = sessions.QuerySession(coop))
        {
            due = await query.Query<ProposalDeadline>().Where(d => d.Due <= now).OrderBy(d => d.Due).Take(100).ToListAsync(cancellationToken);
            var next = await query.Query<ProposalDeadline>().Where(d => d.Due > now).OrderBy(d => d.Due).Select(d => d.Due).Take(1).ToListAsync(cancellationToken);
            if (next.Count > 0)
            {
                deadlines.Due(coop, next[0]);
            }
        }

        var changed = 0;
        foreach (var id in due.Select(d => d.Id))
        {
            var decided = await DecideAsync(coop, id, proposal => ProposalRules.Sweep(proposal, now), cancellationToken);
            if (decided.State is null)
            {
                await using var session = sessions.OpenSession(coop);
                session.Delete<ProposalDeadline>(id);
                await session.SaveChangesAsync(cancellationToken);
            }
            else
            {
                changed++;
            }
        }

        return changed;
    }

    private static async Task TakeEffectAsync(IDocumentSession session, Proposal proposal, CancellationToken cancellationToken)
    {
        var at = proposal.ClosesAt;
        switch (proposal.Opened)
        {
            case { Admission: { } admission }:
                var member = await session.Events.FetchForWriting<Member>(admission.AccountId, cancellationToken);
                var statutes = StatutesHistory.Current(await session.LoadAsync<StatutesHistory>(StatutesHistory.StreamId, cancellationToken));
                // Admitted meanwhile by an admin, or the college removed since: the decision is recorded, nothing more to do.
                member.AppendMany(MemberRules.Admit(member.Aggregate, statutes.Terms, admission.AccountId, admission.Name, admission.College, null, proposal.Id, at).Events);
                break;
            case { Statutes: { } terms }:
                var history = await session.Events.FetchForWriting<StatutesHistory>(StatutesHistory.StreamId, cancellationToken);
                history.AppendMany(StatutesRules.Adopt(terms, proposal.Id, at).Events);
                break;
        }
    }

    private void Track(IDocumentSession session, TenantId coop, Proposal? before, Proposal after)
    {
        var due = ProposalRules.NextDue(after);
        if (due == (before is null ? null : ProposalRules.NextDue(before)))
        {
            return;
        }

        if (due is { } at)
        {
            session.Store(new ProposalDeadline(after.Id, at));
            deadlines.Due(coop, at); // told before the commit: a visit for a deadline that did not commit finds nothing
        }
        else
        {
            session.Delete<ProposalDeadline>(after.Id);
        }
    }
}
