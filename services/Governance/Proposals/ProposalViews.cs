using System.Security.Cryptography;
using System.Text;
using Marketplace.Governance.Statutes;
using Marketplace.Hosting;

namespace Marketplace.Governance.Proposals;

/// <summary>A proposal in a list: what it is, when it closes, where it stands.</summary>
public sealed record ProposalSummary(Guid Id, string Kind, string Title, string Status, DateTimeOffset OpenedAt, DateTimeOffset ClosesAt, int Electorate, int TookPart, bool? Adopted)
{
    public static ProposalSummary Of(Proposal p, DateTimeOffset now) =>
        new(p.Id, p.Kind, p.Opened.Title, ProposalView.StatusOf(p, now), p.Opened.OpenedAt, p.ClosesAt, p.Opened.Electorate.Count, p.Ballots.Count, p.Outcome?.Adopted);
}

/// <summary>The caller's part in a proposal: their college, their vote as it stands, the proxy they gave, the proxies they hold.</summary>
public sealed record MyPart(string College, string? Choice, Guid? CastBy, Guid? ProxyTo, IReadOnlyList<HeldProxy> ProxiesHeld);

/// <summary>A proxy the caller holds: whose, and the vote cast with it (none yet).</summary>
public sealed record HeldProxy(Guid AccountId, string Name, string? Choice);

/// <summary>How one member voted: shown once the vote is closed, and only when the statutes say the ballot is public.</summary>
public sealed record VoteView(string Name, string College, string Choice, bool ByProxy);

/// <summary>
/// A proposal: what it proposes, the rules it is decided by (the statutes of its opening), who is called to vote, how
/// many took part so far (never how, before the close), the caller's part, and once closed its result with every figure.
/// </summary>
public sealed record ProposalView(
    Guid Id, string Kind, string Title, string Text, FeeChange? FeeChange, Admission? Admission, StatuteTerms? Statutes,
    string Status, DateTimeOffset OpenedAt, DateTimeOffset ClosesAt, int StatutesVersion, StatuteTerms Rules,
    int Electorate, int TookPart, MyPart? Me, Outcome? Outcome, IReadOnlyList<VoteView>? Votes, string Head)
{
    public const string Open = "open";
    public const string Closing = "closing";
    public const string Closed = "closed";

    /// <summary>Open until its deadline; "closing" between the deadline and the sweeper's close (no vote is taken then).</summary>
    public static string StatusOf(Proposal p, DateTimeOffset now) => p.Outcome is not null ? Closed : p.IsOpen(now) ? Open : Closing;

    public static ProposalView Of(Proposal p, Guid caller, DateTimeOffset now)
    {
        var names = p.Opened.Electorate.ToDictionary(v => v.AccountId);
        MyPart? me = null;
        if (p.VoterOf(caller) is { } voter)
        {
            var ballot = p.BallotOf(caller);
            me = new MyPart(
                voter.College, ballot?.Choice, ballot?.CastBy, p.ProxyFrom(caller)?.To,
                [.. p.ProxiesHeldBy(caller).Select(h => new HeldProxy(h.From, names[h.From].Name, p.BallotOf(h.From)?.Choice))]);
        }

        var votes = p.Outcome is not null && !p.Opened.Rules.SecretBallot
            ? p.Ballots.Select(b => new VoteView(names[b.Voter].Name, names[b.Voter].College, b.Choice, b.CastBy != b.Voter)).OrderBy(v => v.College).ThenBy(v => v.Name).ToList()
            : null;
        return new ProposalView(
            p.Id, p.Kind, p.Opened.Title, p.Opened.Text, p.Opened.Fee, p.Opened.Admission, p.Opened.Statutes,
            StatusOf(p, now), p.Opened.OpenedAt, p.ClosesAt, p.Opened.StatutesVersion, p.Opened.Rules,
            p.Opened.Electorate.Count, p.Ballots.Count, me, p.Outcome, votes, p.Head);
    }

    /// <summary>How a voter is named in the published record: their name for a public ballot, else a pseudonym no one can link to an account without the proposal's salt.</summary>
    public static string PublicName(Proposal p, Voter voter) => p.Opened.Rules.SecretBallot
        ? "v-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{p.Opened.Salt}:{voter.AccountId:N}")))[..16]
        : voter.Name;
}

internal static class ProposalProblems
{
    public static IResult NoSuchProposal() =>
        CodedProblems.Refused("proposal.not_found", StatusCodes.Status404NotFound, "No such proposal in this cooperative.");

    public static IResult Refused(string code) => code switch
    {
        ProposalRefusals.Closed => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "The vote on this proposal is closed."),
        ProposalRefusals.NotAVoter => CodedProblems.Refused(code, StatusCodes.Status403Forbidden, "You were not called to vote on this proposal (you were not a member when it opened)."),
        ProposalRefusals.NoMembers => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "The cooperative has no member to vote yet: admit members first."),
        ProposalRefusals.EffectiveBeforeClose => CodedProblems.Field("feeChange.effectiveSince", code, "The new fee can only take effect after the vote closes."),
        ProposalRefusals.AlreadyMember => CodedProblems.Field("admission.accountId", code, "This account is already a member.", StatusCodes.Status409Conflict),
        ProposalRefusals.NoSuchCollege => CodedProblems.Field("admission.college", code, "The statutes have no such college."),
        ProposalRefusals.CollegeInUse => CodedProblems.Field("statutes.colleges", code, "A college that has members cannot be removed.", StatusCodes.Status409Conflict),
        ProposalRefusals.ProxyGiven => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "You gave your proxy for this vote: withdraw it to vote yourself."),
        ProposalRefusals.NoProxy => CodedProblems.Field("onBehalfOf", code, "You hold no proxy of this member for this vote.", StatusCodes.Status403Forbidden),
        ProposalRefusals.ProxyOtherCollege => CodedProblems.Field("holder", code, "A proxy goes to a member of your own college."),
        ProposalRefusals.ProxyToSelf => CodedProblems.Field("holder", code, "You cannot give your proxy to yourself."),
        ProposalRefusals.ProxyAlreadyVoted => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "You already voted: there is no vote left to give."),
        ProposalRefusals.ProxyAlreadyGiven => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "You already gave your proxy to another member: withdraw it first."),
        ProposalRefusals.ProxyTooMany => CodedProblems.Field("holder", code, "This member already holds as many proxies as the statutes allow.", StatusCodes.Status409Conflict),
        ProposalRefusals.ProxyHolderDelegated => CodedProblems.Field("holder", code, "This member gave their own proxy: a vote is not passed on twice.", StatusCodes.Status409Conflict),
        ProposalRefusals.ProxyUsed => CodedProblems.Refused(code, StatusCodes.Status409Conflict, "Your proxy's holder already voted with it: it can no longer be withdrawn."),
        _ => throw new InvalidOperationException($"No answer for refusal {code}."),
    };
}
