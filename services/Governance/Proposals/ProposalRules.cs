using Marketplace.Governance.Members;
using Marketplace.Governance.Statutes;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.Governance.Proposals;

public static class ProposalRefusals
{
    /// <summary>The vote is closed (its deadline passed): nothing can be cast, given or withdrawn any more.</summary>
    public const string Closed = "proposal.closed";

    /// <summary>The caller was not a member called to vote on this proposal.</summary>
    public const string NotAVoter = "proposal.not_a_voter";

    /// <summary>The cooperative has no member to vote.</summary>
    public const string NoMembers = "proposal.no_members";

    /// <summary>A fee change must take effect after the vote closes.</summary>
    public const string EffectiveBeforeClose = "proposal.effective_before_close";

    /// <summary>The account an admission proposes is already a member.</summary>
    public const string AlreadyMember = "proposal.already_member";

    /// <summary>The college named is not one of the statutes'.</summary>
    public const string NoSuchCollege = "proposal.no_such_college";

    /// <summary>New statutes would remove a college that has members.</summary>
    public const string CollegeInUse = "proposal.college_in_use";

    /// <summary>The member gave their proxy: withdraw it first to vote themselves.</summary>
    public const string ProxyGiven = "ballot.proxy_given";

    /// <summary>The caller holds no proxy of the member they vote for.</summary>
    public const string NoProxy = "ballot.no_proxy";

    /// <summary>A proxy goes to another member of the same college.</summary>
    public const string ProxyOtherCollege = "proxy.other_college";

    /// <summary>A member cannot give their proxy to themselves.</summary>
    public const string ProxyToSelf = "proxy.to_self";

    /// <summary>The member already voted: nothing left to give.</summary>
    public const string ProxyAlreadyVoted = "proxy.already_voted";

    /// <summary>The member already gave their proxy (to someone else): withdraw it first.</summary>
    public const string ProxyAlreadyGiven = "proxy.already_given";

    /// <summary>The holder already holds as many proxies as the statutes allow.</summary>
    public const string ProxyTooMany = "proxy.too_many";

    /// <summary>The holder gave their own proxy: votes are not passed on twice.</summary>
    public const string ProxyHolderDelegated = "proxy.holder_delegated";

    /// <summary>The holder already voted with the proxy: it can no longer be withdrawn.</summary>
    public const string ProxyUsed = "proxy.used";
}

/// <summary>What a proposal asks, as the admin wrote it (the part of its kind only).</summary>
public sealed record ProposalDraft(string Kind, string Title, string Text, FeeChange? Fee, Admission? Admission, StatuteTerms? Statutes);

/// <summary>The decisions on a proposal: each decider returns its events already linked in the proposal's hash chain.</summary>
public static class ProposalRules
{
    /// <summary>How long before the close the members who have not voted are reminded.</summary>
    public static readonly TimeSpan ReminderBefore = TimeSpan.FromDays(1);

    public static Decision Open(
        Guid id, ProposalDraft draft, StatutesVersion statutes, IReadOnlyList<Member> members, Member? admitted, Guid openedBy, DateTimeOffset now, string salt)
    {
        if (members.Count == 0)
        {
            return Decision.Refuse(ProposalRefusals.NoMembers);
        }

        var closesAt = now.AddDays(statutes.Terms.VotingDays);
        var refusal = draft.Kind switch
        {
            ProposalKinds.FeeChange when draft.Fee!.EffectiveSince < closesAt => ProposalRefusals.EffectiveBeforeClose,
            ProposalKinds.Admission when admitted is not null => ProposalRefusals.AlreadyMember,
            ProposalKinds.Admission when statutes.Terms.College(draft.Admission!.College) is null => ProposalRefusals.NoSuchCollege,
            ProposalKinds.Statutes when members.Any(m => draft.Statutes!.College(m.College) is null) => ProposalRefusals.CollegeInUse,
            _ => null,
        };
        if (refusal is not null)
        {
            return Decision.Refuse(refusal);
        }

        var electorate = members.OrderBy(m => m.AdmittedAt).ThenBy(m => m.Id).Select(m => new Voter(m.Id, m.Name, m.College)).ToList();
        var opened = new ProposalOpened(
            id, draft.Kind, draft.Title, draft.Text,
            draft.Kind == ProposalKinds.FeeChange ? draft.Fee : null,
            draft.Kind == ProposalKinds.Admission ? draft.Admission : null,
            draft.Kind == ProposalKinds.Statutes ? draft.Statutes : null,
            openedBy, now, closesAt, statutes.Version, statutes.Terms, electorate, salt);
        return Linked(ProposalChain.Genesis(id), opened);
    }

    /// <summary>
    /// <paramref name="caster"/> votes <paramref name="choice"/> for <paramref name="voter"/>: themselves, or a member
    /// whose proxy they hold. The same vote again changes nothing; another one replaces it until the close.
    /// </summary>
    public static Decision Cast(Proposal proposal, Guid voter, Guid caster, string choice, DateTimeOffset now)
    {
        if (!proposal.IsOpen(now))
        {
            return Decision.Refuse(ProposalRefusals.Closed);
        }

        if (proposal.VoterOf(caster) is null || proposal.VoterOf(voter) is null)
        {
            return Decision.Refuse(ProposalRefusals.NotAVoter);
        }

        var proxy = proposal.ProxyFrom(voter);
        if (voter == caster && proxy is not null)
        {
            return Decision.Refuse(ProposalRefusals.ProxyGiven);
        }

        if (voter != caster && proxy?.To != caster)
        {
            return Decision.Refuse(ProposalRefusals.NoProxy);
        }

        return proposal.BallotOf(voter) is { } ballot && ballot.Choice == choice && ballot.CastBy == caster
            ? Decision.Unchanged
            : Linked(proposal.Head, new BallotCast(voter, choice, caster, now));
    }

    /// <summary>A member gives their vote on this proposal to another member of their college, who holds no more proxies than the statutes allow.</summary>
    public static Decision GiveProxy(Proposal proposal, Guid from, Guid to, DateTimeOffset now)
    {
        if (!proposal.IsOpen(now))
        {
            return Decision.Refuse(ProposalRefusals.Closed);
        }

        if (proposal.VoterOf(from) is not { } giver || proposal.VoterOf(to) is not { } holder)
        {
            return Decision.Refuse(ProposalRefusals.NotAVoter);
        }

        var refusal = (proposal.ProxyFrom(from), proposal.BallotOf(from)) switch
        {
            ({ } given, _) when given.To == to => "",
            ({ }, _) => ProposalRefusals.ProxyAlreadyGiven,
            (_, { }) => ProposalRefusals.ProxyAlreadyVoted,
            _ when from == to => ProposalRefusals.ProxyToSelf,
            _ when giver.College != holder.College => ProposalRefusals.ProxyOtherCollege,
            _ when proposal.ProxyFrom(to) is not null => ProposalRefusals.ProxyHolderDelegated,
            _ when proposal.ProxiesHeldBy(to).Count() >= proposal.Opened.Rules.MaxProxies => ProposalRefusals.ProxyTooMany,
            _ => null,
        };
        return refusal switch
        {
            "" => Decision.Unchanged,
            { } code => Decision.Refuse(code),
            null => Linked(proposal.Head, new ProxyGiven(from, to, now)),
        };
    }

    /// <summary>A member takes their proxy back, as long as its holder has not voted with it.</summary>
    public static Decision WithdrawProxy(Proposal proposal, Guid from, DateTimeOffset now)
    {
        if (!proposal.IsOpen(now))
        {
            return Decision.Refuse(ProposalRefusals.Closed);
        }

        if (proposal.ProxyFrom(from) is not { } proxy)
        {
            return Decision.Unchanged;
        }

        return proposal.BallotOf(from) is not null
            ? Decision.Refuse(ProposalRefusals.ProxyUsed)
            : Linked(proposal.Head, new ProxyWithdrawn(from, proxy.To, now));
    }

    /// <summary>Due work on a proposal at <paramref name="now"/>: the reminder a day before the close, the close itself with its result (and, for an adopted fee change, the fee).</summary>
    public static Decision Sweep(Proposal proposal, DateTimeOffset now)
    {
        if (proposal.Outcome is not null)
        {
            return Decision.Unchanged;
        }

        if (now >= proposal.ClosesAt)
        {
            var outcome = Tally.Count(proposal.Opened.Rules, proposal.Kind, proposal.Opened.Electorate, proposal.Ballots);
            var closed = new ProposalClosed(proposal.Opened.Title, outcome, [.. proposal.Opened.Electorate.Select(v => v.AccountId)], proposal.ClosesAt);
            return outcome.Adopted && proposal.Opened.Fee is { } fee
                ? Linked(proposal.Head, closed, new FeeChangeAdopted(fee.FeeRate, fee.EffectiveSince < now ? now : fee.EffectiveSince, now))
                : Linked(proposal.Head, closed);
        }

        if (!proposal.Reminded && now >= proposal.ClosesAt - ReminderBefore)
        {
            var silent = proposal.Opened.Electorate.Select(v => v.AccountId).Where(v => proposal.BallotOf(v) is null && proposal.ProxyFrom(v) is null).ToList();
            return Linked(proposal.Head, new ProposalReminded(proposal.Opened.Title, proposal.ClosesAt, silent, now));
        }

        return Decision.Unchanged;
    }

    /// <summary>When the proposal next has something due (its reminder, or its close); null once closed.</summary>
    public static DateTimeOffset? NextDue(Proposal proposal) =>
        proposal.Outcome is not null ? null : proposal.Reminded ? proposal.ClosesAt : proposal.ClosesAt - ReminderBefore;

    private static Decision Linked(string head, params object[] events) => new(ProposalChain.LinkAll(head, events));
}
