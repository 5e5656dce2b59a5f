using Marketplace.Contracts;
using Marketplace.Governance.Members;
using Marketplace.ServiceDefaults.Tenancy;

namespace Marketplace.Governance.Proposals.Publishing;

/// <summary>One event of a proposal's published record. Voter is a name (public ballot) or a pseudonym (secret ballot); Choice is shown once the vote is closed.</summary>
public sealed record RecordEntry(int Sequence, string Type, DateTimeOffset At, string? Voter, string? College, string? Choice, string? CastBy, string Chain);

/// <summary>The members called to vote in one college, and its weight.</summary>
public sealed record ElectorateCollege(string College, int Weight, int Members);

/// <summary>
/// What anyone with access needs to count the vote again: the rules, the members called per college, and every ballot
/// in order (the last one of each voter counts), each linked in the hash chain whose head closes the record.
/// </summary>
public sealed record ProposalRecord(
    Guid ProposalId, string Kind, string Status, int QuorumPercent, string Majority, bool AbstentionsCountAgainst, bool SecretBallot,
    IReadOnlyList<ElectorateCollege> Electorate, IReadOnlyList<RecordEntry> Entries, Outcome? Outcome, string Head);

internal static class GetProposalRecordEndpoint
{
    public static void MapProposalRecord(this RouteGroupBuilder group) =>
        group.MapGet("/proposals/{proposal:guid}/record", async Task<IResult> (TenantId coop, Guid proposal, CooperativeSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = sessions.QuerySession(coop);
                if (await session.LoadAsync<Proposal>(proposal, cancellationToken) is not { } p)
                {
                    return ProposalProblems.NoSuchProposal();
                }

                var events = await session.Events.FetchStreamAsync(proposal, token: cancellationToken);
                var voters = p.Opened.Electorate.ToDictionary(v => v.AccountId);
                var closed = p.Outcome is not null;
                string Name(Guid account) => ProposalView.PublicName(p, voters[account]);
                var entries = events.Select(e => e.Data switch
                {
                    BallotCast b => new RecordEntry(
                        (int)e.Version, "ballot", b.At, Name(b.Voter), voters[b.Voter].College, closed ? b.Choice : null, b.CastBy == b.Voter ? null : Name(b.CastBy), b.Chain),
                    ProxyGiven g => new RecordEntry((int)e.Version, "proxyGiven", g.At, Name(g.From), voters[g.From].College, null, Name(g.To), g.Chain),
                    ProxyWithdrawn w => new RecordEntry((int)e.Version, "proxyWithdrawn", w.At, Name(w.From), voters[w.From].College, null, Name(w.To), w.Chain),
                    ProposalOpened o => new RecordEntry((int)e.Version, "opened", o.OpenedAt, null, null, null, null, o.Chain),
                    ProposalReminded r => new RecordEntry((int)e.Version, "reminded", r.At, null, null, null, null, r.Chain),
                    ProposalClosed c => new RecordEntry((int)e.Version, "closed", c.At, null, null, null, null, c.Chain),
                    FeeChangeAdopted f => new RecordEntry((int)e.Version, "feeChangeAdopted", f.DecidedAt, null, null, null, null, f.Chain),
                    _ => new RecordEntry((int)e.Version, e.EventTypeName, e.Timestamp, null, null, null, null, ""),
                }).ToList();
                var rules = p.Opened.Rules;
                var electorate = rules.Colleges
                    .Select(c => new ElectorateCollege(c.Key, c.Weight, p.Opened.Electorate.Count(v => v.College == c.Key)))
                    .ToList();
                return TypedResults.Ok(new ProposalRecord(
                    p.Id, p.Kind, ProposalView.StatusOf(p, clock.GetUtcNow()), rules.QuorumPercent, rules.Majorities.For(p.Kind), rules.AbstentionsCountAgainst, rules.SecretBallot,
                    electorate, entries, p.Outcome, p.Head));
            })
            .RequireGovernanceReader()
            .WithName("GetProposalRecord")
            .WithSummary("The proposal's published record: rules, members called per college, every ballot in order (choices once closed; pseudonyms when the ballot is secret) and the hash chain, to count the vote again.")
            .Produces<ProposalRecord>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
