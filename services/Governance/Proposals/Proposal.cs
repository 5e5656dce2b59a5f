using Marketplace.Governance.Statutes;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Governance.Proposals;

/// <summary>How a member votes.</summary>
public static class Choices
{
    public const string For = "for";
    public const string Against = "against";
    public const string Abstain = "abstain";

    public static IReadOnlyList<string> All { get; } = [For, Against, Abstain];
}

/// <summary>What a fee change proposes: FeeRate in basis points (500 = 5 %), for orders placed from EffectiveSince.</summary>
public sealed record FeeChange(int FeeRate, DateTimeOffset EffectiveSince);

/// <summary>Whom an admission proposal admits, into which college.</summary>
public sealed record Admission(Guid AccountId, string Name, string College);

/// <summary>A member called to vote on a proposal, in the college they belonged to when it opened.</summary>
public sealed record Voter(Guid AccountId, string Name, string College);

/// <summary>A member's vote as it stands: cast by themselves, or by the holder of their proxy (CastBy).</summary>
public sealed record Ballot(Guid Voter, string Choice, Guid CastBy, DateTimeOffset At);

/// <summary>From gave their vote on this proposal to To (a member of the same college).</summary>
public sealed record Proxy(Guid From, Guid To, DateTimeOffset At);

// The proposal's events. Each carries Chain: the hash linking it to every event before it (ProposalChain), so a stored
// event altered afterwards no longer verifies.

/// <summary>
/// A proposal opened: what it proposes (the part of its kind), the statutes it is decided by (frozen: statutes changed
/// during the vote do not apply to it), and the members called to vote (those of that day: one member, one vote).
/// Salt makes a secret ballot's published voter names (pseudonyms) impossible to guess from account ids.
/// </summary>
public sealed record ProposalOpened(
    Guid ProposalId, string Kind, string Title, string Text, FeeChange? Fee, Admission? Admission, StatuteTerms? Statutes,
    Guid OpenedBy, DateTimeOffset OpenedAt, DateTimeOffset ClosesAt, int StatutesVersion, StatuteTerms Rules, IReadOnlyList<Voter> Electorate,
    string Salt, string Chain = "");

/// <summary>Voter's vote is now Choice (a later one replaces it until the close), cast by themselves or by their proxy's holder.</summary>
public sealed record BallotCast(Guid Voter, string Choice, Guid CastBy, DateTimeOffset At, string Chain = "");

public sealed record ProxyGiven(Guid From, Guid To, DateTimeOffset At, string Chain = "");

public sealed record ProxyWithdrawn(Guid From, Guid To, DateTimeOffset At, string Chain = "");

/// <summary>The proposal closes in a day: Voters (who have not voted) are reminded.</summary>
public sealed record ProposalReminded(string Title, DateTimeOffset ClosesAt, IReadOnlyList<Guid> Voters, DateTimeOffset At, string Chain = "");

/// <summary>The proposal closed at its deadline, with its result and every figure that produced it; Voters (the members called) are told.</summary>
public sealed record ProposalClosed(string Title, Outcome Outcome, IReadOnlyList<Guid> Voters, DateTimeOffset At, string Chain = "");

/// <summary>The members adopted the fee change: Payments applies it to orders placed from EffectiveSince (never before the decision).</summary>
public sealed record FeeChangeAdopted(int FeeRate, DateTimeOffset EffectiveSince, DateTimeOffset DecidedAt, string Chain = "");

/// <summary>A proposal and its vote as it stands. Id = the proposal's id (one stream per proposal).</summary>
public sealed record Proposal(
    Guid Id,
    ProposalOpened Opened,
    IReadOnlyList<Ballot> Ballots,
    IReadOnlyList<Proxy> Proxies,
    bool Reminded,
    Outcome? Outcome,
    int Events,
    string Head) : IEventSourced<Proposal>
{
    public string Kind => Opened.Kind;

    public DateTimeOffset ClosesAt => Opened.ClosesAt;

    public bool IsOpen(DateTimeOffset now) => Outcome is null && now < ClosesAt;

    public Voter? VoterOf(Guid account) => Opened.Electorate.FirstOrDefault(v => v.AccountId == account);

    public Ballot? BallotOf(Guid account) => Ballots.FirstOrDefault(b => b.Voter == account);

    public Proxy? ProxyFrom(Guid account) => Proxies.FirstOrDefault(p => p.From == account);

    public IEnumerable<Proxy> ProxiesHeldBy(Guid account) => Proxies.Where(p => p.To == account);

    public static Proposal? Fold(Proposal? state, object change) => (state, change) switch
    {
        (null, ProposalOpened e) => new Proposal(e.ProposalId, e, [], [], false, null, 1, e.Chain),
        ({ } s, BallotCast e) => s.Next(e.Chain) with { Ballots = [.. s.Ballots.Where(b => b.Voter != e.Voter), new Ballot(e.Voter, e.Choice, e.CastBy, e.At)] },
        ({ } s, ProxyGiven e) => s.Next(e.Chain) with { Proxies = [.. s.Proxies, new Proxy(e.From, e.To, e.At)] },
        ({ } s, ProxyWithdrawn e) => s.Next(e.Chain) with { Proxies = [.. s.Proxies.Where(p => p.From != e.From)] },
        ({ } s, ProposalReminded e) => s.Next(e.Chain) with { Reminded = true },
        ({ } s, ProposalClosed e) => s.Next(e.Chain) with { Outcome = e.Outcome },
        ({ } s, FeeChangeAdopted e) => s.Next(e.Chain),
        _ => state,
    };

    private Proposal Next(string chain) => this with { Events = Events + 1, Head = chain };
}
