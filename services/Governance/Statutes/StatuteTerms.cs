using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Governance.Statutes;

/// <summary>The kinds of proposal the members vote on.</summary>
public static class ProposalKinds
{
    /// <summary>A new platform fee (basis points) from an effective date.</summary>
    public const string FeeChange = "feeChange";

    /// <summary>The admission of a member into a college.</summary>
    public const string Admission = "admission";

    /// <summary>New statutes (colleges, quorum, majorities...).</summary>
    public const string Statutes = "statutes";

    /// <summary>A free motion: recorded, with no effect of its own.</summary>
    public const string Motion = "motion";

    public static IReadOnlyList<string> All { get; } = [FeeChange, Admission, Statutes, Motion];
}

/// <summary>The majority a kind of proposal needs: more than half of the weighted votes for it, or at least two-thirds.</summary>
public static class MajorityKinds
{
    public const string Simple = "simple";
    public const string TwoThirds = "twoThirds";

    public static IReadOnlyList<string> All { get; } = [Simple, TwoThirds];
}

/// <summary>A college of members (e.g. shops, workers, customers, supporters) and its weight in a result, in percent (the weights add up to 100).</summary>
public sealed record College(string Key, string NameFr, string NameEn, int Weight);

/// <summary>The majority each kind of proposal needs (<see cref="MajorityKinds"/>).</summary>
public sealed record Majorities(string FeeChange, string Admission, string Statutes, string Motion)
{
    public string For(string kind) => kind switch
    {
        ProposalKinds.FeeChange => FeeChange,
        ProposalKinds.Admission => Admission,
        ProposalKinds.Statutes => Statutes,
        _ => Motion,
    };
}

/// <summary>
/// The cooperative's rules of decision. QuorumPercent: the share of the members called to vote who must take part
/// (abstaining counts as taking part). AbstentionsCountAgainst: whether an abstention weighs as a vote against (else it
/// counts for the quorum only). VotingDays: how long a proposal stays open. MaxProxies: how many other members' votes
/// one member may hold. SecretBallot: whether who voted what is ever shown.
/// </summary>
public sealed record StatuteTerms(
    IReadOnlyList<College> Colleges, int QuorumPercent, Majorities Majorities, bool AbstentionsCountAgainst, int VotingDays, int MaxProxies, bool SecretBallot)
{
    public const int MaxColleges = 10;
    public const int MaxVotingDays = 90;
    public const int MaxProxiesAllowed = 10;

    /// <summary>What a cooperative has until its admin or its members set other statutes: one college, a quarter of the members for the quorum, two-thirds to change the statutes.</summary>
    public static StatuteTerms Default { get; } = new(
        [new College("members", "Membres", "Members", 100)],
        25,
        new Majorities(MajorityKinds.Simple, MajorityKinds.Simple, MajorityKinds.TwoThirds, MajorityKinds.Simple),
        AbstentionsCountAgainst: false,
        VotingDays: 14,
        MaxProxies: 1,
        SecretBallot: false);

    public College? College(string key) => Colleges.FirstOrDefault(c => c.Key == key);
}

/// <summary>New statutes, set by an admin (SetBy) or adopted by the members (ProposalId).</summary>
public sealed record StatutesSet(StatuteTerms Terms, Guid? SetBy, Guid? ProposalId, DateTimeOffset At);

/// <summary>One version of the statutes: 0 is the default no one set.</summary>
public sealed record StatutesVersion(int Version, StatuteTerms Terms, Guid? SetBy, Guid? ProposalId, DateTimeOffset? At);

/// <summary>Every version of the cooperative's statutes, in one stream per cooperative database.</summary>
public sealed record StatutesHistory(Guid Id, IReadOnlyList<StatutesVersion> Versions) : IEventSourced<StatutesHistory>
{
    public static readonly Guid StreamId = new("60000000-0000-0000-0000-000000000001");

    /// <summary>The statutes in force: the last version set, else the default.</summary>
    public static StatutesVersion Current(StatutesHistory? history) =>
        history?.Versions is [.., var last] ? last : new StatutesVersion(0, StatuteTerms.Default, null, null, null);

    public static StatutesHistory? Fold(StatutesHistory? state, object change) => change switch
    {
        StatutesSet e => new StatutesHistory(
            StreamId, [.. state?.Versions ?? [], new StatutesVersion((state?.Versions.Count ?? 0) + 1, e.Terms, e.SetBy, e.ProposalId, e.At)]),
        _ => state,
    };
}

public static class StatutesRefusals
{
    public const string VersionConflict = "statutes.version_conflict";
    public const string CollegeInUse = "statutes.college_in_use";
}

public static class StatutesRules
{
    /// <summary>
    /// New statutes, when the caller read the version now in force (else another admin or a vote changed them). A
    /// college that still has members cannot be removed: they would lose their vote.
    /// </summary>
    public static Decision Set(StatutesHistory? history, int expectedVersion, StatuteTerms terms, IReadOnlyCollection<string> collegesInUse, Guid setBy, DateTimeOffset now)
    {
        var current = StatutesHistory.Current(history);
        if (Same(current.Terms, terms))
        {
            return Decision.Unchanged;
        }

        if (current.Version != expectedVersion)
        {
            return Decision.Refuse(StatutesRefusals.VersionConflict);
        }

        return collegesInUse.Any(key => terms.College(key) is null)
            ? Decision.Refuse(StatutesRefusals.CollegeInUse)
            : Decision.To(new StatutesSet(terms, setBy, null, now));
    }

    /// <summary>Statutes adopted by the members' vote (checked against the colleges in use when the proposal opened and closed).</summary>
    public static Decision Adopt(StatuteTerms terms, Guid proposalId, DateTimeOffset now) => Decision.To(new StatutesSet(terms, null, proposalId, now));

    /// <summary>Records compare their lists by reference: statutes are the same when every part is.</summary>
    public static bool Same(StatuteTerms a, StatuteTerms b) =>
        a.Colleges.SequenceEqual(b.Colleges) && a with { Colleges = b.Colleges } == b;
}
