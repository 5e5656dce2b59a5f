using Marketplace.Governance.Proposals;
using Marketplace.Governance.Statutes;

namespace Marketplace.UnitTests.Governance;

public sealed class TallyTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static StatuteTerms Scic(bool abstentionsAgainst = false, int quorum = 25) => StatuteTerms.Default with
    {
        Colleges = [new College("shops", "Boutiques", "Shops", 50), new College("customers", "Clients", "Customers", 30), new College("workers", "Salariés", "Workers", 20)],
        QuorumPercent = quorum,
        AbstentionsCountAgainst = abstentionsAgainst,
    };

    private static (List<Voter> Electorate, List<Ballot> Ballots) Votes(params (string College, string? Choice)[] members)
    {
        var electorate = members.Select((m, i) => new Voter(Guid.NewGuid(), $"M{i}", m.College)).ToList();
        var ballots = electorate.Zip(members).Where(p => p.Second.Choice is not null).Select(p => new Ballot(p.First.AccountId, p.Second.Choice!, p.First.AccountId, At)).ToList();
        return (electorate, ballots);
    }

    [Fact]
    public void Each_college_counts_by_its_weight_not_by_its_size()
    {
        // Ten customers all against, two shops both for, one worker for: 50 % + 20 % for, 30 % against
        var (electorate, ballots) = Votes(
            [.. Enumerable.Repeat(("customers", (string?)Choices.Against), 10), ("shops", Choices.For), ("shops", Choices.For), ("workers", Choices.For)]);

        var outcome = Tally.Count(Scic(), ProposalKinds.FeeChange, electorate, ballots);

        Assert.Equal(7_000, outcome.ForShare);
        Assert.True(outcome.Adopted);
        Assert.Equal(13, outcome.TookPart);
        Assert.Equal([(2, 0), (0, 10), (1, 0)], outcome.Colleges.Select(c => (c.For, c.Against)));
    }

    [Fact]
    public void A_college_where_no_vote_was_expressed_leaves_its_weight_to_the_others()
    {
        // Workers only abstain (abstentions not counted): shops 1 for 1 against (1/2), customers 1 for → (50·½ + 30·1) / 80
        var (electorate, ballots) = Votes(("shops", Choices.For), ("shops", Choices.Against), ("customers", Choices.For), ("workers", Choices.Abstain));

        var outcome = Tally.Count(Scic(), ProposalKinds.Motion, electorate, ballots);

        Assert.Equal("11", outcome.ForNumerator);
        Assert.Equal("16", outcome.ForDenominator);
        Assert.Equal(6_875, outcome.ForShare);
        Assert.True(outcome.Adopted);
    }

    [Fact]
    public void Abstentions_count_against_when_the_statutes_say_so()
    {
        var (electorate, ballots) = Votes(("shops", Choices.For), ("shops", Choices.Abstain), ("customers", Choices.For), ("workers", Choices.For));

        Assert.True(Tally.Count(Scic(), ProposalKinds.Motion, electorate, ballots).Adopted);
        var strict = Tally.Count(Scic(abstentionsAgainst: true), ProposalKinds.Motion, electorate, ballots);
        // shops ½, customers 1, workers 1 → 25 + 30 + 20 = 75 %
        Assert.Equal(7_500, strict.ForShare);
    }

    [Fact]
    public void Two_thirds_is_met_at_exactly_two_thirds_and_a_simple_majority_needs_more_than_half()
    {
        var single = StatuteTerms.Default with { QuorumPercent = 0 };
        var (two, twoBallots) = Votes(("members", Choices.For), ("members", Choices.For), ("members", Choices.Against));
        var (half, halfBallots) = Votes(("members", Choices.For), ("members", Choices.Against));

        Assert.True(Tally.Count(single, ProposalKinds.Statutes, two, twoBallots).Adopted);
        Assert.False(Tally.Count(single, ProposalKinds.Motion, half, halfBallots).Adopted);
        var (justUnder, underBallots) = Votes([.. Enumerable.Repeat(("members", (string?)Choices.For), 199), .. Enumerable.Repeat(("members", (string?)Choices.Against), 101)]);
        Assert.False(Tally.Count(single, ProposalKinds.Statutes, justUnder, underBallots).Adopted); // 199/300 < 2/3
    }

    [Fact]
    public void Without_the_quorum_nothing_is_adopted_and_abstaining_counts_for_the_quorum()
    {
        // 8 members, quorum 25 %: one vote for is 12.5 %; one for and one abstention make 25 %
        var members = Enumerable.Repeat(("members", (string?)null), 6).ToArray();
        var (few, fewBallots) = Votes([("members", Choices.For), ("members", null), .. members]);
        var (enough, enoughBallots) = Votes([("members", Choices.For), ("members", Choices.Abstain), .. members]);

        var without = Tally.Count(StatuteTerms.Default, ProposalKinds.Motion, few, fewBallots);
        var with = Tally.Count(StatuteTerms.Default, ProposalKinds.Motion, enough, enoughBallots);

        Assert.False(without.QuorumReached);
        Assert.False(without.Adopted);
        Assert.True(with.QuorumReached);
        Assert.True(with.Adopted);
    }

    [Fact]
    public void A_later_ballot_of_the_same_member_replaces_the_earlier_one()
    {
        var (electorate, ballots) = Votes(("members", Choices.For));
        ballots.Add(ballots[0] with { Choice = Choices.Against });

        var outcome = Tally.Count(StatuteTerms.Default, ProposalKinds.Motion, electorate, ballots);

        Assert.Equal(1, outcome.TookPart);
        Assert.Equal(0, outcome.ForShare);
        Assert.False(outcome.Adopted);
    }

    [Fact]
    public void Generated_votes_count_every_voter_once_and_match_a_recount_by_floating_point()
    {
        var random = new Random(12);
        for (var run = 0; run < 2_000; run++)
        {
            var terms = Scic(abstentionsAgainst: random.Next(2) == 0, quorum: random.Next(0, 101));
            var members = Enumerable.Range(0, random.Next(1, 40))
                .Select(_ => (terms.Colleges[random.Next(3)].Key, random.Next(4) switch { 0 => (string?)null, 1 => Choices.For, 2 => Choices.Against, _ => Choices.Abstain }))
                .ToArray();
            var (electorate, ballots) = Votes(members);

            var outcome = Tally.Count(terms, ProposalKinds.Motion, electorate, ballots);

            Assert.Equal(ballots.Count, outcome.TookPart);
            Assert.Equal(electorate.Count, outcome.Colleges.Sum(c => c.Members));
            double weighted = 0, weights = 0;
            foreach (var college in outcome.Colleges)
            {
                var divisor = college.For + college.Against + (terms.AbstentionsCountAgainst ? college.Abstain : 0);
                if (divisor > 0)
                {
                    weighted += college.Weight * (double)college.For / divisor;
                    weights += college.Weight;
                }
            }

            var share = weights > 0 ? weighted / weights : 0;
            Assert.True(Math.Abs(share * 10_000 - outcome.ForShare) < 1.0001, $"run {run}: {share} vs {outcome.ForShare}");
            if (Math.Abs(share - 0.5) > 1e-9)
            {
                Assert.Equal(outcome.QuorumReached && share > 0.5, outcome.Adopted);
            }
        }
    }
}
