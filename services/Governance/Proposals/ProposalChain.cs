using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Marketplace.Governance.Proposals;

/// <summary>
/// The hash chain over a proposal's events: each event's Chain is SHA-256 of the previous event's Chain (the proposal's
/// id for the first), the event's type name and its JSON without its own Chain. Altering a stored event (a ballot's
/// choice, a voter, a time) breaks its link and every later one; the head is published with the result, so a member
/// who kept it can tell that nothing was rewritten since.
/// </summary>
public static class ProposalChain
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>The event with its Chain set, linked after <paramref name="previous"/>.</summary>
    public static object Link(string previous, object change) => change switch
    {
        ProposalOpened e => e with { Chain = Hash(previous, e with { Chain = "" }) },
        BallotCast e => e with { Chain = Hash(previous, e with { Chain = "" }) },
        ProxyGiven e => e with { Chain = Hash(previous, e with { Chain = "" }) },
        ProxyWithdrawn e => e with { Chain = Hash(previous, e with { Chain = "" }) },
        ProposalReminded e => e with { Chain = Hash(previous, e with { Chain = "" }) },
        ProposalClosed e => e with { Chain = Hash(previous, e with { Chain = "" }) },
        FeeChangeAdopted e => e with { Chain = Hash(previous, e with { Chain = "" }) },
        _ => throw new ArgumentException($"{change.GetType().Name} is not an event of a proposal.", nameof(change)),
    };

    /// <summary>Links several new events, in order, after <paramref name="head"/>.</summary>
    public static IReadOnlyList<object> LinkAll(string head, IEnumerable<object> changes)
    {
        var linked = new List<object>();
        foreach (var change in changes)
        {
            var next = Link(head, change);
            head = ChainOf(next);
            linked.Add(next);
        }

        return linked;
    }

    /// <summary>The first link's "previous": the proposal's id.</summary>
    public static string Genesis(Guid proposal) => proposal.ToString("N");

    public static bool IsLinked(object change) =>
        change is ProposalOpened or BallotCast or ProxyGiven or ProxyWithdrawn or ProposalReminded or ProposalClosed or FeeChangeAdopted;

    public static string ChainOf(object change) => change switch
    {
        ProposalOpened e => e.Chain,
        BallotCast e => e.Chain,
        ProxyGiven e => e.Chain,
        ProxyWithdrawn e => e.Chain,
        ProposalReminded e => e.Chain,
        ProposalClosed e => e.Chain,
        FeeChangeAdopted e => e.Chain,
        _ => throw new ArgumentException($"{change.GetType().Name} is not an event of a proposal.", nameof(change)),
    };

    /// <summary>
    /// Checks the events as stored, oldest first: null when every link holds, else the 1-based position of the first
    /// event whose Chain is not what its content and the event before it give.
    /// </summary>
    public static int? FirstBroken(Guid proposal, IReadOnlyList<object> stored)
    {
        var previous = Genesis(proposal);
        for (var i = 0; i < stored.Count; i++)
        {
            if (!IsLinked(stored[i]))
            {
                return i + 1;
            }

            var expected = ChainOf(Link(previous, stored[i]));
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(ChainOf(stored[i]))))
            {
                return i + 1;
            }

            previous = expected;
        }

        return null;
    }

    private static string Hash<T>(string previous, T unlinked)
    {
        var bytes = Encoding.UTF8.GetBytes($"{previous}\n{typeof(T).Name}\n{JsonSerializer.Serialize(unlinked, Json)}");
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
