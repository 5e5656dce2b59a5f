using System.Numerics;
using Marketplace.Governance.Statutes;

namespace Marketplace.Governance.Proposals;

/// <summary>One college's figures: its weight (percent), members called to vote, and their votes.</summary>
public sealed record CollegeCount(string College, int Weight, int Members, int For, int Against, int Abstain)
{
    public int TookPart => For + Against + Abstain;
}

/// <summary>
/// A proposal's result and every figure that produced it. ForShare is the weighted share of votes for it, in basis
/// points rounded down (for display: the decision compares the exact fraction ForNumerator / ForDenominator, kept as
/// decimal strings, with the majority). QuorumReached: TookPart reached QuorumPercent of Electorate.
/// </summary>
public sealed record Outcome(
    IReadOnlyList<CollegeCount> Colleges,
    int Electorate,
    int TookPart,
    int QuorumPercent,
    bool QuorumReached,
    bool AbstentionsCountAgainst,
    string Majority,
    string ForNumerator,
    string ForDenominator,
    int ForShare,
    bool Adopted);

/// <summary>
/// Counts a vote the way the statutes say: one member, one vote in their college; in each college the share for is
/// for ÷ (for + against), abstentions added to the divisor when they count against; the colleges' shares weighted by
/// their weight, colleges where no vote was expressed left out (their weight shared among the others); adopted when
/// the quorum is reached and the weighted share is above one half (simple) or at least two-thirds. Exact arithmetic
/// (fractions of big integers): anyone recounting from the published record gets the same answer, to the last vote.
/// </summary>
public static class Tally
{
    public static Outcome Count(StatuteTerms rules, string kind, IReadOnlyList<Voter> electorate, IEnumerable<Ballot> ballots)
    {
        var latest = new Dictionary<Guid, string>();
        foreach (var ballot in ballots)
        {
            latest[ballot.Voter] = ballot.Choice; // a later ballot replaces an earlier one
        }

        var colleges = rules.Colleges
            .Select(college =>
            {
                var members = electorate.Where(v => v.College == college.Key).ToList();
                int Counted(string choice) => members.Count(m => latest.TryGetValue(m.AccountId, out var c) && c == choice);
                return new CollegeCount(college.Key, college.Weight, members.Count, Counted(Choices.For), Counted(Choices.Against), Counted(Choices.Abstain));
            })
            .ToList();

        var tookPart = colleges.Sum(c => c.TookPart);
        var quorum = electorate.Count > 0 && (long)tookPart * 100 >= (long)rules.QuorumPercent * electorate.Count;

        // share = Σ w·f/d ÷ Σ w over the colleges with d > 0, as one fraction N/D.
        var expressed = colleges
            .Select(c => (c.Weight, For: (BigInteger)c.For, Divisor: (BigInteger)(c.For + c.Against + (rules.AbstentionsCountAgainst ? c.Abstain : 0))))
            .Where(c => c.Divisor > 0)
            .ToList();
        BigInteger numerator = 0, denominator = 0;
        if (expressed.Count > 0)
        {
            var product = expressed.Aggregate(BigInteger.One, (p, c) => p * c.Divisor);
            numerator = expressed.Aggregate(BigInteger.Zero, (n, c) => n + (c.Weight * c.For * (product / c.Divisor)));
            denominator = expressed.Sum(c => c.Weight) * product;
            var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (divisor > 1)
            {
                (numerator, denominator) = (numerator / divisor, denominator / divisor);
            }
        }

        var majority = rules.Majorities.For(kind);
        var enough = denominator > 0 && (majority == MajorityKinds.TwoThirds ? 3 * numerator >= 2 * denominator : 2 * numerator > denominator);
        var share = denominator > 0 ? (int)(numerator * 10_000 / denominator) : 0;
        return new Outcome(
            colleges, electorate.Count, tookPart, rules.QuorumPercent, quorum, rules.AbstentionsCountAgainst, majority,
            numerator.ToString(System.Globalization.CultureInfo.InvariantCulture), denominator.ToString(System.Globalization.CultureInfo.InvariantCulture),
            share, quorum && enough);
    }
}
