namespace Marketplace.Platform.Memberships;

/// <summary>An account's roles in one cooperative. Id = "{coop}/{accountId}": one document per pair.</summary>
public sealed record Membership
{
    public required string Id { get; init; }
    public required string Cooperative { get; init; }
    public required Guid AccountId { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }

    public static string IdFor(string cooperative, Guid accountId) => $"{cooperative}/{accountId}";

    /// <summary>The membership with <paramref name="role"/> added; null when it already holds it.</summary>
    public static Membership? Grant(Membership? current, string cooperative, Guid accountId, params string[] roles)
    {
        var held = current?.Roles ?? [];
        var missing = roles.Where(role => !held.Contains(role)).ToArray();
        if (current is not null && missing.Length == 0)
        {
            return null;
        }

        return new Membership
        {
            Id = IdFor(cooperative, accountId),
            Cooperative = cooperative,
            AccountId = accountId,
            Roles = [.. CooperativeRoles.All.Where(role => held.Contains(role) || missing.Contains(role))],
        };
    }
}

public static class CooperativeRoles
{
    public const string Customer = "customer";
    public const string ShopOwner = "shop_owner";
    public const string Member = "member";
    public const string Admin = "admin";

    /// <summary>In the order they are listed.</summary>
    public static readonly IReadOnlyList<string> All = [Customer, ShopOwner, Member, Admin];
}

/// <summary>
/// A membership as it is now, appended to the membership's own stream (key <see cref="Membership.Id"/>) in the same
/// transaction as the document: the relay tells the other services (ADR 51). Roles empty: the membership was removed.
/// </summary>
public sealed record MembershipRecorded(string Cooperative, Guid AccountId, IReadOnlyList<string> Roles, DateTimeOffset At);

/// <summary>Every change of a membership goes through here, so the document and its event never part.</summary>
internal static class MembershipRecords
{
    public static void Record(this Marten.IDocumentSession session, Membership membership, DateTimeOffset at)
    {
        session.Store(membership);
        session.Events.Append(membership.Id, new MembershipRecorded(membership.Cooperative, membership.AccountId, membership.Roles, at));
    }

    public static void Remove(this Marten.IDocumentSession session, Membership membership, DateTimeOffset at)
    {
        session.Delete(membership);
        session.Events.Append(membership.Id, new MembershipRecorded(membership.Cooperative, membership.AccountId, [], at));
    }
}
