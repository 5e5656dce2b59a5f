using Marketplace.Payments.Allocation;

namespace Marketplace.Payments.Patronage;

/// <summary>A member of the cooperative as Payments knows it (Governance's MemberAdmitted). Id = the account.</summary>
public sealed record CooperativeMember(Guid Id, string Name, string College, DateTimeOffset AdmittedAt);

/// <summary>
/// One member's part of the patronage refund: their activity in the year (the sales of the shops they own, shared
/// equally between the shop's owners who are members, and their purchases as a customer, both net of refunds, in
/// minor units) and their share of the surplus.
/// </summary>
public sealed record PatronageLine(Guid AccountId, string Name, string College, long Sales, long Purchases, long Share)
{
    public long Activity => Sales + Purchases;
}

/// <summary>
/// The patronage refund (ristourne): the surplus the general assembly decided to give back, shared between the members
/// in proportion to their activity with the cooperative, with the allocator (the shares add up to the surplus to the
/// cent, the largest remainders get the cents left). A member with no activity gets nothing; with no activity at all,
/// nothing is shared.
/// </summary>
public static class PatronageRefund
{
    public static IReadOnlyList<PatronageLine> Share(
        long surplus,
        IReadOnlyList<CooperativeMember> members,
        IReadOnlyDictionary<Guid, long> salesByShop,
        IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> ownersByShop,
        IReadOnlyDictionary<Guid, long> purchasesByCustomer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(surplus);
        var memberIds = members.Select(m => m.Id).ToHashSet();
        var sales = members.ToDictionary(m => m.Id, _ => 0L);
        foreach (var (shop, amount) in salesByShop)
        {
            var owners = ownersByShop.GetValueOrDefault(shop, []).Where(memberIds.Contains).Distinct().Order().ToList();
            if (owners.Count == 0 || amount <= 0)
            {
                continue;
            }

            var parts = Allocator.Split(amount, [.. owners.Select(_ => 1L)]);
            for (var i = 0; i < owners.Count; i++)
            {
                sales[owners[i]] += parts[i];
            }
        }

        var lines = members
            .OrderBy(m => m.College, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Id)
            .Select(m => new PatronageLine(m.Id, m.Name, m.College, sales[m.Id], Math.Max(0, purchasesByCustomer.GetValueOrDefault(m.Id)), 0))
            .ToList();
        var weights = lines.Select(l => l.Activity).ToList();
        if (weights.Sum() == 0)
        {
            return lines;
        }

        var shares = Allocator.Split(surplus, weights);
        return [.. lines.Select((line, i) => line with { Share = shares[i] })];
    }
}
