using Marketplace.Governance.Members;
using Marketplace.Governance.Proposals;
using Marketplace.Governance.Statutes;
using Marketplace.ServiceDefaults.EventSourcing;

namespace Marketplace.UnitTests.Governance;

public sealed class ProposalRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly StatuteTerms Terms = StatuteTerms.Default with
    {
        Colleges = [new College("shops", "Boutiques", "Shops", 60), new College("customers", "Clients", "Customers", 40)],
        MaxProxies = 1,
    };

    private readonly Member _ana = new(Guid.NewGuid(), "Ana", "shops", Now.AddDays(-3), null, null);
    private readonly Member _bob = new(Guid.NewGuid(), "Bob", "shops", Now.AddDays(-2), null, null);
    private readonly Member _cyd = new(Guid.NewGuid(), "Cyd", "shops", Now.AddDays(-2), null, null);
    private readonly Member _dan = new(Guid.NewGuid(), "Dan", "customers", Now.AddDays(-1), null, null);

    private Proposal Opened(ProposalDraft? draft = null)
    {
        var decision = ProposalRules.Open(
            Guid.NewGuid(), draft ?? new ProposalDraft(ProposalKinds.Motion, "Dimanche", "", null, null, null), new StatutesVersion(1, Terms, null, null, Now),
            [_ana, _bob, _cyd, _dan], null, Guid.NewGuid(), Now, "salt");
        Assert.False(decision.IsRefused);
        return EventSourced.Fold<Proposal>(null, decision.Events)!;
    }

    private static Proposal Apply(Proposal proposal, Decision decision)
    {
        Assert.Null(decision.Refusal);
        return EventSourced.Fold(proposal, decision.Events)!;
    }

    [Fact]
    public void A_member_votes_once_changes_their_vote_until_the_close_and_not_after()
    {
        var p = Apply(Opened(), ProposalRules.Cast(Opened(), _ana.Id, _ana.Id, Choices.For, Now));
        p = Apply(p, ProposalRules.Cast(p, _ana.Id, _ana.Id, Choices.Against, Now.AddHours(1)));

        Assert.Empty(ProposalRules.Cast(p, _ana.Id, _ana.Id, Choices.Against, Now.AddHours(2)).Events); // the same vote again
        Assert.Equal(Choices.Against, Assert.Single(p.Ballots).Choice);
        Assert.Equal(ProposalRefusals.Closed, ProposalRules.Cast(p, _ana.Id, _ana.Id, Choices.For, p.ClosesAt).Refusal);
        Assert.Equal(ProposalRefusals.NotAVoter, ProposalRules.Cast(p, Guid.NewGuid(), Guid.NewGuid(), Choices.For, Now).Refusal);
    }

    [Fact]
    public void A_proxy_goes_to_one_member_of_the_same_college_who_votes_with_it_and_then_it_stays()
    {
        var p = Opened();
        Assert.Equal(ProposalRefusals.ProxyOtherCollege, ProposalRules.GiveProxy(p, _ana.Id, _dan.Id, Now).Refusal);
        Assert.Equal(ProposalRefusals.ProxyToSelf, ProposalRules.GiveProxy(p, _ana.Id, _ana.Id, Now).Refusal);
        p = Apply(p, ProposalRules.GiveProxy(p, _ana.Id, _bob.Id, Now));

        // Bob holds as many as the statutes allow (1); Ana cannot vote herself while her proxy stands; Cyd holds none of hers
        Assert.Equal(ProposalRefusals.ProxyTooMany, ProposalRules.GiveProxy(p, _cyd.Id, _bob.Id, Now).Refusal);
        Assert.Equal(ProposalRefusals.ProxyGiven, ProposalRules.Cast(p, _ana.Id, _ana.Id, Choices.For, Now).Refusal);
        Assert.Equal(ProposalRefusals.NoProxy, ProposalRules.Cast(p, _ana.Id, _cyd.Id, Choices.For, Now).Refusal);
        Assert.Equal(ProposalRefusals.ProxyHolderDelegated, ProposalRules.GiveProxy(p, _cyd.Id, _ana.Id, Now).Refusal);

        p = Apply(p, ProposalRules.Cast(p, _ana.Id, _bob.Id, Choices.Against, Now));
        Assert.Equal(ProposalRefusals.ProxyUsed, ProposalRules.WithdrawProxy(p, _ana.Id, Now).Refusal);
        var ballot = Assert.Single(p.Ballots);
        Assert.Equal((_ana.Id, _bob.Id, Choices.Against), (ballot.Voter, ballot.CastBy, ballot.Choice));
    }

    [Fact]
    public void A_proxy_not_yet_used_can_be_withdrawn_and_the_member_votes_again_themselves()
    {
        var p = Apply(Opened(), ProposalRules.GiveProxy(Opened(), _ana.Id, _bob.Id, Now));
        p = Apply(p, ProposalRules.WithdrawProxy(p, _ana.Id, Now));
        p = Apply(p, ProposalRules.Cast(p, _ana.Id, _ana.Id, Choices.For, Now));

        Assert.Empty(p.Proxies);
        Assert.Equal(ProposalRefusals.ProxyAlreadyVoted, ProposalRules.GiveProxy(p, _ana.Id, _bob.Id, Now).Refusal);
    }

    [Fact]
    public void The_sweep_reminds_the_silent_a_day_before_then_closes_with_the_result_and_an_adopted_fee()
    {
        var draft = new ProposalDraft(ProposalKinds.FeeChange, "4 %", "", new FeeChange(400, Now.AddDays(20)), null, null);
        var p = Opened(draft);
        p = Apply(p, ProposalRules.Cast(p, _ana.Id, _ana.Id, Choices.For, Now));
        p = Apply(p, ProposalRules.Cast(p, _dan.Id, _dan.Id, Choices.For, Now));

        Assert.Empty(ProposalRules.Sweep(p, p.ClosesAt.AddDays(-2)).Events);
        var reminder = ProposalRules.Sweep(p, p.ClosesAt.AddDays(-1));
        Assert.Equal(new[] { _bob.Id, _cyd.Id }.Order(), Assert.IsType<ProposalReminded>(Assert.Single(reminder.Events)).Voters.Order());
        p = Apply(p, reminder);
        Assert.Empty(ProposalRules.Sweep(p, p.ClosesAt.AddHours(-1)).Events); // reminded once
        var closing = ProposalRules.Sweep(p, p.ClosesAt);

        var closed = Assert.IsType<ProposalClosed>(closing.Events[0]);
        var adopted = Assert.IsType<FeeChangeAdopted>(closing.Events[1]);
        Assert.True(closed.Outcome.Adopted);
        Assert.Equal((400, Now.AddDays(20)), (adopted.FeeRate, adopted.EffectiveSince));
        Assert.Empty(ProposalRules.Sweep(Apply(p, closing), p.ClosesAt.AddDays(1)).Events);
    }

    [Fact]
    public void A_fee_change_taking_effect_before_the_close_is_refused()
    {
        var draft = new ProposalDraft(ProposalKinds.FeeChange, "4 %", "", new FeeChange(400, Now.AddDays(1)), null, null);

        var decision = ProposalRules.Open(Guid.NewGuid(), draft, new StatutesVersion(1, Terms, null, null, Now), [_ana], null, Guid.NewGuid(), Now, "salt");

        Assert.Equal(ProposalRefusals.EffectiveBeforeClose, decision.Refusal);
    }

    [Fact]
    public void The_hash_chain_verifies_as_written_and_finds_the_first_altered_event()
    {
        var opened = ProposalRules.Open(Guid.NewGuid(), new ProposalDraft(ProposalKinds.Motion, "M", "", null, null, null), new StatutesVersion(1, Terms, null, null, Now), [_ana, _bob], null, Guid.NewGuid(), Now, "salt");
        var p = EventSourced.Fold<Proposal>(null, opened.Events)!;
        var events = opened.Events.ToList();
        foreach (var (voter, choice) in new[] { (_ana.Id, Choices.For), (_bob.Id, Choices.Against), (_ana.Id, Choices.Abstain) })
        {
            var cast = ProposalRules.Cast(p, voter, voter, choice, Now);
            events.AddRange(cast.Events);
            p = EventSourced.Fold(p, cast.Events)!;
        }

        Assert.Null(ProposalChain.FirstBroken(p.Id, events));
        Assert.Equal(p.Head, ProposalChain.ChainOf(events[^1]));
        var altered = events.ToList();
        altered[2] = ((BallotCast)altered[2]) with { Choice = Choices.For };
        Assert.Equal(3, ProposalChain.FirstBroken(p.Id, altered));
        var removed = events.Where((_, i) => i != 1).ToList();
        Assert.Equal(2, ProposalChain.FirstBroken(p.Id, removed));
    }

    [Fact]
    public void Members_are_admitted_once_into_a_college_of_the_statutes()
    {
        var account = Guid.NewGuid();
        var admitted = EventSourced.Fold<Member>(null, MemberRules.Admit(null, Terms, account, "Eve", "customers", Guid.NewGuid(), null, Now).Events)!;

        Assert.Equal(MemberRefusals.NoSuchCollege, MemberRules.Admit(null, Terms, account, "Eve", "workers", null, null, Now).Refusal);
        Assert.Empty(MemberRules.Admit(admitted, Terms, account, "Eve", "customers", null, null, Now).Events);
        Assert.Equal(MemberRefusals.AlreadyAdmitted, MemberRules.Admit(admitted, Terms, account, "Eve", "shops", null, null, Now).Refusal);
    }
}
