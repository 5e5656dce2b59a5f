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

    /// <summary>Decides on a proposal and saves, deciding again when another write to it committed first.</summary>
    public Task<Decided<Proposal>> DecideAsync(TenantId coop, Guid id, Func<Proposal, Decision> decide, CancellationToken cancellationToken) =>
        ConcurrencyRetry.RetryAsync(coop.Value, id, async () =>
        {
            await using var session = sessions.OpenSession(coop);
            var stream = await session.Events.FetchForWriting<Proposal>(id, cancellationToken);
            if (stream.Aggregate is not { } proposal)
            {
                return new Decided<Proposal>(null);
            }

            var decision = decide(proposal);
            var after = EventSourced.Fold(proposal, decision.Events)!;
            if (decision.Events.Count > 0)
            {
                stream.AppendMany(decision.Events);
                Track(session, coop, proposal, after);
                if (proposal.Outcome is null && after.Outcome is { Adopted: true })
                {
                    await TakeEffectAsync(session, after, cancellationToken);
                }

                await session.SaveChangesAsync(cancellationToken);
            }

            return new Decided<Proposal>(after, decision.Refusal);
        }, cancellationToken);

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
